//! The CSV import: file bytes → validated [`ImportItem`]s, or every problem
//! with its line and column. The format is described in the
//! [module docs](super).
//!
//! Checking happens in two steps. [`parse_csv`] needs only the taxonomy: file
//! encoding, quoting, the header, every field of every row, duplicate refs and
//! parents inside the file. [`import_csv`] then hands the items to the vault's
//! one planner ([`crate::vault::import::plan`]), which checks and matches
//! them against the vault, for a dry run and for the real import alike.

use super::{restore_formula, TransferError};
use crate::case::{
    CaseData, CaseKind, CaseStatus, DevelopmentData, Problem, Proceeding, ProceedingBranch, ProceedingStage,
    Translation, Translations, ValidationErrors, Victim,
};
use crate::codes::{BadCode, CategoryCode, LegalBasisCode, PerpetratorTypeCode, RegionCode, VictimTypeCode};
use crate::lang::Lang;
use crate::month::parse_date;
use crate::taxonomy::Taxonomy;
use crate::vault::import::BatchRefs;
use crate::vault::{ImportItem, ImportRowError, ImportSummary, Vault};
use chrono::{DateTime, NaiveDate, Utc};

mod columns;
mod file;
mod rows;
mod xlsx;

pub use columns::Column;
use file::{decode, delimiter, stray_quotes, Lines};
use rows::{parse_row, Parsed, Row};

/// Why a public copy is not imported.
const PUBLIC_COPY_REFUSED: &str = "this file is a public copy: its private names are replaced by pseudonyms, and \
     importing it would overwrite the real ones; import the full export instead";

/// The kind of an import file. Both hold the same table (see the
/// [module docs](super)): a CSV file, or the first worksheet of an XLSX
/// workbook, where problems give the spreadsheet's row numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// CSV (UTF-8, `,` or `;`).
    Csv,
    /// An Excel workbook (Office Open XML).
    Xlsx,
}

impl ImportFormat {
    /// The format of a file from its first bytes: a zip archive
    /// (`PK\x03\x04`, as every XLSX workbook is) is read as XLSX, anything
    /// else as CSV, whatever the file's name says.
    pub fn of(bytes: &[u8]) -> Self {
        if bytes.starts_with(b"PK\x03\x04") {
            ImportFormat::Xlsx
        } else {
            ImportFormat::Csv
        }
    }
}

/// How to run an import.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Check everything and report what would be added, updated or left
    /// unchanged, without writing anything.
    pub dry_run: bool,
    /// Where the rows come from (the file's name), recorded in the history
    /// as the source `import: <origin>`; empty: `import`.
    pub origin: String,
}

fn row_error(line: u64, column: &str, message: impl Into<String>) -> ImportRowError {
    ImportRowError::new(line, column, message)
}

/// Reads an import file and checks everything that does not need the vault:
/// the separator (`,`, or `;` when the header has semicolons and no comma),
/// encoding (UTF-8, optional BOM; UTF-16, NUL bytes and invalid bytes are
/// refused with their line), quoting (an unterminated quoted field is refused
/// with the line it opens on; a stray quote inside a field or text after a
/// closing quote with its line and column), the header (unknown, duplicate or missing
/// required columns), every field of every row against `taxonomy`
/// ([`CaseData::validate`]), duplicate refs, and development parents that are
/// in the file. Rows whose cells are all empty are skipped.
///
/// Returns the items with the physical line each row starts on (header =
/// line 1), cases and context events first, then developments, each in file
/// order; every text is normalised (NFC, trimmed) as the vault stores it.
///
/// # Errors
/// [`TransferError::Invalid`] with every problem found, in line order.
pub fn parse_csv(bytes: &[u8], taxonomy: &Taxonomy) -> Result<Vec<(u64, ImportItem)>, TransferError> {
    parse_csv_columns(bytes, taxonomy).map(|(items, _)| items)
}

/// Parsed rows with their line numbers.
type Items = Vec<(u64, ImportItem)>;

/// [`parse_csv`], and the columns the file's header names.
fn parse_csv_columns(bytes: &[u8], taxonomy: &Taxonomy) -> Result<(Items, Vec<Column>), TransferError> {
    let text = decode(bytes)?;
    // The notice line of a Kuzet export ("# Kuzet full export …") is not a
    // header; rows keep their physical line numbers.
    if text.starts_with(&super::Edition::Public.notice()) {
        return Err(TransferError::Invalid(vec![row_error(1, "", PUBLIC_COPY_REFUSED)]));
    }
    let (text, notice_lines) = match text.strip_prefix(super::NOTICE_PREFIX) {
        Some(_) => text.split_once('\n').map_or(("", 1), |(_, rest)| (rest, 1)),
        None => (text, 0),
    };
    let separator = delimiter(text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(separator).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(TransferError::Invalid(vec![row_error(1, "", "the file is empty: expected a header row")])),
        Some(Err(e)) => return Err(TransferError::Invalid(vec![row_error(1, "", e.to_string())])),
        Some(Ok(h)) => h,
    };
    let mut lines = Lines::new(text);
    let header_line = header.position().map_or(1, |p| lines.of(p)) + notice_lines;
    let positions = check_header(header_line, &header)?;
    let mut errors = Vec::new();
    for q in stray_quotes(text.as_bytes(), separator) {
        let column = header.get(q.field).and_then(Column::from_name).map(|c| c.name().to_string());
        errors.push(row_error(q.line + notice_lines, &column.unwrap_or_else(|| format!("#{}", q.field + 1)), q.why));
    }
    let rows = records.map(|record| match record {
        Ok(r) => Ok((r.position().map_or(0, |p| lines.of(p) + notice_lines), r)),
        Err(e) => Err(row_error(e.position().map_or(0, |p| lines.of(p) + notice_lines), "", e.to_string())),
    });
    parse_rows(&header, &positions, rows, errors, taxonomy, true)
}

/// Checks an import header (its 1-based line or spreadsheet row is
/// `header_line`): every name a [`Column`], none twice, the required ones
/// present. Returns, for each [`Column::ALL`] entry, its position.
///
/// # Errors
/// [`TransferError::Invalid`] with every problem of the header.
fn check_header(header_line: u64, header: &csv::StringRecord) -> Result<Vec<Option<usize>>, TransferError> {
    let mut errors = Vec::new();
    let mut positions = vec![None; Column::ALL.len()];
    for (i, name) in header.iter().enumerate() {
        match Column::from_name(name) {
            Some(c) if positions[c.index()].is_some() => {
                errors.push(ImportRowError::typed(
                    header_line,
                    c.name(),
                    Problem::Duplicate { value: c.name().to_string() },
                    "the column appears twice in the header",
                ));
            }
            Some(c) => positions[c.index()] = Some(i),
            None if name.trim().is_empty() => {
                errors.push(row_error(header_line, &format!("#{}", i + 1), "the header has an empty column name"));
            }
            None => errors.push(ImportRowError::typed(
                header_line,
                name.trim(),
                Problem::UnknownColumn {
                    name: name.trim().to_string(),
                    known: Column::ALL.map(|c| c.name().to_string()).to_vec(),
                },
                format!("unknown column; the columns are {}", Column::ALL.map(Column::name).join(", ")),
            )),
        }
    }
    for c in Column::REQUIRED {
        if positions[c.index()].is_none() {
            errors.push(ImportRowError::typed(
                header_line,
                c.name(),
                Problem::MissingColumn,
                "required column is missing from the header",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(TransferError::Invalid(errors));
    }
    Ok(positions)
}

/// The rows of an import table (CSV records or spreadsheet rows, each with
/// its 1-based line or row number, or the problem reading it) → items, with
/// `errors` found before (quoting) and every problem of the rows.
/// `formulas`: cells may carry the CSV export's formula apostrophe.
fn parse_rows(
    header: &csv::StringRecord,
    positions: &[Option<usize>],
    rows: impl Iterator<Item = Result<(u64, csv::StringRecord), ImportRowError>>,
    mut errors: Vec<ImportRowError>,
    taxonomy: &Taxonomy,
    formulas: bool,
) -> Result<(Items, Vec<Column>), TransferError> {
    let mut cases = Vec::new();
    let mut developments = Vec::new();
    // Duplicate and parent checks, the same as the vault's planner makes.
    let mut refs = BatchRefs::default();
    // (line, parent_ref) of every development row, parsed or not.
    let mut parents: Vec<(u64, String)> = Vec::new();
    for row in rows {
        let (line, record) = match row {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            errors.push(ImportRowError::typed(
                line,
                "",
                Problem::FieldCount { found: record.len(), expected: header.len() },
                format!(
                    "the row has {} fields but the header has {}: a missing comma, or a comma in an unquoted field?",
                    record.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let mut row = Row { record: &record, positions, line, errors: Vec::new(), formulas };
        let parsed = parse_row(&mut row, taxonomy);
        let is_development = row.get(Column::Kind).eq_ignore_ascii_case("development");
        let parent = row.get(Column::ParentRef);
        if is_development && !parent.is_empty() {
            parents.push((line, crate::text::nfc(parent)));
        }
        let r = row.get(Column::Ref);
        if !r.is_empty() {
            row.errors.extend(refs.add(line, &crate::text::nfc(r), !is_development));
        }
        errors.append(&mut row.errors);
        match parsed {
            Some(Parsed::Case(data)) => cases.push((line, ImportItem::Case(*data))),
            Some(Parsed::Development { parent_ref, data }) => {
                developments.push((line, ImportItem::Development { parent_ref: crate::text::nfc(&parent_ref), data }))
            }
            None => {}
        }
    }
    for (line, parent_ref) in &parents {
        errors.extend(refs.check_parent(*line, parent_ref));
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(TransferError::Invalid(errors));
    }
    cases.append(&mut developments);
    let present = Column::ALL.into_iter().filter(|c| positions[c.index()].is_some()).collect();
    Ok((cases, present))
}

/// For every row that matches a stored record (by ref, or by id for a record
/// made in the app, as the import planner matches), the fields of the
/// columns the file does not have keep their stored values, instead of
/// becoming empty: a spreadsheet without a `confidential` or `tags` column
/// must not make a confidential case public or drop its tags, and one
/// without `source_url` must not erase its sources. (A column that is
/// present but empty on a row does empty the field: that is an edit.)
/// Matched developments keep their summary, sources and language the same
/// way.
fn keep_fields_the_file_lacks(
    vault: &Vault,
    items: &mut [(u64, ImportItem)],
    present: &[Column],
) -> Result<(), TransferError> {
    let lacks = |c: Column| !present.contains(&c);
    // `keep!(new, old, Column => field.path, …)`: the field keeps its old
    // value when the file lacks the column.
    macro_rules! keep {
        ($new:ident, $old:ident, $($col:ident => $($field:ident).+),+ $(,)?) => {
            $(if lacks(Column::$col) {
                $new.$($field).+ = $old.$($field).+;
            })+
        };
    }
    if Column::ALL.into_iter().all(|c| !lacks(c)) {
        return Ok(());
    }
    for (_, item) in items.iter_mut() {
        match item {
            ImportItem::Case(new) => {
                let Some(old) = new.external_ref.as_deref().map(|r| vault.import_match_case(r)).transpose()?.flatten()
                else {
                    continue;
                };
                let old = old.data;
                keep!(new, old, Kind => kind, Category => category, Region => region, Summary => summary,
                    VictimType => victim.kind, VictimName => victim.name, Outlet => victim.outlet,
                    PerpetratorType => perpetrator_type, LegalBasis => legal_basis, SourceUrl => sources,
                    Language => language, Tags => tags, Status => status, Confidential => confidential,
                    PrivateNames => private_names);
                keep_translations(&mut new.translations, &old.translations, lacks);
                // Proceeding details of the same branch (the branch follows
                // the category, which the file may have changed).
                if let (Some(n), Some(o)) = (new.proceeding.as_mut(), old.proceeding) {
                    if n.branch == o.branch {
                        keep!(n, o, ProceedingStage => stage, Court => court,
                            AmountClaimedKzt => amount_claimed_kzt, FineKzt => fine_kzt, Outcome => outcome);
                    }
                }
            }
            ImportItem::Development { data, .. } => {
                let Some(old) =
                    data.external_ref.as_deref().map(|r| vault.import_match_development(r)).transpose()?.flatten()
                else {
                    continue;
                };
                let old = old.data;
                keep!(data, old, Summary => summary, SourceUrl => sources, Language => language,
                    PrivateNames => private_names);
                keep_translations(&mut data.translations, &old.translations, lacks);
            }
        }
    }
    Ok(())
}

/// The translations of a re-imported record where the file lacks their
/// columns: each language whose `title_*` and `summary_*` columns are both
/// missing keeps the stored translation; one of the two missing keeps that
/// half of it.
fn keep_translations(new: &mut Translations, old: &Translations, lacks: impl Fn(Column) -> bool) {
    for lang in Lang::ALL {
        let (no_title, no_summary) = (lacks(Column::TitleIn(lang)), lacks(Column::SummaryIn(lang)));
        if !no_title && !no_summary {
            continue;
        }
        let Some(o) = old.get(&lang) else { continue };
        let t = new.entry(lang).or_default();
        if no_title {
            t.title = o.title.clone();
        }
        if no_summary {
            t.summary = o.summary.clone();
        }
    }
}

/// Imports a CSV file (see the [module docs](super)) into `vault`: all rows or
/// none. With [`ImportOptions::dry_run`] nothing is written and the summary
/// is that of the plan ([`Vault::plan_import`]) the real import would write.
///
/// `now` is the UTC time recorded as created/updated on the written records.
///
/// # Errors
/// [`TransferError::Invalid`] listing every bad row (from the file, or from
/// the vault's own checks); then nothing was written. Other vault errors.
pub fn import_csv(
    vault: &mut Vault,
    bytes: &[u8],
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportSummary, TransferError> {
    import_file(vault, bytes, ImportFormat::Csv, options, now)
}

/// [`import_csv`] for a file of either [`ImportFormat`] (use
/// [`ImportFormat::of`] to tell from its bytes): the same checks, all rows
/// or none.
///
/// # Errors
/// As [`import_csv`]; for XLSX also a file that is not a readable workbook
/// or has no worksheet, and cells holding spreadsheet errors.
pub fn import_file(
    vault: &mut Vault,
    bytes: &[u8],
    format: ImportFormat,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportSummary, TransferError> {
    let (mut items, present) = match format {
        ImportFormat::Csv => parse_csv_columns(bytes, vault.taxonomy())?,
        ImportFormat::Xlsx => xlsx::parse_xlsx_columns(bytes, vault.taxonomy())?,
    };
    keep_fields_the_file_lacks(vault, &mut items, &present)?;
    if options.dry_run {
        return Ok(vault.plan_import(&items, now)?.checked()?.summary());
    }
    Ok(vault.apply_import_from(items, now, &options.origin)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::ProceedingBranch;

    const HEADER: &str = "ref,kind,parent_ref,event_date,category,title\n";

    /// Parses `input` with the bundled taxonomy and describes the outcome one
    /// string per item (`L3 case R1 2024-05-10 journalists.threat`, `L4 dev D1
    /// <- R1`) or per problem (`line 3, category: …`). Each `want` entry must
    /// be a prefix of the matching outcome line.
    fn check(input: &str, want: &[&str]) {
        let got: Vec<String> = match parse_csv(input.as_bytes(), &Taxonomy::bundled()) {
            Ok(items) => items
                .iter()
                .map(|(line, item)| match item {
                    ImportItem::Case(c) => format!(
                        "L{line} {} {} {} {}",
                        if c.kind == CaseKind::Context { "context" } else { "case" },
                        c.external_ref.as_deref().unwrap_or("-"),
                        c.event_date,
                        c.category
                    ),
                    ImportItem::Development { parent_ref, data } => {
                        format!("L{line} dev {} <- {parent_ref}", data.external_ref.as_deref().unwrap_or("-"))
                    }
                })
                .collect(),
            Err(TransferError::Invalid(rows)) => {
                rows.iter().map(|e| format!("line {}, {}: {}", e.line, e.column, e.message)).collect()
            }
            Err(e) => vec![format!("other error: {e}")],
        };
        assert_eq!(got.len(), want.len(), "input:\n{input}\ngot: {got:#?}\nwant: {want:#?}");
        for (g, w) in got.iter().zip(want) {
            assert!(g.starts_with(w), "input:\n{input}\ngot:  {g}\nwant: {w}…");
        }
    }

    fn one(input: &str) -> CaseData {
        match parse_csv(input.as_bytes(), &Taxonomy::bundled()).expect("valid").remove(0).1 {
            ImportItem::Case(c) => c,
            other => panic!("not a case: {other:?}"),
        }
    }

    #[test]
    fn valid_rows_become_cases_developments_and_context_events() {
        check(
            &format!(
                "{HEADER}R1,,,2024-05-10,journalists.threat,Угроза\n\
                 D1,development,R1,2024-05-21,,Суд продлил арест\n\
                 X1,context,,2024-05-03,,RSF index\n"
            ),
            &["L2 case R1 2024-05-10 journalists.threat", "L4 context X1 2024-05-03 context.event", "L3 dev D1 <- R1"],
        );
    }

    #[test]
    fn columns_may_come_in_any_order_and_optional_ones_may_be_missing() {
        check("title,event_date,ref,category\nҚорқыту,2024-05-07,K1,journalists.threat\n", &["L2 case K1"]);
    }

    #[test]
    fn quoted_fields_hold_commas_quotes_and_line_breaks_and_lines_follow_the_file() {
        let input = format!(
            "{HEADER}R1,case,,2024-05-10,journalists.threat,\"Title, with comma and \"\"quotes\"\"\nand a second line\"\n\
             R2,,,2024-05-11,journalists.threat,Next\n"
        );
        check(&input, &["L2 case R1", "L4 case R2"]);
        assert_eq!(one(&input).title, "Title, with comma and \"quotes\"\nand a second line");
    }

    #[test]
    fn windows_line_ends_and_semicolon_separators_are_read() {
        let input = "ref,event_date,category,title\r\nR1,2024-05-10,journalists.threat,\"two\r\nlines\"\r\nR2,2024-05-11,journalists.threat,T\r\n";
        check(input, &["L2 case R1", "L4 case R2"]);
        assert_eq!(one(input).title, "two\r\nlines", "line breaks inside a quoted field are kept as written");
        check("ref;event_date;category;title\nR1;2024-05-10;journalists.threat;\"Угроза; звонок\"\n", &["L2 case R1"]);
    }

    #[test]
    fn line_numbers_stay_right_deep_into_a_long_file() {
        // Regression: lines were once counted from the start of the file for
        // every record; now they are counted incrementally, which must not
        // drift over multi-line fields, blank lines and CRLF.
        let mut input = String::from("ref,event_date,category,title\r\n");
        for i in 0..3000 {
            input.push_str(&format!("R{i},2024-05-10,journalists.threat,\"two\nlines\"\r\n"));
            if i % 1000 == 0 {
                input.push_str("\r\n");
            }
        }
        input.push_str("BAD,2024-02-30,journalists.threat,T\n");
        // 1 header line + 3000 rows × 2 lines + 3 blank lines: the bad row is line 6005.
        check(&input, &["line 6005, event_date:"]);
    }

    #[test]
    fn a_bom_is_accepted_and_blank_rows_skipped() {
        check(&format!("\u{feff}{HEADER}R1,,,2024-05-10,journalists.threat,T\n,,,,,\n\n"), &["L2 case R1"]);
    }

    #[test]
    fn every_bad_field_is_reported_with_line_and_column() {
        check(
            &format!(
                "{HEADER}R1,,,2024-02-30,journalists.nope,T\n\
                 R2,,,2024-05-10,,\n\
                 R3,weird,,2024-05-10,journalists.threat,T\n\
                 R4,,P,10.05.2024,Journalists,T\n"
            ),
            &[
                "line 2, event_date: \"2024-02-30\" is not a date in the calendar",
                "line 2, category: unknown category journalists.nope",
                "line 3, category: required for a case",
                "line 3, title: must not be empty",
                "line 4, kind: unknown kind \"weird\"",
                "line 5, event_date: \"10.05.2024\" is not a date: expected YYYY-MM-DD",
                "line 5, parent_ref: only development rows have a parent_ref",
                "line 5, category: \"Journalists\" is not a valid code",
            ],
        );
    }

    #[test]
    fn refs_are_required_and_unique_in_the_file() {
        check(
            &format!(
                "{HEADER}R1,,,2024-05-10,journalists.threat,T\n\
                 R1,,,2024-05-11,journalists.threat,T\n\
                 ,,,2024-05-11,journalists.threat,T\n"
            ),
            &["line 3, ref: ref \"R1\" is already used on line 2", "line 4, ref: required"],
        );
    }

    #[test]
    fn developments_need_a_case_parent_and_no_case_columns() {
        check(
            &format!(
                "{HEADER}D1,development,,2024-05-10,,T\n\
                 D2,development,D3,2024-05-10,journalists.threat,T\n\
                 D3,development,R9,2024-05-10,,T\n"
            ),
            &[
                "line 2, parent_ref: required for a development",
                "line 3, category: does not apply to a development row",
                "line 3, parent_ref: \"D3\" is a development (line 4), not a case",
            ],
        );
    }

    #[test]
    fn context_events_cannot_take_counted_categories() {
        check(
            &format!("{HEADER}X1,context,,2024-05-10,journalists.threat,T\n"),
            &["line 2, kind: a context event cannot have the counted category journalists.threat"],
        );
    }

    #[test]
    fn the_header_must_name_known_columns_once_and_the_required_ones() {
        check(
            "ref,event_date,title,colour,title\n",
            &["line 1, colour: unknown column", "line 1, title: the column appears twice"],
        );
        check("ref,category\n", &["line 1, event_date: required column is missing", "line 1, title: required column"]);
        check("", &["line 1, : the file is empty"]);
    }

    #[test]
    fn rows_with_the_wrong_number_of_fields_are_refused() {
        check(
            &format!("{HEADER}R1,,,2024-05-10,journalists.threat,T,extra\n"),
            &["line 2, : the row has 7 fields but the header has 6"],
        );
    }

    #[test]
    fn broken_files_are_refused_with_the_line_of_the_problem() {
        check(
            &format!(
                "{HEADER}R1,,,2024-05-10,journalists.threat,T\nR2,,,2024-05-10,journalists.threat,\"Cut off here\n"
            ),
            &["line 3, : a quoted field starts here and is never closed"],
        );
        let mut latin1 = format!("{HEADER}R1,,,2024-05-10,journalists.threat,Caf").into_bytes();
        latin1.extend_from_slice(b"\xe9\n");
        let err = parse_csv(&latin1, &Taxonomy::bundled()).unwrap_err().to_string();
        assert!(err.contains("line 2: the file is not UTF-8 text (byte 0xE9"), "{err}");
        let err = parse_csv(b"PK\x03\x04\x00\x00binary", &Taxonomy::bundled()).unwrap_err().to_string();
        assert!(err.contains("line 1: the file holds a NUL byte"), "{err}");
        let err = parse_csv(b"ref,title\nR1,\x10\x04\n", &Taxonomy::bundled()).unwrap_err().to_string();
        assert!(err.contains("line 2: the file holds the control character U+0010"), "{err}");
        let err = parse_csv(b"\xff\xfer\x00e\x00f\x00", &Taxonomy::bundled()).unwrap_err().to_string();
        assert!(err.contains("UTF-16"), "{err}");
    }

    #[test]
    fn claims_get_a_proceeding_of_their_branch() {
        let c = one("ref,event_date,category,title,proceeding_stage,court,fine_kzt,amount_claimed_kzt\n\
             C1,2024-05-02,claims.administrative,Maricheva,court,Almaty court,73 840,\n");
        let p = c.proceeding.expect("a claim has a proceeding");
        assert_eq!(p.branch, ProceedingBranch::Administrative, "the branch follows the category");
        assert_eq!(p.stage, Some(ProceedingStage::Court));
        assert_eq!(p.fine_kzt, Some(73_840), "spaces between digits are allowed in tenge amounts");
        assert_eq!(p.amount_claimed_kzt, None);
        check(
            "ref,event_date,category,title,fine_kzt\nC1,2024-05-02,journalists.threat,T,100\nC2,2024-05-02,claims.civil,T,lots\n",
            &["line 2, fine_kzt: applies only to claims", "line 3, fine_kzt: \"lots\" is not a whole number"],
        );
    }

    #[test]
    fn fields_are_normalised_and_sources_split_by_line() {
        let c = one(
            "ref,event_date,category,title,source_url,tags,language,confidential,status,region\n\
             R1,2024-05-10,journalists.threat,  Қорқыту  ,\"https://a.kz\n\n  phone call to our correspondent \",journalists.insult; journalists.other,KK,yes,closed,almaty_city\n",
        );
        assert_eq!(c.title, "Қорқыту");
        assert_eq!(c.sources, ["https://a.kz", "phone call to our correspondent"]);
        assert_eq!(c.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(), ["journalists.insult", "journalists.other"]);
        assert_eq!(c.language, Some(Lang::Kk));
        assert!(c.confidential);
        assert_eq!(c.status, CaseStatus::Closed);
    }

    #[test]
    fn the_export_apostrophe_is_removed_again() {
        let c = one("ref,event_date,category,title,summary\nR1,2024-05-10,journalists.threat,'=1+1,'plain\n");
        assert_eq!(c.title, "=1+1", "the export's protective apostrophe goes away");
        assert_eq!(c.summary, "'plain", "an apostrophe before ordinary text is kept");
    }
}
