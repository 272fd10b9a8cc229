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
use crate::publication::{self, NameCandidate, PublicFigures, PUBLIC_FIGURES_KEY};
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

/// Checks `draft` against the month's records ([`OverviewDraft::validate`])
/// and saves it as its month's draft, replacing the saved one.
///
/// # Errors
/// [`VaultError::Validation`] (nothing saved) or vault errors.
pub fn save_draft(vault: &mut Vault, draft: &OverviewDraft) -> Result<(), VaultError> {
    let inputs = month_inputs(vault, draft.month)?;
    draft.validate(&inputs.cases, &inputs.developments).map_err(VaultError::Validation)?;
    vault.put_document(&overview::draft_key(draft.month), draft)
}

/// Drops the saved overview draft of `month`, so that [`month_draft`]
/// builds the default one again. Returns whether one was saved.
///
/// # Errors
/// Vault errors.
pub fn reset_draft(vault: &mut Vault, month: Month) -> Result<bool, VaultError> {
    vault.delete_document(&overview::draft_key(month))
}

/// A month's overview ready to publish in one language.
#[derive(Debug, Clone)]
pub struct MonthPublication {
    /// The overview as the PDF and the preview show it: private names
    /// already replaced.
    pub model: ReportModel,
    /// The pre-publication check: personal names the public text still
    /// holds that are neither marked private nor public figures, in order
    /// of first appearance. The user confirms or marks each before a PDF is
    /// written.
    pub unmarked: Vec<NameCandidate>,
    /// How many private persons were replaced.
    pub hidden: usize,
    /// What [`month_draft`] changed in the saved draft to build it
    /// (entries dropped, added or moved).
    pub changes: DraftChanges,
}

/// The overview of `month` in `lang` as it would be published, with its
/// pre-publication check: the private names of the whole vault (marked
/// names and the victims' names of confidential cases,
/// [`publication::vault_private_names`]) are replaced
/// ([`publication::redact_report`], in the style of the organisation's
/// settings); the names left are checked against the vault's
/// [`PublicFigures`] and the taxonomy's region names.
///
/// # Errors
/// [`MonthlyError`].
pub fn month_publication(
    vault: &Vault,
    month: Month,
    lang: Lang,
    today: NaiveDate,
) -> Result<MonthPublication, MonthlyError> {
    let inputs = month_inputs(vault, month)?;
    let (draft, changes) = month_draft(vault, &inputs, today)?;
    let org: OrgSettings = vault.get_document(overview::ORG_SETTINGS_KEY)?.unwrap_or_default();
    let figures: PublicFigures = vault.get_document(PUBLIC_FIGURES_KEY)?.unwrap_or_default();
    let mut model = overview::build_report(
        lang,
        month,
        &inputs.summary,
        &draft,
        &org,
        &inputs.cases,
        &inputs.developments,
        vault.taxonomy(),
    )?;
    let private = publication::vault_private_names(vault)?;
    let allowed = publication::allowed_names(&figures, vault.taxonomy());
    let unmarked = publication::check_report(&model, &allowed, &private);
    let hidden = publication::redact_report(&mut model, &private, &allowed, org.redaction);
    Ok(MonthPublication { model, unmarked, hidden, changes })
}

/// The overview of `month` in `lang`, as the PDF shows it (private names
/// replaced, see [`month_publication`]), and what [`month_draft`] changed
/// in the saved draft to build it.
///
/// # Errors
/// [`MonthlyError`].
pub fn month_report(
    vault: &Vault,
    month: Month,
    lang: Lang,
    today: NaiveDate,
) -> Result<(ReportModel, DraftChanges), MonthlyError> {
    let p = month_publication(vault, month, lang, today)?;
    Ok((p.model, p.changes))
}
