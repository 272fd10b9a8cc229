//! What the month's counts and overview are built from, loaded from a vault
//! in one place, so the desktop app and the `kuzet` CLI count and print a
//! month from exactly the same cases.
//!
//! The rule: counting a month needs every case from 1 January two years
//! before through the month's last day: previous month, the same month last
//! year, year to date and its comparison, and the overview's multi-year
//! series ("2022: 9, 2023: 6, January–May 2024: 7"); and the month's
//! developments for the overview's entries. Knows the vault and the overview, not Tauri or
//! the terminal.

use crate::case::{Case, Development};
use crate::lang::Lang;
use crate::month::Month;
use crate::overview::{self, DraftChanges, OrgSettings, OverviewDraft, OverviewError, ReportModel};
use crate::summary::{self, MonthSummary};
use crate::vault::{Vault, VaultError};
use chrono::NaiveDate;

/// The cases, developments and counts of one month.
#[derive(Debug, Clone)]
pub struct MonthInputs {
    /// The month.
    pub month: Month,
    /// Every case (both kinds) from 1 January two years before through the
    /// month's last day.
    pub cases: Vec<Case>,
    /// The developments dated in the month.
    pub developments: Vec<Development>,
    /// The counts and comparisons of the month.
    pub summary: MonthSummary,
}

/// Errors of loading a month's overview.
#[derive(Debug, thiserror::Error)]
pub enum MonthlyError {
    /// Reading the vault failed.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// Building the report failed.
    #[error(transparent)]
    Overview(#[from] OverviewError),
}

/// Loads and counts `month`.
///
/// # Errors
/// Vault read errors.
pub fn month_inputs(vault: &Vault, month: Month) -> Result<MonthInputs, VaultError> {
    let from = NaiveDate::from_ymd_opt(month.year() - 2, 1, 1).unwrap_or(month.first_day());
    let cases = vault.cases_between(from, month.last_day())?;
    let developments = vault.developments_between(month.first_day(), month.last_day())?;
    let summary = summary::summary(&cases, vault.taxonomy(), month);
    Ok(MonthInputs { month, cases, developments, summary })
}

/// The month's saved overview draft brought up to date with the month's
/// records by [`OverviewDraft::reconcile`] (entries of deleted records or
/// of records now dated in another month dropped, cases and developments
/// recorded since added to their sections, entries whose category moved to
/// another group moved), with what changed; or the default first draft
/// dated `today` (a local date in Kazakhstan) and no changes.
///
/// # Errors
/// Vault read errors.
pub fn month_draft(
    vault: &Vault,
    inputs: &MonthInputs,
    today: NaiveDate,
) -> Result<(OverviewDraft, DraftChanges), VaultError> {
    Ok(match vault.get_document::<OverviewDraft>(&overview::draft_key(inputs.month))? {
        Some(mut d) => {
            let changes = d.reconcile(&inputs.cases, &inputs.developments, vault.taxonomy());
            (d, changes)
        }
        None => (
            overview::default_draft(inputs.month, &inputs.cases, &inputs.developments, vault.taxonomy(), today),
            DraftChanges::default(),
        ),
    })
}

/// The overview of `month` in `lang`, as the PDF shows it, and what
/// [`month_draft`] changed in the saved draft to build it.
///
/// # Errors
/// [`MonthlyError`].
pub fn month_report(
    vault: &Vault,
    month: Month,
    lang: Lang,
    today: NaiveDate,
) -> Result<(ReportModel, DraftChanges), MonthlyError> {
    let inputs = month_inputs(vault, month)?;
    let (draft, changes) = month_draft(vault, &inputs, today)?;
    let org: OrgSettings = vault.get_document(overview::ORG_SETTINGS_KEY)?.unwrap_or_default();
    let model = overview::build_report(
        lang,
        month,
        &inputs.summary,
        &draft,
        &org,
        &inputs.cases,
        &inputs.developments,
        vault.taxonomy(),
    )?;
    Ok((model, changes))
}
