//! Safe publication from the app: the pre-publication check's two answers
//! (a public figure, or a name to hide on its case) and the export of
//! cases, full or as a public copy.

use crate::commands::overview::names_confirmed;
use crate::dialogs;
use crate::ipc::{EditionDto, EntryRefDto, ExportFormatDto, IpcError, IpcResult, NameCandidateDto};
use crate::state::AppState;
use kuzet_core::month::{local_date, Month};
use kuzet_core::publication::{self, PublicFigures, PUBLIC_FIGURES_KEY};
use kuzet_core::transfer::{self, check_output_path, ExportFormat, ExportSet, Replace};
use kuzet_core::vault::Vault;
use std::str::FromStr;
use tauri::State;

/// Adds `name` to the vault's public figures (the check lets it pass in
/// every declined form). Returns the list, in alphabetical order.
#[tauri::command]
pub async fn public_figure_add(state: State<'_, AppState>, name: String) -> IpcResult<Vec<String>> {
    if name.trim().is_empty() {
        return Err(IpcError::invalid("name", "is empty"));
    }
    state.with_vault(|v| {
        let mut figures: PublicFigures = v.get_document(PUBLIC_FIGURES_KEY)?.unwrap_or_default();
        if figures.add(&name) {
            v.put_document(PUBLIC_FIGURES_KEY, &figures)?;
        }
        Ok(figures.names)
    })
}

/// Marks `name` private on the case or development `item` (it is hidden in
/// every public output from now on). Returns false when it was marked
/// already.
#[tauri::command]
pub async fn private_name_add(state: State<'_, AppState>, item: EntryRefDto, name: String) -> IpcResult<bool> {
    let item = item.to_core().ok_or_else(|| IpcError::invalid("item", "is not a case or development id"))?;
    state.with_vault(|v| Ok(publication::mark_private(v, item, &name, chrono::Utc::now())?))
}

fn month(s: &Option<String>) -> IpcResult<Option<Month>> {
    s.as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| Month::from_str(s.trim()).map_err(|e| IpcError::invalid("month", e.to_string())))
        .transpose()
}

/// The records to export in `edition`, and for a public copy its
/// pre-publication check (over the source's titles and summaries).
fn export_set(
    v: &Vault,
    month: Option<Month>,
    edition: EditionDto,
) -> IpcResult<(ExportSet, Vec<publication::NameCandidate>)> {
    let set = transfer::select(v, month).map_err(|e| IpcError::internal(e.to_string()))?;
    match edition {
        EditionDto::Full => Ok((set, Vec::new())),
        EditionDto::Public => Ok(publication::public_export(v, &set)?),
    }
}

/// The pre-publication check of a public copy of the cases (of `month`,
/// `"YYYY-MM"`, or all): names its texts would carry that nobody marked.
#[tauri::command]
pub async fn cases_export_check(state: State<'_, AppState>, month: Option<String>) -> IpcResult<Vec<NameCandidateDto>> {
    let month = self::month(&month)?;
    state.with_vault(|v| Ok(export_set(v, month, EditionDto::Public)?.1.iter().map(Into::into).collect()))
}

/// Asks where to save and writes the cases (of `month`, or all) with their
/// developments as CSV, XLSX or JSON: the full export, or the public copy
/// (for which every name of `cases_export_check` must be in
/// `confirmedNames`, else `NamesUnchecked` and nothing is asked or
/// written). The suggested name says which: `kuzet-cases-public-2024-05-…`.
/// The file is plaintext by the user's choice; never written over the
/// vault, its lock file, a link or a device (`OutputRefused`). Returns the
/// path, or null when the user cancelled.
#[tauri::command]
pub async fn cases_export(
    state: State<'_, AppState>,
    format: ExportFormatDto,
    edition: EditionDto,
    month: Option<String>,
    confirmed_names: Vec<String>,
) -> IpcResult<Option<String>> {
    let month = self::month(&month)?;
    let (set, vault_path) = state.with_vault(|v| {
        let (set, check) = export_set(v, month, edition)?;
        names_confirmed(&check, &confirmed_names)?;
        Ok((set, v.path().to_path_buf()))
    })?;
    let format = match format {
        ExportFormatDto::Csv => ExportFormat::Csv,
        ExportFormatDto::CsvSemicolon => ExportFormat::CsvSemicolon,
        ExportFormatDto::Xlsx => ExportFormat::Xlsx,
        ExportFormatDto::Json => ExportFormat::Json,
    };
    let now = chrono::Utc::now();
    let name = set.edition.file_name(month, local_date(now), format);
    let Some(path) = dialogs::save_path(&state.launch, &name, format.extension()).await? else {
        return Ok(None);
    };
    check_output_path(&vault_path, &path, Replace::Confirmed)?;
    let written = path.clone();
    tauri::async_runtime::spawn_blocking(move || transfer::write_export(&set, format, &path, now))
        .await
        .map_err(|e| IpcError::internal(format!("the export stopped: {e}")))?
        .map_err(|e| IpcError::internal(e.to_string()))?;
    state.touch();
    Ok(Some(written.display().to_string()))
}
