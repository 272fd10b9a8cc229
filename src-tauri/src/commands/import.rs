//! The CSV/XLSX import from the app: pick a file, check it (nothing is
//! written; every problem listed with its line or row and column), then
//! import it all or nothing. The rules are the core's
//! ([`kuzet_core::transfer::import_file`]), the same as `kuzet import`.

use crate::dialogs;
use crate::ipc::{ErrorCode, ImportCheckDto, ImportSummaryDto, IpcError, IpcResult};
use crate::state::AppState;
use kuzet_core::transfer::{self, ImportFormat, ImportOptions, TransferError};
use kuzet_core::vault::{ImportSummary, VaultError};
use std::path::{Path, PathBuf};
use tauri::State;

/// Asks which CSV or XLSX file to import; null when cancelled.
#[tauri::command]
pub async fn pick_import_path(state: State<'_, AppState>) -> IpcResult<Option<String>> {
    state.touch();
    Ok(dialogs::import_path(&state.launch).await?.map(|p| p.display().to_string()))
}

/// The file's bytes, or a problem on `path` (unreadable, too large).
fn read(path: &str) -> IpcResult<(PathBuf, Vec<u8>)> {
    let file = PathBuf::from(path);
    let bytes = transfer::read_import_file(&file).map_err(|e| IpcError::invalid("path", e.to_string()))?;
    Ok((file, bytes))
}

fn file_name(file: &Path) -> String {
    file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A transfer failure other than a bad file.
fn failed(e: TransferError) -> IpcError {
    match e {
        TransferError::Invalid(rows) => VaultError::Import(rows).into(),
        TransferError::Vault(v) => v.into(),
        other => IpcError::internal(other.to_string()),
    }
}

/// Checks the file at `path` (CSV or XLSX, told by its content) against
/// the vault without writing anything: what it would add, update or leave
/// unchanged, or every problem (then the counts are zero).
#[tauri::command]
pub async fn cases_import_check(state: State<'_, AppState>, path: String) -> IpcResult<ImportCheckDto> {
    let (file, bytes) = read(&path)?;
    let format = ImportFormat::of(&bytes);
    let options = ImportOptions { dry_run: true, origin: file_name(&file) };
    state.with_vault_long(|v| {
        let (summary, problems) = match transfer::import_file(v, &bytes, format, options, chrono::Utc::now()) {
            Ok(s) => (s, Vec::new()),
            Err(TransferError::Invalid(rows)) => (ImportSummary::default(), rows.into_iter().map(Into::into).collect()),
            Err(e) => return Err(failed(e)),
        };
        Ok(ImportCheckDto {
            file_name: file_name(&file),
            format: format.into(),
            size_bytes: bytes.len() as u64,
            digest: transfer::file_digest(&bytes),
            added: summary.added,
            updated: summary.updated,
            unchanged: summary.unchanged,
            problems,
        })
    })
}

/// Imports the file at `path`, all rows or none, if it is still the file
/// `digest` (from [`cases_import_check`]) describes; the history records
/// `import: <file name>` as the source.
///
/// # Errors
/// [`ErrorCode::FileChanged`] when the file's SHA-256 is not `digest`;
/// [`ErrorCode::Validation`] with every problem when the file is refused
/// (nothing written).
#[tauri::command]
pub async fn cases_import(state: State<'_, AppState>, path: String, digest: String) -> IpcResult<ImportSummaryDto> {
    let (file, bytes) = read(&path)?;
    if transfer::file_digest(&bytes) != digest.trim().to_ascii_lowercase() {
        return Err(IpcError::new(
            ErrorCode::FileChanged,
            format!("{} changed after it was checked: check it again; nothing was written", file_name(&file)),
        ));
    }
    let format = ImportFormat::of(&bytes);
    let options = ImportOptions { dry_run: false, origin: file_name(&file) };
    state.with_vault_long(|v| {
        transfer::import_file(v, &bytes, format, options, chrono::Utc::now()).map(Into::into).map_err(failed)
    })
}
