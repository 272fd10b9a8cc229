//! The month's counts and the monthly overview: draft, preview, PDF export.
//!
//! The sequence follows `kuzet_core::overview` (module docs): fetch the
//! cases and developments, count, take the saved draft (or the default
//! one), build the report model; the PDF is rendered and written by Rust,
//! its bytes never cross IPC.

use crate::dialogs;
use crate::ipc::{IpcError, IpcResult, LangDto, MonthSummaryDto, OverviewDraftDto, ReportModelDto};
use crate::state::AppState;
use kuzet_core::case::{Case, Development};
use kuzet_core::lang::Lang;
use kuzet_core::month::{local_date, Month};
use kuzet_core::overview::{
    build_report, default_draft, draft_key, render_pdf, OrgSettings, OverviewDraft, ReportModel, ORG_SETTINGS_KEY,
};
use kuzet_core::summary::{summary, MonthSummary};
use kuzet_core::vault::Vault;
use std::str::FromStr;
use tauri::State;

fn month(s: &str) -> IpcResult<Month> {
    Month::from_str(s.trim()).map_err(|e| IpcError::invalid("month", e.to_string()))
}

/// What the overview of a month is built from.
struct Inputs {
    cases: Vec<Case>,
    developments: Vec<Development>,
    summary: MonthSummary,
}

/// Cases from January of the previous year through the month (counts,
/// comparisons and year-to-date need them), the month's developments, and
/// the counts.
fn inputs(v: &Vault, month: Month) -> IpcResult<Inputs> {
    let from = Month::new(month.year() - 1, 1).map_err(|e| IpcError::invalid("month", e.to_string()))?.first_day();
    let cases = v.cases_between(from, month.last_day())?;
    let developments = v.developments_between(month.first_day(), month.last_day())?;
    let summary = summary(&cases, v.taxonomy(), month);
    Ok(Inputs { cases, developments, summary })
}

/// The saved draft of the month (without entries whose case was deleted
/// since), or the default first draft.
fn draft(v: &Vault, month: Month, inputs: &Inputs) -> IpcResult<OverviewDraft> {
    match v.get_document::<OverviewDraft>(&draft_key(month))? {
        Some(mut d) => {
            d.retain_existing(&inputs.cases, &inputs.developments);
            Ok(d)
        }
        None => {
            Ok(default_draft(month, &inputs.cases, &inputs.developments, v.taxonomy(), local_date(chrono::Utc::now())))
        }
    }
}

fn report(v: &Vault, month: Month, lang: Lang) -> IpcResult<ReportModel> {
    let inputs = inputs(v, month)?;
    let draft = draft(v, month, &inputs)?;
    let org: OrgSettings = v.get_document(ORG_SETTINGS_KEY)?.unwrap_or_default();
    build_report(lang, month, &inputs.summary, &draft, &org, &inputs.cases, &inputs.developments, v.taxonomy())
        .map_err(|e| IpcError::internal(format!("building the overview failed: {e}")))
}

/// Everything counted for `month` (`"YYYY-MM"`).
#[tauri::command]
pub async fn summary_month(state: State<'_, AppState>, month: String) -> IpcResult<MonthSummaryDto> {
    let month = self::month(&month)?;
    state.with_vault(|v| Ok((&inputs(v, month)?.summary).into()))
}

/// The month's overview draft: the saved one or a fresh default.
#[tauri::command]
pub async fn overview_draft_get(state: State<'_, AppState>, month: String) -> IpcResult<OverviewDraftDto> {
    let month = self::month(&month)?;
    state.with_vault(|v| {
        let inputs = inputs(v, month)?;
        Ok((&draft(v, month, &inputs)?).into())
    })
}

/// Saves the month's overview draft.
#[tauri::command]
pub async fn overview_draft_save(state: State<'_, AppState>, month: String, draft: OverviewDraftDto) -> IpcResult<()> {
    let month = self::month(&month)?;
    let draft = OverviewDraft::try_from(draft)?;
    if draft.month != month {
        return Err(IpcError::invalid("month", format!("the draft is for {}, not {month}", draft.month)));
    }
    state.with_vault(|v| Ok(v.put_document(&draft_key(month), &draft)?))
}

/// The overview of `month` in `lang`, as the PDF will show it.
#[tauri::command]
pub async fn overview_preview(state: State<'_, AppState>, month: String, lang: LangDto) -> IpcResult<ReportModelDto> {
    let month = self::month(&month)?;
    state.with_vault(|v| Ok((&report(v, month, lang.into())?).into()))
}

/// Asks where to save, renders the overview PDF and writes it there.
/// Returns the path, or null when the user cancelled.
#[tauri::command]
pub async fn overview_export_pdf(
    state: State<'_, AppState>,
    month: String,
    lang: LangDto,
) -> IpcResult<Option<String>> {
    let month = self::month(&month)?;
    let model = state.with_vault(|v| report(v, month, lang.into()))?;
    let name = format!("overview-{month}-{}.pdf", Lang::from(lang).code());
    let Some(path) = dialogs::save_path(&state.launch, &name, "pdf").await? else {
        return Ok(None);
    };
    let written = path.clone();
    tauri::async_runtime::spawn_blocking(move || -> IpcResult<()> {
        let bytes = render_pdf(&model).map_err(|e| IpcError::internal(format!("drawing the PDF failed: {e}")))?;
        std::fs::write(&path, bytes).map_err(|e| IpcError::internal(format!("writing {} failed: {e}", path.display())))
    })
    .await
    .map_err(|e| IpcError::internal(format!("the PDF export stopped: {e}")))??;
    state.touch();
    Ok(Some(written.display().to_string()))
}
