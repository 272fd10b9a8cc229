//! The CSV import: file bytes → validated [`ImportItem`]s, or every problem
//! with its line and column. The format is described in the
//! [module docs](super).
//!
//! Checking happens in two steps. [`parse_csv`] needs only the taxonomy: file
//! encoding, quoting, the header, every field of every row, duplicate refs and
//! parents inside the file. [`import_csv`] and [`plan_import`] then check what
//! only the vault knows (parents of developments that are not in the file)
//! before the vault applies everything in one transaction.

use super::{restore_formula, TransferError};
use crate::case::{
    CaseData, CaseKind, CaseStatus, DevelopmentData, Proceeding, ProceedingBranch, ProceedingStage, ValidationErrors,
    Victim,
};
use crate::codes::{BadCode, CategoryCode, LegalBasisCode, PerpetratorTypeCode, RegionCode, VictimTypeCode};
use crate::lang::Lang;
use crate::month::parse_date;
use crate::taxonomy::Taxonomy;
use crate::vault::{ImportItem, ImportRowError, ImportSummary, Vault};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// A column of the import/export CSV (see the [module docs](super)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// `ref`: the external reference, required and unique in the file.
    Ref,
    /// `kind`: `case`, `development` or `context`.
    Kind,
    /// `parent_ref`: a development's case.
    ParentRef,
    /// `event_date`: `YYYY-MM-DD`, local date in Kazakhstan.
    EventDate,
    /// `category`: the primary category code.
    Category,
    /// `region`: a region code.
    Region,
    /// `title`.
    Title,
    /// `summary`.
    Summary,
    /// `victim_type`: a victim / target type code.
    VictimType,
    /// `victim_name`.
    VictimName,
    /// `outlet`: the media outlet.
    Outlet,
    /// `perpetrator_type`: a perpetrator type code.
    PerpetratorType,
    /// `legal_basis`: a legal basis code.
    LegalBasis,
    /// `source_url`: sources, one per line.
    SourceUrl,
    /// `language`: `kk`, `ru` or `en`.
    Language,
    /// `tags`: secondary categories, separated by `;` or white space.
    Tags,
    /// `status`: `open` or `closed`.
    Status,
    /// `confidential`: `yes` or `no`.
    Confidential,
    /// `proceeding_stage`: `pretrial` or `court` (claims only).
    ProceedingStage,
    /// `court`: the court or body (claims only).
    Court,
    /// `amount_claimed_kzt`: whole tenge (claims only).
    AmountClaimedKzt,
    /// `fine_kzt`: whole tenge (claims only).
    FineKzt,
    /// `outcome`: the outcome so far (claims only).
    Outcome,
}

impl Column {
    /// Every column, in the order the export writes them.
    pub const ALL: [Column; 23] = [
        Column::Ref,
        Column::Kind,
        Column::ParentRef,
        Column::EventDate,
        Column::Category,
        Column::Region,
        Column::Title,
        Column::Summary,
        Column::VictimType,
        Column::VictimName,
        Column::Outlet,
        Column::PerpetratorType,
        Column::LegalBasis,
        Column::SourceUrl,
        Column::Language,
        Column::Tags,
        Column::Status,
        Column::Confidential,
        Column::ProceedingStage,
        Column::Court,
        Column::AmountClaimedKzt,
        Column::FineKzt,
        Column::Outcome,
    ];

    /// Columns a file must have.
    pub const REQUIRED: [Column; 3] = [Column::Ref, Column::EventDate, Column::Title];

    /// The name in the header row.
    pub fn name(self) -> &'static str {
        match self {
            Column::Ref => "ref",
            Column::Kind => "kind",
            Column::ParentRef => "parent_ref",
            Column::EventDate => "event_date",
            Column::Category => "category",
            Column::Region => "region",
            Column::Title => "title",
            Column::Summary => "summary",
            Column::VictimType => "victim_type",
            Column::VictimName => "victim_name",
            Column::Outlet => "outlet",
            Column::PerpetratorType => "perpetrator_type",
            Column::LegalBasis => "legal_basis",
            Column::SourceUrl => "source_url",
            Column::Language => "language",
            Column::Tags => "tags",
            Column::Status => "status",
            Column::Confidential => "confidential",
            Column::ProceedingStage => "proceeding_stage",
            Column::Court => "court",
            Column::AmountClaimedKzt => "amount_claimed_kzt",
            Column::FineKzt => "fine_kzt",
            Column::Outcome => "outcome",
        }
    }

    /// The column with this header name (case-insensitive, surrounding
    /// spaces ignored).
    pub fn from_name(name: &str) -> Option<Column> {
        let n = name.trim().to_ascii_lowercase();
        Column::ALL.into_iter().find(|c| c.name() == n)
    }

    /// Whether a development row may fill this column.
    fn for_development(self) -> bool {
        matches!(
            self,
            Column::Ref
                | Column::Kind
                | Column::ParentRef
                | Column::EventDate
                | Column::Title
                | Column::Summary
                | Column::SourceUrl
                | Column::Language
        )
    }

    /// Whether the column describes a claim's proceeding.
    fn for_proceeding(self) -> bool {
        matches!(
            self,
            Column::ProceedingStage | Column::Court | Column::AmountClaimedKzt | Column::FineKzt | Column::Outcome
        )
    }

    fn index(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).expect("every column is in ALL")
    }
}

/// How to run an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Check everything and report what would be added, updated or left
    /// unchanged, without writing anything.
    pub dry_run: bool,
}

fn row_error(line: u64, column: &str, message: impl Into<String>) -> ImportRowError {
    ImportRowError { line, column: column.to_string(), message: message.into() }
}

/// The physical line (1-based) of byte offset `at` in `bytes`.
fn line_at(bytes: &[u8], at: usize) -> u64 {
    1 + bytes[..at.min(bytes.len())].iter().filter(|b| **b == b'\n').count() as u64
}

/// Physical line numbers of records, counted incrementally: records come in
/// file order, so each lookup only scans the bytes since the previous one
/// (counting from the start every time made a 10 000-row file take seconds).
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { bytes: text.as_bytes(), at: 0, line: 1 }
    }

    /// The physical line a record starts on. The `csv` crate's own line
    /// count misses line breaks written as CRLF, and its byte offset may
    /// point at the line break before the record, so skip line breaks and
    /// count from there.
    fn of(&mut self, position: &csv::Position) -> u64 {
        let mut at = (position.byte() as usize).min(self.bytes.len());
        while at < self.bytes.len() && matches!(self.bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        if at < self.at {
            // Never happens for records in order; stay correct anyway.
            return line_at(self.bytes, at);
        }
        self.line += self.bytes[self.at..at].iter().filter(|b| **b == b'\n').count() as u64;
        self.at = at;
        self.line
    }
}

/// Checks that `bytes` is a complete UTF-8 text (no NUL or other control
/// characters but line breaks and tabs, no open quote at the end) and
/// returns it without a BOM.
fn decode(bytes: &[u8]) -> Result<&str, TransferError> {
    let invalid = |line, msg: String| TransferError::Invalid(vec![row_error(line, "", msg)]);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(invalid(1, "the file is UTF-16 text; save it as \"CSV UTF-8\"".into()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(invalid(
            line_at(bytes, at),
            format!("the file holds a NUL byte at byte {at}: it is a binary file, not CSV text"),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        invalid(
            line_at(bytes, at),
            format!("the file is not UTF-8 text (byte 0x{:02X} at byte {at}); save it as \"CSV UTF-8\"", bytes[at]),
        )
    })?;
    if let Some((at, c)) = text.char_indices().find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(invalid(
            line_at(text.as_bytes(), at),
            format!(
                "the file holds the control character U+{:04X}: it is not CSV text (UTF-16 without a BOM?)",
                c as u32
            ),
        ));
    }
    if let Some(line) = unterminated_quote(text.as_bytes(), delimiter(text)) {
        return Err(invalid(
            line,
            "a quoted field starts here and is never closed: the file is truncated or a '\"' is missing".into(),
        ));
    }
    Ok(text)
}

/// The field separator: `,` as RFC 4180 says, or `;` when the header line
/// has semicolons and no comma (spreadsheets in Kazakh and Russian locales
/// save "CSV" with semicolons).
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if !header.contains(',') && header.contains(';') {
        b';'
    } else {
        b','
    }
}

/// The line of a quoted field left open at the end of the file, if any.
///
/// The `csv` crate silently ends such a field at end of file, which would turn
/// a truncated file into a shorter but "valid" last row; this follows RFC 4180
/// (a quote opens a field only at its start; `""` inside is a literal quote).
fn unterminated_quote(bytes: &[u8], delimiter: u8) -> Option<u64> {
    #[derive(PartialEq)]
    enum S {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let (mut state, mut line, mut opened) = (S::FieldStart, 1u64, 0u64);
    for &b in bytes {
        state = match (state, b) {
            (S::FieldStart, b'"') => {
                opened = line;
                S::Quoted
            }
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, _) => S::Quoted,
            (S::QuoteInQuoted, b'"') => S::Quoted,
            (_, b'\n') => S::FieldStart,
            (_, b) if b == delimiter => S::FieldStart,
            _ => S::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    (state == S::Quoted).then_some(opened)
}

/// One data row being read, collecting its problems.
struct Row<'a> {
    record: &'a csv::StringRecord,
    /// For each [`Column::ALL`] entry, its position in the file, if present.
    positions: &'a [Option<usize>],
    line: u64,
    errors: Vec<ImportRowError>,
}

impl<'a> Row<'a> {
    /// The trimmed cell of `column` ("" when the column is absent), with the
    /// export's formula apostrophe removed.
    fn get(&self, column: Column) -> &'a str {
        self.positions[column.index()].and_then(|i| self.record.get(i)).map(|s| restore_formula(s.trim())).unwrap_or("")
    }

    fn error(&mut self, column: Column, message: impl Into<String>) {
        self.errors.push(row_error(self.line, column.name(), message));
    }

    fn has_error(&self, column: &str) -> bool {
        self.errors.iter().any(|e| e.column == column)
    }

    fn code<T>(&mut self, column: Column, parse: fn(&str) -> Result<T, BadCode>) -> Option<T> {
        let s = self.get(column);
        if s.is_empty() {
            return None;
        }
        match parse(s) {
            Ok(c) => Some(c),
            Err(e) => {
                self.error(column, e.to_string());
                None
            }
        }
    }

    fn date(&mut self) -> NaiveDate {
        let s = self.get(Column::EventDate);
        if s.is_empty() {
            self.error(Column::EventDate, "required: the date of the event, YYYY-MM-DD");
        } else {
            match parse_date(s) {
                Ok(d) => return d,
                Err(e) => self.error(Column::EventDate, e),
            }
        }
        NaiveDate::default()
    }

    fn language(&mut self) -> Option<Lang> {
        let s = self.get(Column::Language);
        if s.is_empty() {
            return None;
        }
        match s.parse() {
            Ok(l) => Some(l),
            Err(e) => {
                self.error(Column::Language, format!("{e}"));
                None
            }
        }
    }

    fn sources(&self) -> Vec<String> {
        self.get(Column::SourceUrl).lines().map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
    }

    fn kzt(&mut self, column: Column) -> Option<i64> {
        let s = self.get(column);
        if s.is_empty() {
            return None;
        }
        let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')).collect();
        match digits.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.error(column, format!("{s:?} is not a whole number of tenge (KZT)"));
                None
            }
        }
    }

    /// Adds the validation problems of fields not already reported.
    fn add_validation(&mut self, errors: ValidationErrors) {
        for e in errors.0 {
            let (field, message) = (e.field.name().to_string(), e.message());
            // The case model calls a branch mismatch "proceeding"; in the file
            // the branch comes from the category column.
            let column = if field == "proceeding" { "category".to_string() } else { field };
            if !self.has_error(&column) {
                self.errors.push(ImportRowError { line: self.line, column, message });
            }
        }
    }
}

/// What a row became: a case (or context event) or a development.
enum Parsed {
    Case(Box<CaseData>),
    Development { parent_ref: String, data: DevelopmentData },
}

#[derive(Clone, Copy, PartialEq)]
enum RowKind {
    Case,
    Context,
    Development,
}

fn parse_row(row: &mut Row<'_>, taxonomy: &Taxonomy) -> Option<Parsed> {
    let kind = match row.get(Column::Kind).to_ascii_lowercase().as_str() {
        "" | "case" => RowKind::Case,
        "context" => RowKind::Context,
        "development" => RowKind::Development,
        other => {
            let msg = format!("unknown kind {other:?}: expected case, development or context");
            row.error(Column::Kind, msg);
            return None;
        }
    };
    let external_ref = row.get(Column::Ref).to_string();
    if external_ref.is_empty() {
        row.error(Column::Ref, "required: a reference unique in the file, e.g. 2024-05-J01");
    }
    let event_date = row.date();
    let title = row.get(Column::Title).to_string();
    let summary = row.get(Column::Summary).to_string();
    let sources = row.sources();
    let language = row.language();

    if kind == RowKind::Development {
        let parent_ref = row.get(Column::ParentRef).to_string();
        if parent_ref.is_empty() {
            row.error(Column::ParentRef, "required for a development: the ref of the case it continues");
        }
        for column in Column::ALL.into_iter().filter(|c| !c.for_development()) {
            if !row.get(column).is_empty() {
                row.error(column, "does not apply to a development row; leave it empty");
            }
        }
        let mut data =
            DevelopmentData { external_ref: Some(external_ref), event_date, title, summary, sources, language };
        data.normalize();
        if let Err(e) = data.validate() {
            row.add_validation(e);
        }
        return row.errors.is_empty().then_some(Parsed::Development { parent_ref, data });
    }

    if !row.get(Column::ParentRef).is_empty() {
        row.error(Column::ParentRef, "only development rows have a parent_ref (set kind to development)");
    }
    let category = match row.get(Column::Category) {
        "" if kind == RowKind::Context => CategoryCode::new("context.event").ok(),
        "" => {
            row.error(Column::Category, "required for a case: a category code such as journalists.threat");
            None
        }
        _ => row.code(Column::Category, CategoryCode::new),
    };
    let region = row.code(Column::Region, RegionCode::new);
    let victim_kind = row.code(Column::VictimType, VictimTypeCode::new);
    let perpetrator_type = row.code(Column::PerpetratorType, PerpetratorTypeCode::new);
    let legal_basis = row.code(Column::LegalBasis, LegalBasisCode::new);
    let mut tags = Vec::new();
    for t in row.get(Column::Tags).split(|c: char| c == ';' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        match CategoryCode::new(t) {
            Ok(c) => tags.push(c),
            Err(e) => row.errors.push(row_error(row.line, Column::Tags.name(), e.to_string())),
        }
    }
    let status = match row.get(Column::Status).to_ascii_lowercase().as_str() {
        "" | "open" => CaseStatus::Open,
        "closed" => CaseStatus::Closed,
        other => {
            let msg = format!("unknown status {other:?}: expected open or closed");
            row.error(Column::Status, msg);
            CaseStatus::Open
        }
    };
    let confidential = match row.get(Column::Confidential).to_ascii_lowercase().as_str() {
        "" | "no" | "false" | "0" => false,
        "yes" | "true" | "1" => true,
        other => {
            let msg = format!("{other:?} is not yes or no");
            row.error(Column::Confidential, msg);
            false
        }
    };
    let branch = category.as_ref().and_then(|c| {
        [ProceedingBranch::Criminal, ProceedingBranch::Civil, ProceedingBranch::Administrative]
            .into_iter()
            .find(|b| b.category() == c.as_str())
    });
    let proceeding = match branch {
        Some(branch) => {
            let stage = match row.get(Column::ProceedingStage).to_ascii_lowercase().as_str() {
                "" => None,
                "pretrial" | "pre-trial" => Some(ProceedingStage::Pretrial),
                "court" => Some(ProceedingStage::Court),
                other => {
                    let msg = format!("unknown stage {other:?}: expected pretrial or court");
                    row.error(Column::ProceedingStage, msg);
                    None
                }
            };
            Some(Proceeding {
                branch,
                stage,
                court: row.get(Column::Court).to_string(),
                amount_claimed_kzt: row.kzt(Column::AmountClaimedKzt),
                fine_kzt: row.kzt(Column::FineKzt),
                outcome: row.get(Column::Outcome).to_string(),
            })
        }
        None => {
            if category.is_some() {
                for column in Column::ALL.into_iter().filter(|c| c.for_proceeding()) {
                    if !row.get(column).is_empty() {
                        row.error(
                            column,
                            "applies only to claims (claims.criminal, claims.civil, claims.administrative)",
                        );
                    }
                }
            }
            None
        }
    };
    let mut data = CaseData {
        external_ref: Some(external_ref),
        kind: if kind == RowKind::Context { CaseKind::Context } else { CaseKind::Case },
        event_date,
        region,
        // A placeholder when the category is missing or malformed: its
        // problem is already reported, and validation errors about the
        // category column are not repeated.
        category: category.unwrap_or_else(|| CategoryCode::new("context.event").expect("valid code")),
        tags,
        title,
        summary,
        victim: Victim {
            kind: victim_kind,
            name: row.get(Column::VictimName).to_string(),
            outlet: row.get(Column::Outlet).to_string(),
        },
        perpetrator_type,
        legal_basis,
        proceeding,
        sources,
        status,
        confidential,
        language,
    };
    data.normalize();
    if let Err(e) = data.validate(taxonomy, None) {
        row.add_validation(e);
    }
    row.errors.is_empty().then(|| Parsed::Case(Box::new(data)))
}

/// Reads an import file and checks everything that does not need the vault:
/// the separator (`,`, or `;` when the header has semicolons and no comma),
/// encoding (UTF-8, optional BOM; UTF-16, NUL bytes and invalid bytes are
/// refused with their line), quoting (an unterminated quoted field is refused
/// with the line it opens on), the header (unknown, duplicate or missing
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
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(TransferError::Invalid(vec![row_error(1, "", "the file is empty: expected a header row")])),
        Some(Err(e)) => return Err(TransferError::Invalid(vec![row_error(1, "", e.to_string())])),
        Some(Ok(h)) => h,
    };
    let mut lines = Lines::new(text);
    let header_line = header.position().map_or(1, |p| lines.of(p));
    let mut errors = Vec::new();
    let mut positions = vec![None; Column::ALL.len()];
    for (i, name) in header.iter().enumerate() {
        match Column::from_name(name) {
            Some(c) if positions[c.index()].is_some() => {
                errors.push(row_error(header_line, c.name(), "the column appears twice in the header"));
            }
            Some(c) => positions[c.index()] = Some(i),
            None if name.trim().is_empty() => {
                errors.push(row_error(header_line, &format!("#{}", i + 1), "the header has an empty column name"));
            }
            None => errors.push(row_error(
                header_line,
                name.trim(),
                format!("unknown column; the columns are {}", Column::ALL.map(Column::name).join(", ")),
            )),
        }
    }
    for c in Column::REQUIRED {
        if positions[c.index()].is_none() {
            errors.push(row_error(header_line, c.name(), "required column is missing from the header"));
        }
    }
    if !errors.is_empty() {
        return Err(TransferError::Invalid(errors));
    }

    let mut cases = Vec::new();
    let mut developments = Vec::new();
    // ref → (line, is a case) for duplicate and parent checks.
    let mut refs: HashMap<String, (u64, bool)> = HashMap::new();
    // (line, parent_ref) of every development row, parsed or not.
    let mut parents: Vec<(u64, String)> = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.of(p));
                errors.push(row_error(line, "", e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.of(p));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            errors.push(row_error(
                line,
                "",
                format!(
                    "the row has {} fields but the header has {}: a missing comma, or a comma in an unquoted field?",
                    record.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let mut row = Row { record: &record, positions: &positions, line, errors: Vec::new() };
        let parsed = parse_row(&mut row, taxonomy);
        let is_development = row.get(Column::Kind).eq_ignore_ascii_case("development");
        let parent = row.get(Column::ParentRef);
        if is_development && !parent.is_empty() {
            parents.push((line, crate::text::nfc(parent)));
        }
        let r = row.get(Column::Ref);
        if !r.is_empty() {
            let key = crate::text::nfc(r);
            if let Some((first, _)) = refs.get(&key) {
                row.error(Column::Ref, format!("ref {key:?} is already used on line {first}"));
            } else {
                refs.insert(key, (line, !is_development));
            }
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
        if let Some((parent_line, false)) = refs.get(parent_ref) {
            errors.push(row_error(
                *line,
                Column::ParentRef.name(),
                format!("{parent_ref:?} is a development (line {parent_line}), not a case"),
            ));
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(TransferError::Invalid(errors));
    }
    cases.append(&mut developments);
    let present = Column::ALL.into_iter().filter(|c| positions[c.index()].is_some()).collect();
    Ok((cases, present))
}

/// For every case row whose ref is already in the vault, the fields of the
/// columns the file does not have keep their stored values, instead of
/// becoming empty: a spreadsheet without a `confidential` or `tags` column
/// must not make a confidential case public or drop its tags, and one
/// without `source_url` must not erase its sources. (A column that is
/// present but empty on a row does empty the field: that is an edit.)
/// Developments with a stored ref keep their summary, sources and language
/// the same way.
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
    let stored_devs: HashMap<String, DevelopmentData> = if [Column::Summary, Column::SourceUrl, Column::Language]
        .into_iter()
        .any(lacks)
    {
        vault.all_developments()?.into_iter().filter_map(|d| d.data.external_ref.clone().map(|r| (r, d.data))).collect()
    } else {
        HashMap::new()
    };
    for (_, item) in items.iter_mut() {
        match item {
            ImportItem::Case(new) => {
                let Some(old) = new.external_ref.as_deref().map(|r| vault.case_by_ref(r)).transpose()?.flatten() else {
                    continue;
                };
                let old = old.data;
                keep!(new, old, Kind => kind, Category => category, Region => region, Summary => summary,
                    VictimType => victim.kind, VictimName => victim.name, Outlet => victim.outlet,
                    PerpetratorType => perpetrator_type, LegalBasis => legal_basis, SourceUrl => sources,
                    Language => language, Tags => tags, Status => status, Confidential => confidential);
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
                let Some(old) = data.external_ref.as_deref().and_then(|r| stored_devs.get(r)) else {
                    continue;
                };
                let old = old.clone();
                keep!(data, old, Summary => summary, SourceUrl => sources, Language => language);
            }
        }
    }
    Ok(())
}

/// The refs of the cases in `items`.
fn case_refs(items: &[(u64, ImportItem)]) -> HashMap<&str, ()> {
    items
        .iter()
        .filter_map(|(_, i)| match i {
            ImportItem::Case(c) => c.external_ref.as_deref().map(|r| (r, ())),
            ImportItem::Development { .. } => None,
        })
        .collect()
}

/// Checks that every development's parent is a case in `items` or in the vault.
fn check_parents(vault: &Vault, items: &[(u64, ImportItem)]) -> Result<(), TransferError> {
    let in_file = case_refs(items);
    let mut errors = Vec::new();
    for (line, item) in items {
        if let ImportItem::Development { parent_ref, .. } = item {
            if !in_file.contains_key(parent_ref.as_str()) && vault.case_by_ref(parent_ref)?.is_none() {
                let message = if vault.development_by_ref(parent_ref)?.is_some() {
                    format!("{parent_ref:?} is a development in the vault, not a case; give the ref of its case")
                } else {
                    format!("no case with ref {parent_ref:?} in the file or in the vault")
                };
                errors.push(row_error(*line, Column::ParentRef.name(), message));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(TransferError::Invalid(errors))
    }
}

/// What importing `items` would do, without writing: every development's
/// parent is checked, then each item is compared with the case or
/// development of the same ref in the vault (none → added, same content →
/// unchanged, different → updated).
///
/// # Errors
/// [`TransferError::Invalid`] for a development whose parent is nowhere, a
/// development moved to another case, or a ref used in the vault by the
/// other kind of record (a case ref on a development row or the reverse);
/// vault errors.
pub fn plan_import(vault: &Vault, items: &[(u64, ImportItem)]) -> Result<ImportSummary, TransferError> {
    check_parents(vault, items)?;
    let developments: HashMap<String, _> =
        vault.all_developments()?.into_iter().filter_map(|d| d.data.external_ref.clone().map(|r| (r, d))).collect();
    let mut summary = ImportSummary::default();
    let mut errors = Vec::new();
    for (line, item) in items {
        let same = match item {
            ImportItem::Case(data) => {
                let r = data.external_ref.as_deref().unwrap_or_default();
                if developments.contains_key(r) {
                    errors.push(row_error(*line, "ref", format!("{r:?} is a development in the vault, not a case")));
                    continue;
                }
                vault.case_by_ref(r)?.map(|c| &c.data == data)
            }
            ImportItem::Development { parent_ref, data } => {
                let r = data.external_ref.as_deref().unwrap_or_default();
                if vault.case_by_ref(r)?.is_some() {
                    errors.push(row_error(*line, "ref", format!("{r:?} is a case in the vault, not a development")));
                    continue;
                }
                match developments.get(r) {
                    None => None,
                    Some(d) => {
                        // As in the vault: a development stays with its case.
                        if vault.case_by_ref(parent_ref)?.is_none_or(|p| p.id != d.case_id) {
                            errors.push(row_error(
                                *line,
                                Column::ParentRef.name(),
                                format!("development {r:?} belongs to another case in the vault"),
                            ));
                            continue;
                        }
                        Some(&d.data == data)
                    }
                }
            }
        };
        match same {
            None => summary.added += 1,
            Some(true) => summary.unchanged += 1,
            Some(false) => summary.updated += 1,
        }
    }
    if errors.is_empty() {
        Ok(summary)
    } else {
        Err(TransferError::Invalid(errors))
    }
}

/// Imports a CSV file (see the [module docs](super)) into `vault`: all rows or
/// none. With [`ImportOptions::dry_run`] nothing is written and the summary
/// says what would happen ([`plan_import`]).
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
    let (mut items, present) = parse_csv_columns(bytes, vault.taxonomy())?;
    keep_fields_the_file_lacks(vault, &mut items, &present)?;
    if options.dry_run {
        return plan_import(vault, &items);
    }
    check_parents(vault, &items)?;
    Ok(vault.apply_import(items, now)?)
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
