//! Evidence and accountability: attachments of a case, its history and
//! earlier versions, the trash, and the vault's integrity check.

use crate::commands::cases::case_id;
use crate::dialogs;
use crate::ipc::{
    AttachmentDto, CaseDto, ExtractedDto, HistoryEntryDto, IpcError, IpcResult, TrashedCaseDto, VerifyDto,
};
use crate::state::AppState;
use base64::Engine;
use kuzet_core::case::AttachmentId;
use kuzet_core::transfer::{check_output_path, Replace};
use std::path::PathBuf;
use std::str::FromStr;
use tauri::State;

fn attachment_id(id: &str) -> IpcResult<AttachmentId> {
    AttachmentId::from_str(id).map_err(|_| IpcError::invalid("id", "is not an attachment id"))
}

/// Asks which files to attach (any type, several at once); empty when
/// cancelled.
#[tauri::command]
pub async fn pick_attachment_paths(state: State<'_, AppState>) -> IpcResult<Vec<String>> {
    state.touch();
    let picked = dialogs::attachment_paths(&state.launch).await?;
    Ok(picked.iter().map(|p| p.display().to_string()).collect())
}

/// Adds files to a case, in order, all or none; each is stored encrypted
/// in the vault with its SHA-256 and recorded in the history.
#[tauri::command]
pub async fn attachment_add(
    state: State<'_, AppState>,
    case_id: String,
    paths: Vec<String>,
) -> IpcResult<Vec<AttachmentDto>> {
    let id = self::case_id(&case_id)?;
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let files: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    state.with_vault_long(move |v| {
        let added = v.add_attachments(id, &files, chrono::Utc::now())?;
        Ok(added.iter().map(Into::into).collect())
    })
}

/// The attachments of a case, in the order they were added.
#[tauri::command]
pub async fn attachments_list(state: State<'_, AppState>, case_id: String) -> IpcResult<Vec<AttachmentDto>> {
    let id = self::case_id(&case_id)?;
    state.with_vault(|v| Ok(v.attachments(id)?.iter().map(Into::into).collect()))
}

/// A `data:image/png;base64,…` thumbnail of an image attachment (made in
/// memory, never written to disk); null for other files.
#[tauri::command]
pub async fn attachment_thumbnail(state: State<'_, AppState>, id: String) -> IpcResult<Option<String>> {
    let id = attachment_id(&id)?;
    state.with_vault_long(move |v| {
        let png = v.attachment_thumbnail(id)?;
        Ok(png.map(|b| format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(b))))
    })
}

/// Writes a copy of an attachment to `path` (chosen in the save dialog),
/// verifying its SHA-256 on the way (`Corrupt` on a mismatch, nothing
/// left at `path`); with `stripMetadata`, an image without EXIF/XMP.
#[tauri::command]
pub async fn attachment_extract(
    state: State<'_, AppState>,
    id: String,
    path: String,
    strip_metadata: bool,
) -> IpcResult<ExtractedDto> {
    let id = attachment_id(&id)?;
    let out = PathBuf::from(path);
    state.with_vault_long(move |v| {
        check_output_path(v.path(), &out, Replace::Confirmed)?;
        let done = if strip_metadata {
            v.extract_attachment_for_publication(id, &out)?
        } else {
            v.extract_attachment(id, &out)?
        };
        Ok(done.into())
    })
}

/// Removes an attachment for good; the history keeps its name and hash.
#[tauri::command]
pub async fn attachment_remove(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    let id = attachment_id(&id)?;
    state.with_vault(|v| Ok(v.remove_attachment(id, chrono::Utc::now())?))
}

/// The history of a case, newest first (with its developments' and
/// attachments').
#[tauri::command]
pub async fn case_history(state: State<'_, AppState>, case_id: String) -> IpcResult<Vec<HistoryEntryDto>> {
    let id = self::case_id(&case_id)?;
    state.with_vault(|v| Ok(v.case_history(id)?.iter().map(Into::into).collect()))
}

/// The case as it was after history entry `seq` (read only; no
/// developments: they have their own entries).
#[tauri::command]
pub async fn case_version(state: State<'_, AppState>, case_id: String, seq: u32) -> IpcResult<CaseDto> {
    let id = self::case_id(&case_id)?;
    state.with_vault(|v| Ok(CaseDto::new(&v.case_version(id, u64::from(seq))?, &[])))
}

/// Makes the version `seq` current again, as a new change.
#[tauri::command]
pub async fn case_version_restore(state: State<'_, AppState>, case_id: String, seq: u32) -> IpcResult<CaseDto> {
    let id = self::case_id(&case_id)?;
    state.with_vault(|v| {
        let case = v.restore_case_version(id, u64::from(seq), chrono::Utc::now())?;
        Ok(CaseDto::new(&case, &v.developments(id)?))
    })
}

/// The cases in the trash, most recently deleted first.
#[tauri::command]
pub async fn trash_list(state: State<'_, AppState>) -> IpcResult<Vec<TrashedCaseDto>> {
    state.with_vault(|v| Ok(v.trash()?.iter().map(Into::into).collect()))
}

/// Puts a case from the trash back.
#[tauri::command]
pub async fn trash_restore(state: State<'_, AppState>, case_id: String) -> IpcResult<CaseDto> {
    let id = self::case_id(&case_id)?;
    state.with_vault(|v| {
        let case = v.restore_from_trash(id, chrono::Utc::now())?;
        Ok(CaseDto::new(&case, &v.developments(id)?))
    })
}

/// Empties the trash for good; returns how many cases were removed.
#[tauri::command]
pub async fn trash_empty(state: State<'_, AppState>) -> IpcResult<u32> {
    state.with_vault_long(|v| Ok(v.empty_trash(chrono::Utc::now())?))
}

/// Checks the history chain and re-hashes every attachment.
#[tauri::command]
pub async fn vault_verify(state: State<'_, AppState>) -> IpcResult<VerifyDto> {
    state.with_vault_long(|v| Ok((&v.verify()?).into()))
}
