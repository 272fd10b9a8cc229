//! What Kuzet prints besides the monthly overview ([`crate::monthly`]),
//! loaded from a vault in one place so the desktop app and the `kuzet` CLI
//! print exactly the same: the annual overview and a single case.

use crate::annual::{annual_from_vault, AnnualSummary};
use crate::case::CaseId;
use crate::lang::Lang;
use crate::monthly::MonthlyError;
use crate::overview::{self, CaseSheet, OrgSettings};
use crate::publication::{self, NameCandidate};
use crate::transfer::{Edition, ExportSet};
use crate::vault::{Vault, VaultError};
use chrono::NaiveDate;

fn org(vault: &Vault) -> Result<OrgSettings, VaultError> {
    Ok(vault.get_document(overview::ORG_SETTINGS_KEY)?.unwrap_or_default())
}

/// The annual overview of `year` in `lang` as PDF bytes, dated
/// `published_on` (a local date in Kazakhstan), with the summary it was
/// drawn from. Counts only: it names nobody, so it has no pre-publication
/// check. `year` must pass [`crate::annual::check_year`].
///
/// # Errors
/// [`MonthlyError`].
pub fn annual_pdf(
    vault: &Vault,
    year: i32,
    lang: Lang,
    published_on: NaiveDate,
) -> Result<(Vec<u8>, AnnualSummary), MonthlyError> {
    let summary = annual_from_vault(vault, year)?;
    let pdf = overview::render_annual(lang, &summary, &org(vault)?, vault.taxonomy(), published_on)?;
    Ok((pdf, summary))
}

/// A printed case: the PDF and, for a public copy, its pre-publication
/// check.
#[derive(Debug, Clone)]
pub struct CasePrint {
    /// The PDF bytes.
    pub pdf: Vec<u8>,
    /// Personal names the public copy still prints that are neither marked
    /// private nor public figures (always empty for the full record). The
    /// user confirms or marks each before the file is handed out.
    pub unmarked: Vec<NameCandidate>,
}

/// The case sheet of `id` in `lang`, printed on `today` (a local date in
/// Kazakhstan). A public copy is made like the cases' public export
/// ([`publication::public_export`]): every private name of the whole vault
/// replaced in the organisation's redaction style, with the same check.
///
/// # Errors
/// [`VaultError::NotFound`] (no such case; a case in the trash is not
/// printed) as [`MonthlyError::Vault`]; other vault errors.
pub fn case_print(
    vault: &Vault,
    id: CaseId,
    lang: Lang,
    edition: Edition,
    today: NaiveDate,
) -> Result<CasePrint, MonthlyError> {
    let set = ExportSet {
        edition: Edition::Full,
        month: None,
        cases: vec![vault.case(id)?],
        developments: vault.developments(id)?,
    };
    let (set, unmarked) = match edition {
        Edition::Full => (set, Vec::new()),
        Edition::Public => publication::public_export(vault, &set)?,
    };
    let attachments = vault.attachments(id)?;
    let mut history = vault.case_history(id)?;
    history.sort_by_key(|e| e.seq);
    let sheet = CaseSheet {
        case: &set.cases[0],
        developments: &set.developments,
        attachments: &attachments,
        history: &history,
        edition,
        printed_on: today,
    };
    let pdf = overview::render_case_sheet(lang, &sheet, &org(vault)?, vault.taxonomy())?;
    Ok(CasePrint { pdf, unmarked })
}
