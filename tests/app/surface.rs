//! The command surface has one source, `src-tauri/src/commands/list.rs`: the
//! capability allows exactly its commands and the generated TypeScript
//! client names exactly them (the bindings drift test keeps the committed
//! `commands.ts` equal to `kuzet_app::bindings::commands_ts`).

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

#[test]
fn the_capability_allows_exactly_the_listed_commands() {
    let cap: serde_json::Value = serde_json::from_str(&repo_file("capabilities/main.json")).expect("capability JSON");
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
    assert_eq!(COMMAND_NAMES.len(), 66, "the list has {} commands", COMMAND_NAMES.len());
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

/// Every `#[tauri::command]` function under `dir` (the name of the next `fn`
/// after the attribute), sorted.
fn tauri_commands_in(dir: &std::path::Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        let text = std::fs::read_to_string(&path).expect("read command module");
        for (_, after) in text.match_indices("#[tauri::command").map(|(i, _)| (i, &text[i..])) {
            let rest = &after[after.find("fn ").expect("a fn after #[tauri::command]") + 3..];
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            names.push(rest[..end].to_string());
        }
    }
    names.sort();
    names
}

#[test]
fn every_tauri_command_function_is_in_the_list() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/commands");
    let written = tauri_commands_in(&dir);
    let mut listed: Vec<String> = COMMAND_NAMES.iter().map(|c| c.to_string()).collect();
    listed.sort();
    assert!(written.contains(&"overview_export_pdf".to_string()), "scan found {written:?}");
    assert_eq!(written, listed, "a #[tauri::command] under src-tauri/src/commands is missing from commands/list.rs");
}
