//! Transport types of the app's CSV/XLSX import: the check the user sees
//! before anything is written, and its problems.

use kuzet_core::case::Problem;
use kuzet_core::transfer::ImportFormat;
use kuzet_core::vault::{ImportRowError, ImportSummary};
use serde::Serialize;
use ts_rs::TS;

/// The kind of an import file, told from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ImportFormatDto.ts")]
pub enum ImportFormatDto {
    /// CSV: problems name lines.
    Csv,
    /// An XLSX workbook (its first worksheet): problems name rows.
    Xlsx,
}

impl From<ImportFormat> for ImportFormatDto {
    fn from(f: ImportFormat) -> Self {
        match f {
            ImportFormat::Csv => ImportFormatDto::Csv,
            ImportFormat::Xlsx => ImportFormatDto::Xlsx,
        }
    }
}

/// One problem of an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ImportProblemDto.ts")]
pub struct ImportProblemDto {
    /// The 1-based line (CSV) or spreadsheet row (XLSX).
    pub line: u64,
    /// The column's name in the file (`category`, `#7` for a column
    /// without a name), or empty for the whole row or file.
    pub column: String,
    /// Why, typed for the UI's languages (`validation.<kind>`); a reason
    /// only the core's English text gives is `invalid` with that text.
    pub problem: Problem,
}

impl From<ImportRowError> for ImportProblemDto {
    fn from(r: ImportRowError) -> Self {
        let problem = r.problem.unwrap_or(Problem::Invalid { message: r.message });
        ImportProblemDto { line: r.line, column: r.column, problem }
    }
}

/// What importing a file would do, checked without writing anything:
/// either counts (no problems) or every problem (and zero counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ImportCheckDto.ts")]
pub struct ImportCheckDto {
    /// The file's name (no folder).
    pub file_name: String,
    /// CSV or XLSX.
    pub format: ImportFormatDto,
    /// The file's size in bytes.
    pub size_bytes: u64,
    /// The SHA-256 of the file (hex): the import refuses a file that
    /// changed since this check.
    pub digest: String,
    /// Cases and developments that would be added.
    pub added: u32,
    /// Existing ones whose content would change.
    pub updated: u32,
    /// Existing ones the file repeats unchanged.
    pub unchanged: u32,
    /// Every problem, in line order; empty when the file can be imported.
    pub problems: Vec<ImportProblemDto>,
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ImportSummaryDto.ts")]
pub struct ImportSummaryDto {
    /// Cases and developments added.
    pub added: u32,
    /// Existing ones changed.
    pub updated: u32,
    /// Existing ones left as they were.
    pub unchanged: u32,
}

impl From<ImportSummary> for ImportSummaryDto {
    fn from(s: ImportSummary) -> Self {
        ImportSummaryDto { added: s.added, updated: s.updated, unchanged: s.unchanged }
    }
}
