//! The command surface has one source, `src-tauri/src/commands/list.rs`: the
//! capability is generated from it and allows exactly its commands, and the
//! generated TypeScript client names exactly them (the bindings drift test
//! keeps the committed `commands.ts` equal to `kuzet_app::bindings::commands_ts`
//! and `signatures.ts` to the commands' Rust signatures).

use kuzet_app::ipc::ErrorCode;
use kuzet_app::COMMAND_NAMES;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Permissions the capability grants besides Kuzet's own commands.
const NON_COMMAND_PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

fn repo_file(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
}

/// `capabilities/main.json` with its permissions made from the list: the
/// non-command ones, then `allow-<name>` for each listed command in order.
fn generated_capability(committed: &str) -> String {
    let mut cap: serde_json::Value = serde_json::from_str(committed).expect("capability JSON");
    let permissions = NON_COMMAND_PERMISSIONS
        .iter()
        .map(|p| p.to_string())
        .chain(COMMAND_NAMES.iter().map(|c| format!("allow-{}", c.replace('_', "-"))));
    cap["permissions"] = permissions.map(serde_json::Value::String).collect();
    serde_json::to_string_pretty(&cap).expect("capability JSON") + "\n"
}

#[test]
fn the_capability_allows_exactly_the_listed_commands() {
    if std::env::var_os("KUZET_WRITE_BINDINGS").is_some() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json");
        std::fs::write(&path, generated_capability(&repo_file("capabilities/main.json"))).expect("write capability");
    }
    let text = repo_file("capabilities/main.json");
    assert!(
        text == generated_capability(&text),
        "capabilities/main.json is not as generated from src-tauri/src/commands/list.rs; \
         regenerate with KUZET_WRITE_BINDINGS=1 cargo test -p kuzet-app --test app"
    );
    let cap: serde_json::Value = serde_json::from_str(&text).expect("capability JSON");
    let granted: BTreeSet<String> = cap["permissions"]
        .as_array()
        .expect("permissions array")
        .iter()
        .map(|p| p.as_str().expect("permission is a string").to_string())
        .filter(|p| !NON_COMMAND_PERMISSIONS.contains(&p.as_str()))
        .collect();
    let want: BTreeSet<String> = COMMAND_NAMES.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    let missing: Vec<_> = want.difference(&granted).collect();
    let extra: Vec<_> = granted.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "capabilities/main.json drifted from src-tauri/src/commands/list.rs: missing {missing:?}, extra {extra:?}"
    );
    assert!(COMMAND_NAMES.len() > 60, "the list has only {} commands", COMMAND_NAMES.len());
    assert!(COMMAND_NAMES.contains(&"overview_preview") && COMMAND_NAMES.contains(&"case_create"));
}

#[test]
fn the_generated_client_names_every_listed_command_once() {
    let ts = repo_file("ui/src/lib/bindings/commands.ts");
    for name in COMMAND_NAMES {
        assert_eq!(ts.matches(&format!("\"{name}\",")).count(), 1, "{name} is not once in commands.ts");
    }
    let unique: BTreeSet<_> = COMMAND_NAMES.iter().collect();
    assert_eq!(unique.len(), COMMAND_NAMES.len(), "a command is listed twice in list.rs");
}

#[test]
fn error_codes_are_all_listed_in_order() {
    for (i, code) in ErrorCode::ALL.iter().enumerate() {
        assert_eq!(code.index(), i, "{code:?} is out of place in ErrorCode::ALL");
    }
    let ts = repo_file("ui/src/lib/bindings/commands.ts");
    let codes = &ts[ts.find("ERROR_CODES").expect("ERROR_CODES in commands.ts")..];
    for code in ErrorCode::ALL {
        assert!(codes.contains(&format!("\"{code:?}\",")), "{code:?} missing from ERROR_CODES");
    }
}
