//! File checks before any row is read: encoding, BOM, control characters,
//! the separator, unterminated quotes, and physical line numbers.

use super::*;

/// The physical line (1-based) of byte offset `at` in `bytes`.
pub(super) fn line_at(bytes: &[u8], at: usize) -> u64 {
    1 + bytes[..at.min(bytes.len())].iter().filter(|b| **b == b'\n').count() as u64
}

/// Physical line numbers of records, counted incrementally: records come in
/// file order, so each lookup only scans the bytes since the previous one
/// (counting from the start every time made a 10 000-row file take seconds).
pub(super) struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lines { bytes: text.as_bytes(), at: 0, line: 1 }
    }

    /// The physical line a record starts on. The `csv` crate's own line
    /// count misses line breaks written as CRLF, and its byte offset may
    /// point at the line break before the record, so skip line breaks and
    /// count from there.
    pub(super) fn of(&mut self, position: &csv::Position) -> u64 {
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
pub(super) fn decode(bytes: &[u8]) -> Result<&str, TransferError> {
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
pub(super) fn delimiter(text: &str) -> u8 {
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
pub(super) fn unterminated_quote(bytes: &[u8], delimiter: u8) -> Option<u64> {
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
