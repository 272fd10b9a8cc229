//! File checks before any row is read: encoding, BOM, control characters,
//! the separator, unterminated and stray quotes, and physical line numbers.
//!
//! A line ends at LF, CRLF or a lone CR (files saved with classic Mac line
//! endings), as the `csv` crate ends records, so line numbers in errors are
//! the ones an editor shows for all three.

use super::*;

/// Whether the byte at `i` of `bytes` ends a line: an LF, or a CR not
/// followed by an LF (a CRLF ends its line at the LF).
fn ends_line(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The number of line ends in `bytes[from..to]`.
fn line_ends(bytes: &[u8], from: usize, to: usize) -> u64 {
    (from..to).filter(|&i| ends_line(bytes, i)).count() as u64
}

/// The physical line (1-based) of byte offset `at` in `bytes`.
pub(super) fn line_at(bytes: &[u8], at: usize) -> u64 {
    1 + line_ends(bytes, 0, at.min(bytes.len()))
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
        self.line += line_ends(self.bytes, self.at, at);
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
    let header = text.split(['\r', '\n']).next().unwrap_or("");
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
    scan_quotes(bytes, delimiter).0
}

/// A quote the `csv` crate would read leniently, changing the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StrayQuote {
    /// The physical line of the quote (or of the text after it).
    pub(super) line: u64,
    /// The field's position in its record (0-based), to name its column.
    pub(super) field: usize,
    /// Why it is refused.
    pub(super) why: &'static str,
}

/// Why a quote inside an unquoted field is refused.
const QUOTE_INSIDE: &str = "a '\"' inside a field that does not start with one: put the whole field in quotes \
     and double the quote (\"Газета \"\"Время\"\"\")";
/// Why text after a quoted field's closing quote is refused.
const TEXT_AFTER: &str = "text after the closing quote of a quoted field (it would be glued onto the field): \
     double a quote inside a quoted field (\"\"), and put the separator right after the closing quote";

/// The quotes of `bytes` that RFC 4180 does not allow and the `csv` crate
/// would read leniently: a quote inside a field that does not start with
/// one (kept, though the writer meant something else), and text after a
/// quoted field's closing quote (glued onto the field). One per field.
pub(super) fn stray_quotes(bytes: &[u8], delimiter: u8) -> Vec<StrayQuote> {
    scan_quotes(bytes, delimiter).1
}

/// One pass over the quoting of `bytes`: the line of a quoted field left
/// open at the end, and the stray quotes.
fn scan_quotes(bytes: &[u8], delimiter: u8) -> (Option<u64>, Vec<StrayQuote>) {
    #[derive(PartialEq, Clone, Copy)]
    enum S {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        /// After a stray quote was reported, to the end of the field.
        Reported,
    }
    let (mut state, mut line, mut opened, mut field) = (S::FieldStart, 1u64, 0u64, 0usize);
    let mut stray = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let record_end = matches!(b, b'\n' | b'\r');
        state = match (state, b) {
            (S::FieldStart, b'"') => {
                opened = line;
                S::Quoted
            }
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, _) => S::Quoted,
            (S::QuoteInQuoted, b'"') => S::Quoted,
            (_, b) if b == delimiter => {
                field += 1;
                S::FieldStart
            }
            (_, _) if record_end => {
                field = 0;
                S::FieldStart
            }
            (S::Unquoted, b'"') => {
                stray.push(StrayQuote { line, field, why: QUOTE_INSIDE });
                S::Reported
            }
            (S::QuoteInQuoted, _) => {
                stray.push(StrayQuote { line, field, why: TEXT_AFTER });
                S::Reported
            }
            (S::Reported, _) => S::Reported,
            _ => S::Unquoted,
        };
        if ends_line(bytes, i) {
            line += 1;
        }
    }
    ((state == S::Quoted).then_some(opened), stray)
}

#[cfg(test)]
mod tests {
    use super::super::parse_csv;
    use crate::taxonomy::Taxonomy;
    use crate::transfer::TransferError;
    use crate::vault::ImportItem;

    const HEADER: &str = "ref,event_date,category,title,summary";

    /// The problems of `input` as `line N, column: message`, or the titles.
    fn outcome(input: &str) -> Vec<String> {
        match parse_csv(input.as_bytes(), &Taxonomy::bundled()) {
            Ok(items) => items
                .into_iter()
                .map(|(line, item)| match item {
                    ImportItem::Case(c) => format!("L{line} {}", c.title),
                    ImportItem::Development { data, .. } => format!("L{line} {}", data.title),
                })
                .collect(),
            Err(TransferError::Invalid(rows)) => {
                rows.iter().map(|e| format!("line {}, {}: {}", e.line, e.column, e.message)).collect()
            }
            Err(e) => vec![format!("other: {e}")],
        }
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_an_error_with_its_row_and_column() {
        let got = outcome(&format!("{HEADER}\nR1,2024-05-10,journalists.threat,Газета \"Время\",ok\n"));
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("line 2, title: "), "{got:?}");
        assert!(got[0].contains("'\"'") && got[0].contains("does not start with"), "{got:?}");
    }

    #[test]
    fn text_after_a_closing_quote_is_an_error_not_glued_on() {
        let input = format!("{HEADER}\nR1,2024-05-10,journalists.threat,ok,\"Газета \"Время\" дейді\"\n");
        let got = outcome(&input);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("line 2, summary: "), "{got:?}");
        assert!(got[0].contains("after the closing quote"), "{got:?}");
        let spaced = outcome(&format!("{HEADER}\nR1,2024-05-10,journalists.threat,\"ok\" ,x\n"));
        assert!(spaced[0].starts_with("line 2, title: ") && spaced[0].contains("after the closing quote"));
    }

    #[test]
    fn quotes_written_as_rfc_4180_says_are_kept() {
        let input = format!(
            "{HEADER}\r\nR1,2024-05-10,journalists.threat,\"Газета \"\"Время\"\"\",\"a, b\nc\"\r\nR2,2024-05-11,journalists.threat,x,\"\"\r\n"
        );
        assert_eq!(outcome(&input), ["L2 Газета \"Время\"", "L4 x"]);
    }

    /// Random files made of the characters quoting and line breaks are
    /// made of (a fixed seed): parsing never panics, and every line named in
    /// an error is a line of the file.
    #[test]
    fn no_mix_of_quotes_separators_and_line_breaks_panics_or_names_a_line_outside_the_file() {
        let alphabet: &[&str] =
            &["\"", ",", ";", "\r", "\n", "\r\n", "a", " ", "Қ", "2024-05-10", "journalists.threat"];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let mut text = String::from("ref,event_date,category,title\n");
            for _ in 0..(next() % 40) {
                text.push_str(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            let lines = 1 + super::line_ends(text.as_bytes(), 0, text.len());
            if let Err(TransferError::Invalid(rows)) = parse_csv(text.as_bytes(), &Taxonomy::bundled()) {
                for r in rows {
                    assert!((1..=lines).contains(&r.line), "line {} of {lines} in {text:?}: {}", r.line, r.message);
                }
            }
        }
    }

    #[test]
    fn line_numbers_are_right_with_cr_only_line_endings() {
        let input = format!(
            "{HEADER}\rR1,2024-05-10,journalists.threat,ok,x\rR2,2024-05-11,journalists.nope,bad,x\rR3,2024-05-12,journalists.threat,ok,\"two\rlines\"\rR4,2024-13-01,journalists.threat,bad,x\r"
        );
        let got = outcome(&input);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].starts_with("line 3, category: "), "{got:?}");
        assert!(got[1].starts_with("line 6, event_date: "), "{got:?}");
        let fine = "ref;event_date;category;title\rR1;2024-05-10;journalists.threat;a, b\rR2;2024-05-11;journalists.threat;c\r";
        assert_eq!(outcome(fine), ["L2 a, b", "L3 c"], "the separator is found in the first line");
        let stray =
            format!("{HEADER}\rR1,2024-05-10,journalists.threat,ok,x\rR2,2024-05-11,journalists.threat,a\"b,x\r");
        assert!(outcome(&stray)[0].starts_with("line 3, title: "), "{:?}", outcome(&stray));
    }
}
