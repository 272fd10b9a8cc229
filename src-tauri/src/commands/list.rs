// The one list of the shell's commands, as `module::function` under
// `src-tauri/src/commands/`. It is read in two places, each with its own
// `kuzet_commands!` macro: `src-tauri/build.rs` (the names tauri-build makes
// an `allow-<name>` permission for) and `src-tauri/src/lib.rs` (the invoke
// handler and `COMMAND_NAMES`, from which tests/app/surface.rs checks the
// capability and the generated TypeScript client). Adding a command means
// adding its line here; the capability (capabilities/main.json) is the one
// other place that names it, and tests/app/surface.rs fails until it does.
kuzet_commands! {
    app::app_info,
    app::activity,
    vault::vault_create,
    vault::vault_open,
    vault::vault_lock,
    vault::vault_status,
    vault::passphrase_change,
    vault::backup_create,
    dialogs::pick_open_path,
    dialogs::pick_save_path,
    taxonomy::taxonomy_get,
    taxonomy::taxonomy_add_category,
    taxonomy::taxonomy_relabel,
    taxonomy::taxonomy_set_retired,
    cases::cases_find,
    cases::case_get,
    cases::case_create,
    cases::case_update,
    cases::case_delete,
    cases::development_create,
    cases::development_update,
    cases::development_delete,
    drafts::editor_draft_get,
    drafts::editor_draft_save,
    drafts::editor_draft_clear,
    overview::summary_month,
    overview::overview_draft_get,
    overview::overview_draft_save,
    overview::overview_draft_reset,
    overview::overview_preview,
    overview::overview_name_check,
    overview::overview_export_pdf,
    publication::public_figure_add,
    publication::private_name_add,
    publication::cases_export_check,
    publication::cases_export,
    settings::settings_get,
    settings::settings_save,
}
