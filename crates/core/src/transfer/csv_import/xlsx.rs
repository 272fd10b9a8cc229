//! The XLSX import: the first worksheet of a workbook read as the same table
//! as a CSV file (same columns, same checks), with spreadsheet row numbers
//! where the CSV import gives line numbers.

use super::*;
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveTime;

/// The text of one cell as the CSV import would read it: numbers without a
/// fractional part as whole numbers (`150000`, not `150000.0`), dates as
/// `YYYY-MM-DD` (a date with a time of day as `YYYY-MM-DD HH:MM`, which the
/// date column then refuses), booleans as `yes` / `no`.
///
/// # Errors
/// A cell holding a spreadsheet error (`#N/A`, `#REF!`, …): its text.
fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        // Exactly representable whole numbers (below 2^53) print as integers.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if !d.is_duration() && t.time() == NaiveTime::MIN => t.date().format("%Y-%m-%d").to_string(),
            Some(t) if !d.is_duration() => t.format("%Y-%m-%d %H:%M").to_string(),
            _ => d.to_string(),
        },
        Data::Error(e) => return Err(format!("the cell holds the spreadsheet error {e}")),
    })
}

/// Reads an XLSX workbook's first worksheet as an import table. The header
/// is the first row with a cell naming a [`Column`]; rows above it (a title,
/// a Kuzet export's notice row) are skipped, but a public copy's notice
/// refuses the file, as in CSV. The header's trailing empty cells are
/// ignored. Row numbers are those the spreadsheet shows (1-based).
///
/// # Errors
/// [`TransferError::Invalid`]: not a workbook, no worksheet, no header row,
/// a value in a column without a header name, a cell holding a spreadsheet
/// error, and every problem [`parse_rows`] finds.
pub(super) fn parse_xlsx_columns(bytes: &[u8], taxonomy: &Taxonomy) -> Result<(Items, Vec<Column>), TransferError> {
    let refuse = |line: u64, message: String| TransferError::Invalid(vec![row_error(line, "", message)]);
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| refuse(1, format!("the file is not a readable XLSX workbook: {e}")))?;
    let range = match book.worksheet_range_at(0) {
        None => return Err(refuse(1, "the workbook has no worksheet".into())),
        Some(r) => r.map_err(|e| refuse(1, format!("the first worksheet cannot be read: {e}")))?,
    };
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r)) + 1;
    let mut rows = range.rows().enumerate().map(|(i, cells)| (first_row + i as u64, cells));
    let text = |c: &Data| cell_text(c).unwrap_or_default();
    // Rows above the header (a title, a Kuzet export's notice) are skipped;
    // a public copy's notice refuses the file.
    let public = super::super::Edition::Public.notice();
    let header = loop {
        let Some((line, cells)) = rows.next() else {
            return Err(refuse(
                first_row,
                format!(
                    "no header row: expected a row naming the columns ({} …)",
                    Column::REQUIRED.map(Column::name).join(", ")
                ),
            ));
        };
        if cells.first().is_some_and(|c| text(c).starts_with(&public)) {
            return Err(refuse(line, super::PUBLIC_COPY_REFUSED.into()));
        }
        if cells.iter().any(|c| Column::from_name(&text(c)).is_some()) {
            break (line, cells);
        }
    };
    let (header_line, header_cells) = header;
    let mut names: Vec<String> = header_cells.iter().map(|c| cell_text(c).unwrap_or_default()).collect();
    while names.last().is_some_and(|n| n.trim().is_empty()) {
        names.pop();
    }
    let width = names.len();
    let header = csv::StringRecord::from(names);
    let positions = check_header(header_line, &header)?;
    let column_name = |i: usize| header.get(i).map(|n| n.trim().to_string()).unwrap_or_else(|| format!("#{}", i + 1));
    let table = rows.map(|(line, cells)| {
        let mut record = csv::StringRecord::new();
        let mut problem = None;
        for (i, cell) in cells.iter().enumerate() {
            match cell_text(cell) {
                Ok(t) if i < width => record.push_field(&t),
                Ok(t) if t.trim().is_empty() => {}
                Ok(_) => {
                    problem.get_or_insert_with(|| {
                        row_error(line, &format!("#{}", i + 1), "a value in a column that has no name in the header")
                    });
                }
                Err(why) => {
                    problem.get_or_insert_with(|| row_error(line, &column_name(i), why));
                    record.push_field("");
                }
            }
        }
        match problem {
            Some(p) => Err(p),
            None => Ok((line, record)),
        }
    });
    parse_rows(&header, &positions, table, Vec::new(), taxonomy, false)
}
