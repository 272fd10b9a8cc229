//! Exports: the cases of a vault (or of one month) with their developments,
//! as CSV, XLSX or JSON. Exports are plaintext by the user's explicit choice;
//! callers must say so to the user. Nothing else in Kuzet writes case data
//! unencrypted.

use super::csv_import::Column;
use super::{neutralise_formula, TransferError};
use crate::case::{Case, CaseId, CaseKind, CaseStatus, Development, ProceedingStage};
use crate::leftover::Removed;
use crate::month::Month;
use crate::vault::Vault;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// CSV, UTF-8 with a BOM, the import columns, separated by commas;
    /// imports back unchanged. What Excel in English settings and most
    /// other programs read.
    Csv,
    /// The same CSV separated by semicolons: Excel in Russian and Kazakh
    /// settings (where `,` is the decimal sign) splits a CSV's columns on
    /// `;` only. The importer reads it back (it tells the separator from
    /// the header line).
    CsvSemicolon,
    /// An Excel workbook with the same columns as the CSV, one sheet, bold
    /// header; dates are text `YYYY-MM-DD` (exact, sortable, and free of
    /// spreadsheet date-system and time-zone conversions).
    Xlsx,
    /// JSON with every stored field of every case and development.
    Json,
}

impl ExportFormat {
    /// The file name extension: `csv`, `xlsx`, `json`.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv | ExportFormat::CsvSemicolon => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Json => "json",
        }
    }
}

impl FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "csv-semicolon" => Ok(ExportFormat::CsvSemicolon),
            "xlsx" => Ok(ExportFormat::Xlsx),
            "json" => Ok(ExportFormat::Json),
            _ => Err(format!("unknown export format {s:?}: expected csv, csv-semicolon, xlsx or json")),
        }
    }
}

/// Who an export is for; the file says so in its first line (CSV, XLSX) or
/// first keys (JSON), and the app's suggested file name says so too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// Everything stored, private names included: for the foundation's own
    /// use. Imports back unchanged.
    #[default]
    Full,
    /// A copy safe to hand out: every private name (see
    /// [`publication`](crate::publication)) replaced in every text,
    /// confidential victims' names replaced, the `private_names` column
    /// empty. Made by [`public_copy`].
    Public,
}

/// The start of the notice line Kuzet writes first in a CSV export, which
/// the importer skips.
pub(crate) const NOTICE_PREFIX: &str = "# Kuzet ";

impl Edition {
    /// The notice line written first: what the file is and who may read it
    /// (no commas, semicolons or quotes, so no CSV reader takes it for a
    /// header with columns).
    pub fn notice(self) -> String {
        match self {
            Edition::Full => format!(
                "{NOTICE_PREFIX}full export - contains the names of private persons - for the foundation's own use only"
            ),
            Edition::Public => {
                format!("{NOTICE_PREFIX}public copy - the names of private persons are replaced")
            }
        }
    }

    /// `full` or `public`: the word the suggested file name carries.
    pub fn word(self) -> &'static str {
        match self {
            Edition::Full => "full",
            Edition::Public => "public",
        }
    }

    /// The file name the app suggests, which says which copy it is:
    /// `kuzet-cases-public-2024-05-2026-12-03.csv` (`all` for the whole
    /// vault; `today` is the local date in Kazakhstan).
    pub fn file_name(self, month: Option<Month>, today: chrono::NaiveDate, format: ExportFormat) -> String {
        let scope = month.map_or_else(|| "all".to_string(), |m| m.to_string());
        format!("kuzet-cases-{}-{scope}-{today}.{}", self.word(), format.extension())
    }
}

/// What an export holds: cases (both kinds) by event date, and the
/// developments of exactly those cases.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportSet {
    /// Full, or a public copy (see [`public_copy`]).
    pub edition: Edition,
    /// The month the cases were limited to, if any.
    pub month: Option<Month>,
    /// Cases and context events, by event date.
    pub cases: Vec<Case>,
    /// Their developments, by event date.
    pub developments: Vec<Development>,
}

/// The cases to export: every case, or those whose event date falls in
/// `month`, with all developments of the chosen cases (whatever their dates,
/// so the file imports into an empty vault).
///
/// # Errors
/// Vault errors.
pub fn select(vault: &Vault, month: Option<Month>) -> Result<ExportSet, TransferError> {
    let cases = match month {
        None => vault.all_cases()?,
        Some(m) => vault.cases_between(m.first_day(), m.last_day())?,
    };
    let ids: std::collections::HashSet<CaseId> = cases.iter().map(|c| c.id).collect();
    let developments = vault.all_developments()?.into_iter().filter(|d| ids.contains(&d.case_id)).collect();
    Ok(ExportSet { edition: Edition::Full, month, cases, developments })
}

/// The public copy of `set`: the same records, in the same order, with
/// every name of `private` (for a public copy, the whole vault's:
/// [`publication::vault_private_names`]) replaced in refs, titles,
/// summaries (and their translations), outlets, courts and outcomes by pseudonyms numbered across
/// the whole file (each record in its own language, English when it has
/// none) or "[name withheld]"; a confidential victim's name field replaced
/// whole; a source that names a private person replaced by "[source
/// withheld]"; the `private_names` lists emptied. Words of `allowed`
/// (regions, public figures) are not swallowed by a private name's stem.
///
/// [`publication::vault_private_names`]: crate::publication::vault_private_names
pub fn public_copy(
    set: &ExportSet,
    private: &crate::publication::NameList,
    allowed: &crate::publication::NameList,
    style: crate::publication::RedactionStyle,
) -> ExportSet {
    use crate::lang::Lang;
    use crate::publication::Redactor;
    let mut r = Redactor::new(private.clone(), Lang::En, style).with_exceptions(allowed.clone());
    let mut by_case: HashMap<CaseId, Vec<&Development>> = HashMap::new();
    for d in &set.developments {
        by_case.entry(d.case_id).or_default().push(d);
    }
    let redact_dev = |r: &mut Redactor, d: &Development| {
        let mut d = d.clone();
        r.set_lang(d.data.language.unwrap_or(Lang::En));
        d.data.external_ref = d.data.external_ref.as_deref().map(|x| r.redact(x));
        d.data.title = r.redact(&d.data.title);
        d.data.summary = r.redact(&d.data.summary);
        redact_translations(r, &mut d.data.translations);
        r.set_lang(d.data.language.unwrap_or(Lang::En));
        d.data.sources = d.data.sources.iter().map(|s| r.source(s)).collect();
        d.data.private_names.clear();
        d
    };
    let mut cases = Vec::with_capacity(set.cases.len());
    let mut developments: HashMap<crate::case::DevelopmentId, Development> = HashMap::new();
    // In export order (each case, then its developments), so pseudonyms
    // are lettered as a reader meets them.
    for c in &set.cases {
        let mut c = c.clone();
        let d = &mut c.data;
        r.set_lang(d.language.unwrap_or(Lang::En));
        d.external_ref = d.external_ref.as_deref().map(|x| r.redact(x));
        d.title = r.redact(&d.title);
        d.summary = r.redact(&d.summary);
        redact_translations(&mut r, &mut d.translations);
        r.set_lang(d.language.unwrap_or(Lang::En));
        d.victim.name = if d.confidential { r.replace_whole(&d.victim.name) } else { r.redact(&d.victim.name) };
        d.victim.outlet = r.redact(&d.victim.outlet);
        d.sources = d.sources.iter().map(|s| r.source(s)).collect();
        if let Some(p) = &mut d.proceeding {
            p.court = r.redact(&p.court);
            p.outcome = r.redact(&p.outcome);
        }
        d.private_names.clear();
        for dev in by_case.get(&c.id).into_iter().flatten() {
            developments.insert(dev.id, redact_dev(&mut r, dev));
        }
        cases.push(c);
    }
    let developments =
        set.developments.iter().map(|d| developments.remove(&d.id).unwrap_or_else(|| redact_dev(&mut r, d))).collect();
    ExportSet { edition: Edition::Public, month: set.month, cases, developments }
}

/// Replaces the private names of each translation, with pseudonyms in the
/// translation's language (the redactor's numbering goes on across them).
fn redact_translations(r: &mut crate::publication::Redactor, translations: &mut crate::case::Translations) {
    for (lang, t) in translations.iter_mut() {
        r.set_lang(*lang);
        t.title = r.redact(&t.title);
        t.summary = r.redact(&t.summary);
    }
}

/// The `ref` written for a case: its external ref, or its id when it has
/// none (cases created in the app). Such ids import into another vault as
/// refs.
fn case_ref(c: &Case) -> String {
    c.data.external_ref.clone().unwrap_or_else(|| c.id.to_string())
}

fn kind_name(k: CaseKind) -> &'static str {
    match k {
        CaseKind::Case => "case",
        CaseKind::Context => "context",
    }
}

/// The export rows, in [`Column::ALL`] order: each case followed by its
/// developments.
fn rows(set: &ExportSet) -> Vec<Vec<String>> {
    let mut by_case: HashMap<CaseId, Vec<&Development>> = HashMap::new();
    for d in &set.developments {
        by_case.entry(d.case_id).or_default().push(d);
    }
    let refs: HashMap<CaseId, String> = set.cases.iter().map(|c| (c.id, case_ref(c))).collect();
    let opt = |o: Option<&dyn ToString>| o.map(|v| v.to_string()).unwrap_or_default();
    let mut out = Vec::new();
    let dev_row = |d: &Development| {
        let mut row = vec![String::new(); Column::ALL.len()];
        for (i, c) in Column::ALL.iter().enumerate() {
            row[i] = match c {
                Column::Ref => d.data.external_ref.clone().unwrap_or_else(|| d.id.to_string()),
                Column::Kind => "development".into(),
                Column::ParentRef => refs.get(&d.case_id).cloned().unwrap_or_else(|| d.case_id.to_string()),
                Column::EventDate => d.data.event_date.to_string(),
                Column::Title => d.data.title.clone(),
                Column::Summary => d.data.summary.clone(),
                Column::SourceUrl => d.data.sources.join("\n"),
                Column::Language => opt(d.data.language.as_ref().map(|l| l as &dyn ToString)),
                Column::TitleIn(l) => d.data.translations.get(l).map(|t| t.title.clone()).unwrap_or_default(),
                Column::SummaryIn(l) => d.data.translations.get(l).map(|t| t.summary.clone()).unwrap_or_default(),
                Column::PrivateNames => d.data.private_names.join("; "),
                _ => String::new(),
            };
        }
        row
    };
    let mut placed = std::collections::HashSet::new();
    for case in &set.cases {
        let d = &case.data;
        let p = d.proceeding.as_ref();
        let row = Column::ALL
            .iter()
            .map(|c| match c {
                Column::Ref => case_ref(case),
                Column::Kind => kind_name(d.kind).into(),
                Column::ParentRef => String::new(),
                Column::EventDate => d.event_date.to_string(),
                Column::Category => d.category.to_string(),
                Column::Region => opt(d.region.as_ref().map(|v| v as &dyn ToString)),
                Column::Title => d.title.clone(),
                Column::Summary => d.summary.clone(),
                Column::VictimType => opt(d.victim.kind.as_ref().map(|v| v as &dyn ToString)),
                Column::VictimName => d.victim.name.clone(),
                Column::Outlet => d.victim.outlet.clone(),
                Column::PerpetratorType => opt(d.perpetrator_type.as_ref().map(|v| v as &dyn ToString)),
                Column::LegalBasis => opt(d.legal_basis.as_ref().map(|v| v as &dyn ToString)),
                Column::SourceUrl => d.sources.join("\n"),
                Column::Language => opt(d.language.as_ref().map(|v| v as &dyn ToString)),
                Column::TitleIn(l) => d.translations.get(l).map(|t| t.title.clone()).unwrap_or_default(),
                Column::SummaryIn(l) => d.translations.get(l).map(|t| t.summary.clone()).unwrap_or_default(),
                Column::Tags => d.tags.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
                Column::Status => match d.status {
                    CaseStatus::Open => "open".into(),
                    CaseStatus::Closed => "closed".into(),
                },
                Column::Confidential => if d.confidential { "yes" } else { "no" }.into(),
                Column::PrivateNames => d.private_names.join("; "),
                Column::ProceedingStage => match p.and_then(|p| p.stage) {
                    Some(ProceedingStage::Pretrial) => "pretrial".into(),
                    Some(ProceedingStage::Court) => "court".into(),
                    None => String::new(),
                },
                Column::Court => p.map(|p| p.court.clone()).unwrap_or_default(),
                Column::AmountClaimedKzt => {
                    opt(p.and_then(|p| p.amount_claimed_kzt).as_ref().map(|v| v as &dyn ToString))
                }
                Column::FineKzt => opt(p.and_then(|p| p.fine_kzt).as_ref().map(|v| v as &dyn ToString)),
                Column::Outcome => p.map(|p| p.outcome.clone()).unwrap_or_default(),
            })
            .collect();
        out.push(row);
        placed.insert(case.id);
        for dev in by_case.get(&case.id).into_iter().flatten() {
            out.push(dev_row(dev));
        }
    }
    // Developments whose case is not in the set (only when a caller builds
    // its own set): at the end, so nothing is silently dropped.
    for d in set.developments.iter().filter(|d| !placed.contains(&d.case_id)) {
        out.push(dev_row(d));
    }
    out
}

fn csv_bytes(set: &ExportSet, delimiter: u8) -> Result<Vec<u8>, TransferError> {
    let mut buf = b"\xEF\xBB\xBF".to_vec();
    buf.extend_from_slice(set.edition.notice().as_bytes());
    buf.extend_from_slice(b"\r\n");
    {
        let mut w =
            csv::WriterBuilder::new().delimiter(delimiter).terminator(csv::Terminator::CRLF).from_writer(&mut buf);
        let io = |e: csv::Error| TransferError::Io { context: "writing CSV".into(), source: e.into() };
        w.write_record(Column::ALL.map(Column::name)).map_err(io)?;
        for row in rows(set) {
            w.write_record(row.iter().map(|cell| neutralise_formula(cell).into_owned())).map_err(io)?;
        }
        w.flush().map_err(|e| TransferError::Io { context: "writing CSV".into(), source: e })?;
    }
    Ok(buf)
}

fn xlsx_bytes(set: &ExportSet) -> Result<Vec<u8>, TransferError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Cases")?;
    let bold = Format::new().set_bold();
    // Row 1: what the file is; row 2: the header; then the records.
    sheet.write_string_with_format(0, 0, set.edition.notice(), &bold)?;
    for (col, c) in Column::ALL.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(1, col, c.name(), &bold)?;
        let width = match c {
            Column::Title => 50.0,
            Column::Summary => 80.0,
            Column::SourceUrl => 40.0,
            Column::Category | Column::VictimName | Column::Outlet | Column::Court | Column::Outcome => 24.0,
            _ => 14.0,
        };
        sheet.set_column_width(col, width)?;
    }
    // Cells are written as strings, which a spreadsheet never evaluates, so
    // no formula apostrophe is needed here.
    let rows = rows(set);
    for (r, row) in rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32 + 2, col as u16, cell)?;
            }
        }
    }
    sheet.set_freeze_panes(2, 0)?;
    sheet.autofilter(1, 0, rows.len() as u32 + 1, Column::ALL.len() as u16 - 1)?;
    Ok(book.save_to_buffer()?)
}

#[derive(Serialize)]
struct JsonExport<'a> {
    format: &'static str,
    edition: Edition,
    notice: String,
    version: u32,
    exported_at: DateTime<Utc>,
    month: Option<Month>,
    cases: &'a [Case],
    developments: &'a [Development],
}

/// The bytes of `set` in `format`. `now` (UTC) is recorded as `exported_at`
/// in JSON; CSV and XLSX do not depend on it.
///
/// CSV starts with the edition's notice line ([`Edition::notice`]), then
/// the header; XLSX has the notice in row 1 and the header in row 2.
///
/// JSON shape: `{"format": "kuzet-export", "edition": "full" | "public",
/// "notice", "version": 1, "exported_at",
/// "month": "YYYY-MM" | null, "cases": [Case…], "developments": [Development…]}`
/// with cases and developments as the core serialises them.
///
/// # Errors
/// [`TransferError::Xlsx`] (e.g. a cell over 32 767 characters),
/// [`TransferError::Json`], [`TransferError::Io`].
pub fn export_bytes(set: &ExportSet, format: ExportFormat, now: DateTime<Utc>) -> Result<Vec<u8>, TransferError> {
    match format {
        ExportFormat::Csv => csv_bytes(set, b','),
        ExportFormat::CsvSemicolon => csv_bytes(set, b';'),
        ExportFormat::Xlsx => xlsx_bytes(set),
        ExportFormat::Json => Ok(serde_json::to_vec_pretty(&JsonExport {
            format: "kuzet-export",
            edition: set.edition,
            notice: set.edition.notice(),
            version: 1,
            exported_at: now,
            month: set.month,
            cases: &set.cases,
            developments: &set.developments,
        })?),
    }
}

/// Writes `set` to `out` atomically: into its partial file in the same
/// folder, then renamed over `out` (an existing file is replaced). A failed
/// write leaves `out` as it was and removes the partial file; partial files
/// of earlier, interrupted writes are removed and returned. The file is
/// created readable by its owner only (mode 0600 on Unix).
///
/// The file is **not encrypted**: an export is plaintext by the user's
/// explicit choice.
///
/// # Errors
/// See [`export_bytes`]; [`TransferError::Io`] with the path.
pub fn write_export(
    set: &ExportSet,
    format: ExportFormat,
    out: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<Removed>, TransferError> {
    let bytes = export_bytes(set, format, now)?;
    write_file_atomically(out, &bytes)
        .map_err(|source| TransferError::Io { context: format!("writing {}", out.display()), source })
}

/// Writes `bytes` (an export or a PDF the user asked for) to `out` through
/// its partial file `.<name>.kuzet-partial` in the same folder and a rename,
/// so a failure never leaves a half-written file. The file is readable by
/// its owner only. Returns the partial files of earlier, interrupted writes
/// it removed first (see [`crate::leftover`]), for the caller to report.
///
/// # Errors
/// The I/O error; `InvalidInput` when `out` exists but is not a regular file
/// (a symlink, a device such as `/dev/stdout`, a FIFO, a folder): the rename
/// would silently replace it instead of writing through it.
pub fn write_file_atomically(out: &Path, bytes: &[u8]) -> std::io::Result<Vec<Removed>> {
    super::output::write_atomically(out, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn an_export_never_replaces_a_link_or_device() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "kept").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = write_file_atomically(&link, b"x").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "kept");
        let plain = dir.path().join("plain.csv");
        write_file_atomically(&plain, b"a,b").unwrap();
        write_file_atomically(&plain, b"c,d").unwrap();
        assert_eq!(std::fs::read(&plain).unwrap(), b"c,d", "a regular file is replaced");
    }
    use crate::case::{CaseData, DevelopmentId};
    use crate::taxonomy::Taxonomy;
    use crate::transfer::demo::FIXTURE_CSV;
    use crate::transfer::parse_csv;
    use crate::vault::ImportItem;

    /// The fixture as stored records, without a vault.
    fn fixture_set() -> ExportSet {
        let now = DateTime::parse_from_rfc3339("2024-07-16T06:00:00Z").unwrap().with_timezone(&Utc);
        let mut set = ExportSet::default();
        let mut ids = HashMap::new();
        let items = parse_csv(FIXTURE_CSV.as_bytes(), &Taxonomy::bundled()).unwrap();
        for (_, item) in items {
            match item {
                ImportItem::Case(data) => {
                    let id = CaseId::new();
                    ids.insert(data.external_ref.clone().unwrap(), id);
                    set.cases.push(Case { id, data, created_at: now, updated_at: now });
                }
                ImportItem::Development { parent_ref, data } => set.developments.push(Development {
                    id: DevelopmentId::new(),
                    case_id: ids[&parent_ref],
                    data,
                    created_at: now,
                    updated_at: now,
                }),
            }
        }
        set
    }

    fn case_data(items: Vec<(u64, ImportItem)>) -> (Vec<CaseData>, Vec<(String, crate::case::DevelopmentData)>) {
        let (mut cases, mut devs) = (Vec::new(), Vec::new());
        for (_, i) in items {
            match i {
                ImportItem::Case(c) => cases.push(c),
                ImportItem::Development { parent_ref, data } => devs.push((parent_ref, data)),
            }
        }
        cases.sort_by(|a, b| a.external_ref.cmp(&b.external_ref));
        devs.sort_by(|a, b| a.1.external_ref.cmp(&b.1.external_ref));
        (cases, devs)
    }

    #[test]
    fn a_csv_export_imports_back_unchanged() {
        let mut set = fixture_set();
        // Text a spreadsheet would run as a formula, and an apostrophe the
        // importer must keep.
        set.cases[0].data.title = "=HYPERLINK(\"http://evil\")".into();
        set.cases[1].data.summary = "'quoted".into();
        set.cases[2].data.confidential = true;
        let bytes = export_bytes(&set, ExportFormat::Csv, Utc::now()).unwrap();
        let notice = format!("\u{feff}{}\r\nref,kind,parent_ref,event_date", Edition::Full.notice());
        assert!(bytes.starts_with(notice.as_bytes()), "BOM, the notice line, then the header");
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("'=HYPERLINK"), "the formula is neutralised in the file");
        let back = parse_csv(&bytes, &Taxonomy::bundled()).unwrap();
        let want = (
            {
                let mut c: Vec<_> = set.cases.iter().map(|c| c.data.clone()).collect();
                c.sort_by(|a, b| a.external_ref.cmp(&b.external_ref));
                c
            },
            {
                let refs: HashMap<_, _> =
                    set.cases.iter().map(|c| (c.id, c.data.external_ref.clone().unwrap())).collect();
                let mut d: Vec<_> =
                    set.developments.iter().map(|d| (refs[&d.case_id].clone(), d.data.clone())).collect();
                d.sort_by(|a, b| a.1.external_ref.cmp(&b.1.external_ref));
                d
            },
        );
        assert_eq!(case_data(back), want, "every field survives export and import");
    }

    #[test]
    fn xlsx_and_json_exports_hold_every_case() {
        let set = fixture_set();
        let xlsx = export_bytes(&set, ExportFormat::Xlsx, Utc::now()).unwrap();
        assert!(xlsx.starts_with(b"PK\x03\x04"), "an XLSX file is a zip archive");
        let json: serde_json::Value =
            serde_json::from_slice(&export_bytes(&set, ExportFormat::Json, Utc::now()).unwrap()).unwrap();
        assert_eq!(json["format"], "kuzet-export");
        assert_eq!(json["cases"].as_array().unwrap().len(), set.cases.len());
        assert_eq!(json["developments"].as_array().unwrap().len(), set.developments.len());
    }

    #[test]
    fn the_suggested_file_name_says_which_copy_it_is() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let may = Some("2024-05".parse().unwrap());
        assert_eq!(
            Edition::Public.file_name(may, today, ExportFormat::Xlsx),
            "kuzet-cases-public-2024-05-2026-12-03.xlsx"
        );
        assert_eq!(Edition::Full.file_name(None, today, ExportFormat::Csv), "kuzet-cases-full-all-2026-12-03.csv");
    }

    #[test]
    fn write_export_replaces_the_file_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("may.csv");
        std::fs::write(&out, "old").unwrap();
        write_export(&fixture_set(), ExportFormat::Csv, &out, Utc::now()).unwrap();
        assert!(std::fs::read(&out).unwrap().starts_with(b"\xEF\xBB\xBF# Kuzet full export"));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["may.csv"], "no temporary file is left behind");
    }
}
