//! The committed TypeScript bindings must match the Rust transport types.

use crate::signatures::{signatures_ts, SIGNATURES_FILE};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn read_dir_ts(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        if path.extension().is_some_and(|e| e == "ts") {
            let name = path.file_name().expect("file name").to_string_lossy().into_owned();
            out.insert(name, std::fs::read_to_string(&path).expect("read binding"));
        }
    }
    out
}

/// The ts-rs bindings, the constants and the typed command client.
fn write_all(dir: &Path) {
    kuzet_app::bindings::export_all(dir).expect("write bindings");
    let commands = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/commands");
    let (text, imports) = signatures_ts(&commands);
    let missing: Vec<_> = imports.iter().filter(|t| !dir.join(format!("{t}.ts")).exists()).collect();
    assert!(
        missing.is_empty(),
        "commands use types without a ts-rs binding (add them to bindings::export_all): {missing:?}"
    );
    std::fs::write(dir.join(SIGNATURES_FILE), text).expect("write signatures");
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(kuzet_app::bindings::BINDINGS_DIR);
    if std::env::var_os("KUZET_WRITE_BINDINGS").is_some() {
        for name in read_dir_ts(&committed).keys() {
            std::fs::remove_file(committed.join(name)).expect("remove old binding");
        }
        write_all(&committed);
    }
    let fresh = tempfile::tempdir().expect("temp dir");
    write_all(fresh.path());
    let want = read_dir_ts(fresh.path());
    let got = read_dir_ts(&committed);
    assert!(
        want.contains_key("CaseDto.ts") && want.contains_key("IpcError.ts"),
        "generation produced {:?}",
        want.keys()
    );
    let missing: Vec<_> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<_> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    let changed: Vec<_> = want.iter().filter(|(k, v)| got.get(*k).is_some_and(|g| g != *v)).map(|(k, _)| k).collect();
    assert!(
        missing.is_empty() && extra.is_empty() && changed.is_empty(),
        "ui/src/lib/bindings drifted from the Rust types (missing {missing:?}, extra {extra:?}, changed {changed:?}); \
         regenerate with KUZET_WRITE_BINDINGS=1 cargo test -p kuzet-app --test app bindings"
    );
}
