//! The month's counts and the monthly overview: draft, preview, the
//! pre-publication check, PDF export.
//!
//! What to load and count for a month is `kuzet_core::monthly`'s, shared
//! with the CLI; the PDF is rendered and written by Rust (never through a
//! link or device), its bytes never cross IPC.

use crate::dialogs;
use crate::ipc::{
    ErrorCode, IpcError, IpcResult, LangDto, MonthSummaryDto, NameCandidateDto, OverviewDraftDto, ReportModelDto,
};
use crate::state::AppState;
use kuzet_core::lang::Lang;
use kuzet_core::month::{local_date, Month};
use kuzet_core::monthly::{self, MonthPublication, MonthlyError};
use kuzet_core::overview::{render_pdf, OverviewDraft, ReportModel};
use kuzet_core::transfer::{check_output_path, write_file_atomically, Replace};
use kuzet_core::vault::Vault;
use std::str::FromStr;
use tauri::State;

fn month(s: &str) -> IpcResult<Month> {
    Month::from_str(s.trim()).map_err(|e| IpcError::invalid("month", e.to_string()))
}

fn publication(v: &Vault, month: Month, lang: Lang) -> IpcResult<MonthPublication> {
    match monthly::month_publication(v, month, lang, local_date(chrono::Utc::now())) {
        Ok(p) => Ok(p),
        Err(MonthlyError::Vault(e)) => Err(e.into()),
        Err(MonthlyError::Overview(e)) => Err(IpcError::internal(format!("building the overview failed: {e}"))),
    }
}

fn report(v: &Vault, month: Month, lang: Lang) -> IpcResult<ReportModel> {
    Ok(publication(v, month, lang)?.model)
}

/// The overview's model if every name of its pre-publication check is in
/// `confirmed` (keys), else [`ErrorCode::NamesUnchecked`] naming the rest.
pub(crate) fn checked_report(v: &Vault, month: Month, lang: Lang, confirmed: &[String]) -> IpcResult<ReportModel> {
    let p = publication(v, month, lang)?;
    names_confirmed(&p.unmarked, confirmed)?;
    Ok(p.model)
}

/// `Ok` when every candidate's key is in `confirmed`.
pub(crate) fn names_confirmed(
    candidates: &[kuzet_core::publication::NameCandidate],
    confirmed: &[String],
) -> IpcResult<()> {
    let left = kuzet_core::publication::unconfirmed(candidates, confirmed);
    if left.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = left.iter().map(|c| c.name.as_str()).collect();
    Err(IpcError::new(
        ErrorCode::NamesUnchecked,
        format!("the pre-publication check lists names nobody confirmed or marked private: {}", names.join(", ")),
    ))
}

/// Everything counted for `month` (`"YYYY-MM"`).
#[tauri::command]
pub async fn summary_month(state: State<'_, AppState>, month: String) -> IpcResult<MonthSummaryDto> {
    let month = self::month(&month)?;
    state.with_vault(|v| Ok((&monthly::month_inputs(v, month)?.summary).into()))
}

/// The month's overview draft: the saved one brought up to date with the
/// month's records (entries added or moved since it was saved carry
/// `change`), or a fresh default.
#[tauri::command]
pub async fn overview_draft_get(state: State<'_, AppState>, month: String) -> IpcResult<OverviewDraftDto> {
    let month = self::month(&month)?;
    state.with_vault(|v| {
        let inputs = monthly::month_inputs(v, month)?;
        let (draft, changes) = monthly::month_draft(v, &inputs, local_date(chrono::Utc::now()))?;
        Ok(OverviewDraftDto::with_changes(&draft, &changes))
    })
}

/// Saves the month's overview draft, checked first by the core (an entry
/// listed twice, a custom section without a title: `Validation`).
#[tauri::command]
pub async fn overview_draft_save(state: State<'_, AppState>, month: String, draft: OverviewDraftDto) -> IpcResult<()> {
    let month = self::month(&month)?;
    let draft = OverviewDraft::try_from(draft)?;
    if draft.month != month {
        return Err(IpcError::invalid("month", format!("the draft is for {}, not {month}", draft.month)));
    }
    state.with_vault(|v| Ok(monthly::save_draft(v, &draft)?))
}

/// Drops the month's saved overview draft, so that the next
/// `overview_draft_get` gives the default one again. Returns whether a
/// draft was saved.
#[tauri::command]
pub async fn overview_draft_reset(state: State<'_, AppState>, month: String) -> IpcResult<bool> {
    let month = self::month(&month)?;
    state.with_vault(|v| Ok(monthly::reset_draft(v, month)?))
}

/// The overview of `month` in `lang`, as the PDF will show it.
#[tauri::command]
pub async fn overview_preview(state: State<'_, AppState>, month: String, lang: LangDto) -> IpcResult<ReportModelDto> {
    let month = self::month(&month)?;
    state.with_vault(|v| Ok((&report(v, month, lang.into())?).into()))
}

/// The pre-publication check of the overview of `month` in `lang`: the
/// personal names its public text would print that are neither marked
/// private nor public figures. Empty when it may be published as it is.
#[tauri::command]
pub async fn overview_name_check(
    state: State<'_, AppState>,
    month: String,
    lang: LangDto,
) -> IpcResult<Vec<NameCandidateDto>> {
    let month = self::month(&month)?;
    state.with_vault(|v| Ok(publication(v, month, lang.into())?.unmarked.iter().map(Into::into).collect()))
}

/// Asks where to save, renders the overview PDF and writes it there (never
/// over the vault, its lock file, a link or a device: `OutputRefused`).
/// `confirmedNames` are the keys of the check's names the user chose to
/// publish as written; if the check lists any other, nothing is asked or
/// written (`NamesUnchecked`). Returns the path, or null when the user
/// cancelled.
#[tauri::command]
pub async fn overview_export_pdf(
    state: State<'_, AppState>,
    month: String,
    lang: LangDto,
    confirmed_names: Vec<String>,
) -> IpcResult<Option<String>> {
    let month = self::month(&month)?;
    let (model, vault_path) =
        state.with_vault(|v| Ok((checked_report(v, month, lang.into(), &confirmed_names)?, v.path().to_path_buf())))?;
    let name = format!("overview-{month}-{}.pdf", Lang::from(lang).code());
    save_pdf(&state, vault_path, &name, move || render_pdf(&model)).await
}

/// Asks where to save (suggesting `name`), then draws the PDF with `draw`
/// off the main thread and writes it through a partial file: never over
/// the vault, its lock file, a link or a device (`OutputRefused`). Returns
/// the path, or null when the user cancelled. Every PDF the app writes
/// goes through here.
pub(crate) async fn save_pdf(
    state: &State<'_, AppState>,
    vault_path: std::path::PathBuf,
    name: &str,
    draw: impl FnOnce() -> Result<Vec<u8>, kuzet_core::overview::OverviewError> + Send + 'static,
) -> IpcResult<Option<String>> {
    let Some(path) = dialogs::save_path(&state.launch, name, "pdf").await? else {
        return Ok(None);
    };
    // The save dialog asked before returning an existing file.
    check_output_path(&vault_path, &path, Replace::Confirmed)?;
    let written = path.clone();
    tauri::async_runtime::spawn_blocking(move || -> IpcResult<()> {
        let bytes = draw().map_err(|e| IpcError::internal(format!("drawing the PDF failed: {e}")))?;
        // Leftovers of an interrupted earlier export are removed; the app
        // does not list them yet.
        write_file_atomically(&path, &bytes)
            .map(drop)
            .map_err(|e| IpcError::internal(format!("writing {} failed: {e}", path.display())))
    })
    .await
    .map_err(|e| IpcError::internal(format!("the PDF export stopped: {e}")))??;
    state.touch();
    Ok(Some(written.display().to_string()))
}
