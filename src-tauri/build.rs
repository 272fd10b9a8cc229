//! Build script of the desktop shell: reads `tauri.conf.json` and the
//! capabilities, and declares the app's own commands so each must be
//! allowed explicitly (capabilities/main.json).

/// Every command of the shell; keep in sync with `generate_handler!` in
/// src-tauri/src/lib.rs and with capabilities/main.json.
const COMMANDS: &[&str] = &[
    "app_info",
    "activity",
    "vault_create",
    "vault_open",
    "vault_lock",
    "vault_status",
    "passphrase_change",
    "backup_create",
    "pick_open_path",
    "pick_save_path",
    "taxonomy_get",
    "taxonomy_add_category",
    "taxonomy_relabel",
    "taxonomy_set_retired",
    "cases_find",
    "case_get",
    "case_create",
    "case_update",
    "case_delete",
    "development_create",
    "development_update",
    "development_delete",
    "summary_month",
    "overview_draft_get",
    "overview_draft_save",
    "overview_preview",
    "overview_export_pdf",
    "settings_get",
    "settings_save",
    "editor_draft_get",
    "editor_draft_save",
    "editor_draft_clear",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
