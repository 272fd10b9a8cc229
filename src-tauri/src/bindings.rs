//! TypeScript bindings of the transport types, generated with ts-rs into
//! `ui/src/lib/bindings/` (committed). `cargo test -p kuzet-app` regenerates
//! them into a temporary directory and fails when the committed files differ;
//! `KUZET_WRITE_BINDINGS=1 cargo test -p kuzet-app --test app bindings`
//! rewrites the committed files.

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
    OverviewDraftDto::export_all(&cfg)?;
    ReportModelDto::export_all(&cfg)?;
    Field::export_all(&cfg)?;
    write_limits(dir)?;
    Ok(())
}

/// The TypeScript text of `limits.ts`: the core's input limits as constants.
pub fn limits_ts() -> String {
    use kuzet_core::problem::limits::*;
    format!(
        "// Generated from kuzet_core::problem::limits by src-tauri/src/bindings.rs; do not edit.\n\n\
         /** The longest title accepted, in characters. */\nexport const MAX_TITLE_CHARS = {MAX_TITLE_CHARS};\n\
         /** The longest external reference accepted, in characters. */\nexport const MAX_REF_CHARS = {MAX_REF_CHARS};\n"
    )
}

fn write_limits(dir: &Path) -> Result<(), ts_rs::ExportError> {
    std::fs::write(dir.join("limits.ts"), limits_ts())?;
    Ok(())
}
