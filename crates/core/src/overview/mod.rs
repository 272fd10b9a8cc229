//! The monthly overview "Violations of freedom of speech in Kazakhstan,
//! ‹Month Year›": the editable draft ([`OverviewDraft`], [`OrgSettings`]),
//! the report model in one language ([`ReportModel`], built by the pure
//! [`build_report`]) and its PDF ([`render_pdf`]).
//!
//! The sequence a caller follows (CLI or desktop app):
//!
//! 1. `cases = vault.cases_between(jan_of_last_year, month.last_day())`
//!    (all kinds), `developments = vault.developments_between(month.first_day(), month.last_day())`;
//! 2. `summary = summary::summary(&cases, &taxonomy, month)`;
//! 3. the draft: `vault.get_document(&draft_key(month))`, or
//!    [`default_draft`] when there is none; org settings from
//!    [`ORG_SETTINGS_KEY`] or [`OrgSettings::default`];
//! 4. `model = build_report(lang, month, &summary, &draft, &org, &cases, &developments, &taxonomy)?`;
//! 5. `bytes = render_pdf(&model)?`, written by the caller.
//!
//! This module knows nothing about the vault's storage, Tauri or the CLI;
//! only [`pdf`] touches `printpdf`.

mod annual;
mod case_sheet;
mod count_text;
mod document;
mod draft;
pub mod fonts;
pub mod layout;
mod model;
pub mod pdf;
pub mod words;

pub use annual::{platform_label, render_annual};
pub use case_sheet::{render_case_sheet, CaseSheet};
pub use draft::{
    default_draft, draft_key, DraftChanges, DraftEntry, DraftSection, EntryRef, LangTexts, OrgSettings, OverviewDraft,
    SectionKind, ORG_SETTINGS_KEY,
};
pub use model::{build_report, Chart, ChartBar, CountLine, ReportEntry, ReportModel, ReportSection};
pub use pdf::render_pdf;

use crate::month::Month;

/// Errors of building or drawing the overview.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OverviewError {
    /// The summary or the draft is of another month than the one asked for.
    #[error("the {what} is for {found}, but the overview is for {expected}")]
    MonthMismatch {
        /// "summary" or "draft".
        what: &'static str,
        /// The month asked for.
        expected: Month,
        /// The month found.
        found: Month,
    },
    /// A draft entry refers to a case or development that was not given
    /// (deleted since the draft was saved?).
    #[error("section {section} of the draft refers to {id}, which is not among the cases and developments given")]
    MissingEntry {
        /// The section's position, from 1.
        section: usize,
        /// The missing case or development id.
        id: String,
    },
    /// The PDF written by printpdf could not be post-processed (compressed).
    #[error("PDF: {0}")]
    Pdf(String),
    /// A bundled font could not be read.
    #[error("font: {0}")]
    Font(String),
}
