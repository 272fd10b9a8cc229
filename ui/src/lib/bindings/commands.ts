// Generated from src-tauri/src/commands/list.rs and ErrorCode by src-tauri/src/bindings.rs. Do not edit.
import type { ErrorCode } from "./ErrorCode";

/** Every command of the shell, in the order of src-tauri/src/commands/list.rs. */
export const COMMANDS = [
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
  "editor_draft_get",
  "editor_draft_save",
  "editor_draft_clear",
  "summary_month",
  "overview_draft_get",
  "overview_draft_save",
  "overview_draft_reset",
  "overview_preview",
  "overview_name_check",
  "overview_export_pdf",
  "public_figure_add",
  "private_name_add",
  "cases_export_check",
  "cases_export",
  "settings_get",
  "settings_save",
] as const;

/** The name of one command. */
export type CommandName = (typeof COMMANDS)[number];

/** Every error code of the shell's `IpcError`. */
export const ERROR_CODES: readonly ErrorCode[] = [
  "Locked",
  "WrongPassphrase",
  "NotAVault",
  "InUse",
  "AlreadyExists",
  "Missing",
  "Validation",
  "NotFound",
  "NoDialog",
  "TooNew",
  "OutputRefused",
  "NamesUnchecked",
  "Internal",
];
