//! Moving cases in and out of a vault: the CSV and XLSX import, exports to CSV, XLSX
//! and JSON, and the demo vault built from the May 2024 fixture.
//!
//! Shared by the `kuzet` command line and the desktop app, so both accept and
//! produce exactly the same files. This module knows nothing about terminals,
//! Tauri or the PDF; it talks to storage only through [`Vault`](crate::vault::Vault).
//!
//! # The CSV format
//!
//! UTF-8 (a byte-order mark is accepted), a header row, RFC 4180 quoting
//! (fields may hold commas, doubled quotes and line breaks; a quote inside a
//! field that does not start with one, or text after a closing quote, is an
//! error naming the line and column, never read leniently). Lines may end in
//! CRLF, LF or CR; line numbers in errors count all three. The separator is
//! a comma; a file whose header has semicolons and no comma is read with `;`
//! (what spreadsheets in Kazakh and Russian locales write). Columns may come
//! in any order; an unknown column is an error; a missing optional column is
//! read as empty. The columns ([`Column`]):
//!
//! | column | meaning |
//! |---|---|
//! | `ref` | **required**, unique in the file; re-imports match on it |
//! | `kind` | `case` (default), `development` or `context` |
//! | `parent_ref` | for a development: the `ref` of its case, in the file or already in the vault |
//! | `event_date` | **required**, `YYYY-MM-DD`, the local date in Kazakhstan |
//! | `category` | required for a case; a context event defaults to `context.event` |
//! | `region`, `victim_type`, `perpetrator_type`, `legal_basis` | codes of the vault's taxonomy, or empty |
//! | `title` | **required** |
//! | `summary`, `victim_name`, `outlet` | free text |
//! | `source_url` | sources, **one per line** inside the cell (URLs or notes) |
//! | `language` | `kk`, `ru`, `en` or empty |
//! | `tags` | secondary categories, separated by `;` or white space |
//! | `status` | `open` (default) or `closed` |
//! | `confidential` | `yes` / `no` (empty = no): the victim's name must not be published |
//! | `private_names` | names of private persons the texts mention, separated by `;` or new lines: hidden in every public output (cases and developments) |
//! | `proceeding_stage` | claims only: `pretrial`, `court` or empty |
//! | `court`, `outcome` | claims only: free text |
//! | `amount_claimed_kzt`, `fine_kzt` | claims only: whole tenge (KZT); spaces between digits are allowed |
//!
//! An XLSX workbook holds the same table in its first worksheet (the header
//! is the first row naming a column; rows above it, such as a title or a
//! Kuzet export's notice, are skipped); problems
//! give the spreadsheet's row numbers where CSV gives lines. Numbers read as
//! whole numbers, date cells as `YYYY-MM-DD`, TRUE/FALSE as `yes`/`no`; a
//! cell holding a spreadsheet error (`#N/A`) is refused. A file is read as
//! XLSX when it is a zip archive, whatever its name ([`ImportFormat::of`]).
//!
//! The first fifteen columns are the ones monitors fill in by hand; the last
//! nine carry the rest of a case so that an export imports back unchanged.
//! A Kuzet export starts with a notice line (`# Kuzet full export …` or
//! `# Kuzet public copy …`, see [`Edition`]) before the header; the importer
//! skips it.
//! A `claims.*` case always gets a proceeding whose branch matches its
//! category (`claims.civil` → civil), so counting by branch and by category
//! agree. Development rows take only `ref`, `kind`, `parent_ref`,
//! `event_date`, `title`, `summary`, `source_url`, `language` and
//! `private_names`: anything in
//! another column is an error, never silently dropped.
//!
//! Refs: the export writes a case's or development's external ref; records
//! created in the app have none, and their id (a UUID) is written instead.
//! Such a file imports cleanly into another vault, and importing it back
//! into the *same* vault finds those records by their id (they keep having
//! no ref): it adds no copies, and the dry run says so too. Matching rules:
//! [`crate::vault::import::plan`].
//!
//! Spreadsheet formula neutralisation: the CSV export prefixes a cell whose
//! text (after any leading apostrophes) begins with `=`, `+`, `-`, `@`, a tab
//! or a carriage return with one apostrophe `'`, so that a spreadsheet shows
//! it as text instead of running it. The importer removes exactly that one
//! apostrophe again (a cell starting with `'` whose rest, after any further
//! apostrophes, begins with one of those characters), so an export imports
//! back unchanged. A hand-written cell like `'=x` therefore imports as `=x`.

mod csv_import;
pub mod demo;
mod export;
mod output;

pub use csv_import::{import_csv, import_file, parse_csv, Column, ImportFormat, ImportOptions};
pub(crate) use export::NOTICE_PREFIX;
pub use export::{
    export_bytes, public_copy, select, write_export, write_file_atomically, Edition, ExportFormat, ExportSet,
};
pub use output::{check_output_path, OutputRefused, Replace};
pub(crate) use output::{write_atomically, write_atomically_with};

use crate::vault::{ImportRowError, VaultError};

/// Errors of imports and exports.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// The import file was refused, with every problem found (line, column,
    /// reason); nothing was written.
    #[error("import refused, nothing was written:\n{}", .0.iter().map(describe).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<ImportRowError>),
    /// The vault refused or failed.
    #[error(transparent)]
    Vault(VaultError),
    /// Reading or writing a file failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, with the path.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Building the XLSX workbook failed.
    #[error("building the spreadsheet failed: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Serialising the JSON export failed.
    #[error("building the JSON export failed: {0}")]
    Json(#[from] serde_json::Error),
}

impl From<VaultError> for TransferError {
    /// A vault's refusal of import rows becomes [`TransferError::Invalid`], so
    /// callers see one kind of "bad file" error whichever layer found it.
    fn from(e: VaultError) -> Self {
        match e {
            VaultError::Import(rows) => TransferError::Invalid(rows),
            other => TransferError::Vault(other),
        }
    }
}

/// One import problem as users read it: `line 7, column category: unknown
/// category journalists.nope`, or `line 3: …` for a problem of the whole row
/// or file.
pub fn describe(e: &ImportRowError) -> String {
    if e.column.is_empty() {
        format!("line {}: {}", e.line, e.message)
    } else {
        format!("line {}, column {}: {}", e.line, e.column, e.message)
    }
}

/// Reads an import file (CSV or XLSX) whole.
///
/// # Errors
/// [`TransferError::Io`] naming the file when it cannot be read or is
/// larger than [`MAX_IMPORT_FILE_BYTES`](crate::problem::limits::MAX_IMPORT_FILE_BYTES).
pub fn read_import_file(path: &std::path::Path) -> Result<Vec<u8>, TransferError> {
    use std::io::Read;
    let max = crate::problem::limits::MAX_IMPORT_FILE_BYTES;
    let context = || format!("cannot read {}", path.display());
    let file = std::fs::File::open(path).map_err(|source| TransferError::Io { context: context(), source })?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).map_err(|source| TransferError::Io { context: context(), source })?;
    if bytes.len() as u64 > max {
        let why = format!("the file is larger than {} MiB, the most an import reads", max >> 20);
        return Err(TransferError::Io { context: context(), source: std::io::Error::other(why) });
    }
    Ok(bytes)
}

/// The SHA-256 of an import file's bytes, as 64 lowercase hex digits: the
/// app imports a file only if it is still the one whose check the user saw.
pub fn file_digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Characters that make a spreadsheet treat a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell needs the protective apostrophe on export (see the module
/// docs): its text after any leading apostrophes starts a formula.
fn starts_formula(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// The CSV cell for `s`: `s` itself, or `'` + `s` when a spreadsheet would
/// otherwise run it as a formula.
pub fn neutralise_formula(s: &str) -> std::borrow::Cow<'_, str> {
    if starts_formula(s) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The inverse of [`neutralise_formula`]: removes the one apostrophe the
/// export added.
pub fn restore_formula(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_neutralisation_round_trips() {
        for s in ["=1+1", "+7 701", "-", "@user", "'=x", "''-y", "'plain", "plain", "", "'", "Қ=1"] {
            let cell = neutralise_formula(s);
            assert!(!cell.starts_with(FORMULA_STARTS), "{cell:?} would run as a formula");
            assert_eq!(restore_formula(&cell), s, "{s:?} must survive export and import");
        }
        assert_eq!(neutralise_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise_formula("'plain"), "'plain", "an apostrophe before text is left alone");
    }
}
