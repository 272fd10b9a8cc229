//! TypeScript bindings of the transport types, generated with ts-rs into
//! `ui/src/lib/bindings/` (committed). `cargo test -p kuzet-app` regenerates
//! them into a temporary directory and fails when the committed files differ;
//! `KUZET_WRITE_BINDINGS=1 cargo test -p kuzet-app --test app bindings`
//! rewrites the committed files.
//!
//! Besides the ts-rs types it writes `commands.ts` ([`commands_ts`]): the
//! name of every command of `src/commands/list.rs` and every [`ErrorCode`],
//! so the UI's client and `CODES` are generated, never copied.

use crate::ipc::*;
use std::path::Path;
use ts_rs::{Config, TS};

/// Where the committed bindings live, relative to the repository root.
pub const BINDINGS_DIR: &str = "ui/src/lib/bindings";

/// Writes the TypeScript file of every transport type (and what it refers
/// to) into `dir`.
///
/// # Errors
/// When a file cannot be written.
pub fn export_all(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    AppInfo::export_all(&cfg)?;
    VaultInfo::export_all(&cfg)?;
    VaultStatus::export_all(&cfg)?;
    VaultLockedEvent::export_all(&cfg)?;
    SettingsDto::export_all(&cfg)?;
    IpcError::export_all(&cfg)?;
    TaxonomyDto::export_all(&cfg)?;
    CaseFilterDto::export_all(&cfg)?;
    CasePageDto::export_all(&cfg)?;
    CaseDto::export_all(&cfg)?;
    CaseInputDto::export_all(&cfg)?;
    DevelopmentDto::export_all(&cfg)?;
    DevelopmentInputDto::export_all(&cfg)?;
    MonthSummaryDto::export_all(&cfg)?;
    AnnualSummaryDto::export_all(&cfg)?;
    PlatformSplitRowDto::export_all(&cfg)?;
    OverviewDraftDto::export_all(&cfg)?;
    ReportModelDto::export_all(&cfg)?;
    Field::export_all(&cfg)?;
    NameCandidateDto::export_all(&cfg)?;
    EditionDto::export_all(&cfg)?;
    ExportFormatDto::export_all(&cfg)?;
    AttachmentDto::export_all(&cfg)?;
    ExtractedDto::export_all(&cfg)?;
    HistoryEntryDto::export_all(&cfg)?;
    TrashedCaseDto::export_all(&cfg)?;
    VerifyDto::export_all(&cfg)?;
    IdentityDto::export_all(&cfg)?;
    PeerDto::export_all(&cfg)?;
    BundleExportDto::export_all(&cfg)?;
    BundleReportDto::export_all(&cfg)?;
    HeldDto::export_all(&cfg)?;
    ResolutionDto::export_all(&cfg)?;
    DuplicateDto::export_all(&cfg)?;
    LinkKindDto::export_all(&cfg)?;
    ImportCheckDto::export_all(&cfg)?;
    ImportSummaryDto::export_all(&cfg)?;
    write_limits(dir)?;
    std::fs::write(dir.join(COMMANDS_FILE), commands_ts())?;
    Ok(())
}

/// The TypeScript text of `limits.ts`: the core's input limits as constants.
pub fn limits_ts() -> String {
    use kuzet_core::problem::limits::*;
    format!(
        "// Generated from kuzet_core::problem::limits by src-tauri/src/bindings.rs; do not edit.\n\n\
         /** The longest title accepted, in characters. */\nexport const MAX_TITLE_CHARS = {MAX_TITLE_CHARS};\n\
         /** The longest external reference accepted, in characters. */\nexport const MAX_REF_CHARS = {MAX_REF_CHARS};\n\
         /** The longest private name (a name or phrase to hide) accepted, in characters. */\n\
         export const MAX_PRIVATE_NAME_CHARS = {MAX_PRIVATE_NAME_CHARS};\n\
         /** The longest summary (or translation, or overview text) accepted, in characters. */\n\
         export const MAX_SUMMARY_CHARS = {MAX_SUMMARY_CHARS};\n\
         /** The longest victim name, outlet, court, outcome or source accepted, in characters. */\n\
         export const MAX_FIELD_CHARS = {MAX_FIELD_CHARS};\n\
         /** The most sources a record may have. */\nexport const MAX_SOURCES = {MAX_SOURCES};\n\
         /** The most private names a record may have. */\nexport const MAX_PRIVATE_NAMES = {MAX_PRIVATE_NAMES};\n\
         /** The first year an event date (and an annual overview) may have. */\n\
         export const FIRST_EVENT_YEAR = {first};\n\
         /** The last year an event date (and an annual overview) may have. */\n\
         export const LAST_EVENT_YEAR = {last};\n",
        first = kuzet_core::month::FIRST_EVENT_YEAR,
        last = kuzet_core::month::LAST_EVENT_YEAR,
    )
}

fn write_limits(dir: &Path) -> Result<(), ts_rs::ExportError> {
    std::fs::write(dir.join("limits.ts"), limits_ts())?;
    Ok(())
}

/// The generated command client's file name inside [`BINDINGS_DIR`].
pub const COMMANDS_FILE: &str = "commands.ts";

/// The text of `commands.ts`: `COMMANDS` (every command name of
/// [`crate::COMMAND_NAMES`], in list order), the `CommandName` union and
/// `ERROR_CODES` (every [`ErrorCode`], in declaration order).
pub fn commands_ts() -> String {
    fn quoted(names: impl Iterator<Item = String>) -> String {
        names.map(|n| format!("  \"{n}\",\n")).collect()
    }
    let commands = quoted(crate::COMMAND_NAMES.iter().map(|n| n.to_string()));
    let codes = quoted(ErrorCode::ALL.iter().map(|c| format!("{c:?}")));
    format!(
        "// Generated from src-tauri/src/commands/list.rs and ErrorCode by src-tauri/src/bindings.rs. Do not edit.\n\
         import type {{ ErrorCode }} from \"./ErrorCode\";\n\n\
         /** Every command of the shell, in the order of src-tauri/src/commands/list.rs. */\n\
         export const COMMANDS = [\n{commands}] as const;\n\n\
         /** The name of one command. */\n\
         export type CommandName = (typeof COMMANDS)[number];\n\n\
         /** Every error code of the shell's `IpcError`. */\n\
         export const ERROR_CODES: readonly ErrorCode[] = [\n{codes}];\n"
    )
}
