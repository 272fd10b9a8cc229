//! Line breaking for the overview PDF: a pure function of the text, the
//! available widths and a measuring function, so it can be tested with
//! exact numbers and without fonts.

/// Whether `c` is a place where a line may break. The no-break space
/// (U+00A0, used in "73 840 тенге") is not one.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}'
}

/// Breaks `text` into lines no wider than `width` (the first line: no wider
/// than `first_width`, e.g. when a bold date already stands before it).
///
/// - Every newline of the text starts a new line; an empty source line
///   gives an empty output line, so paragraph breaks survive.
/// - Runs of spaces and tabs between words collapse to one space.
/// - A word wider than the line (a 60-character URL) is cut between
///   characters, at least one character per line, so nothing overflows and
///   nothing is dropped: the lines' non-space characters are exactly the
///   text's.
///
/// `measure` gives the width of a string in the same unit as the widths.
pub fn break_lines(text: &str, first_width: f32, width: f32, measure: impl Fn(&str) -> f32) -> Vec<String> {
    let space = measure(" ");
    let mut out: Vec<String> = Vec::new();
    let avail = |out: &Vec<String>| if out.is_empty() { first_width } else { width };
    for source in text.split('\n') {
        let source = source.strip_suffix('\r').unwrap_or(source);
        let mut line = String::new();
        let mut line_w = 0.0f32;
        let mut line_started = false;
        for word in source.split(is_break_space).filter(|w| !w.is_empty()) {
            let word_w = measure(word);
            let room = avail(&out);
            if line_started && line_w + space + word_w <= room + 1e-3 {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if line_started {
                out.push(std::mem::take(&mut line));
            }
            if word_w <= avail(&out) + 1e-3 {
                line.push_str(word);
                line_w = word_w;
                line_started = true;
                continue;
            }
            // Too long for any line: cut it between characters.
            let mut chunk = String::new();
            let mut chunk_w = 0.0f32;
            for ch in word.chars() {
                let mut buf = [0u8; 4];
                let w = measure(ch.encode_utf8(&mut buf));
                if !chunk.is_empty() && chunk_w + w > avail(&out) + 1e-3 {
                    out.push(std::mem::take(&mut chunk));
                    chunk_w = 0.0;
                }
                chunk.push(ch);
                chunk_w += w;
            }
            line = chunk;
            line_w = chunk_w;
            line_started = true;
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is 1 unit wide.
    fn mono(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn greedy_breaks_at_spaces() {
        assert_eq!(break_lines("aaa bbb ccc dd", 7.0, 7.0, mono), ["aaa bbb", "ccc dd"]);
        assert_eq!(break_lines("aaa bbb", 7.0, 7.0, mono), ["aaa bbb"], "exactly the width fits");
        assert_eq!(break_lines("aaa bbbb", 7.0, 7.0, mono), ["aaa", "bbbb"]);
    }

    #[test]
    fn first_line_can_be_shorter() {
        // A bold "May 21." of width 4 stands before the first line.
        assert_eq!(break_lines("aa bb cc dd", 3.0, 8.0, mono), ["aa", "bb cc dd"]);
    }

    #[test]
    fn newlines_are_kept_and_blank_lines_survive() {
        assert_eq!(break_lines("one\n\ntwo three", 20.0, 20.0, mono), ["one", "", "two three"]);
        assert_eq!(break_lines("a\r\nb", 20.0, 20.0, mono), ["a", "b"]);
        assert_eq!(break_lines("", 20.0, 20.0, mono), [""]);
    }

    #[test]
    fn a_long_token_is_cut_not_overflowing() {
        let url = "h".repeat(60);
        let lines = break_lines(&format!("see {url} ok"), 25.0, 25.0, mono);
        let tail = format!("{} ok", "h".repeat(10));
        assert_eq!(lines, ["see", &"h".repeat(25), &"h".repeat(25), &tail].map(String::from).to_vec());
        assert!(lines.iter().all(|l| mono(l) <= 25.0), "no line is wider than the column");
        let kept: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(kept, format!("see{url}ok"), "nothing is lost");
    }

    #[test]
    fn the_tail_of_a_cut_token_takes_the_next_word_if_it_fits() {
        assert_eq!(break_lines("abcdefghij xy", 4.0, 4.0, mono), ["abcd", "efgh", "ij", "xy"]);
        assert_eq!(break_lines("abcdefghi x", 4.0, 4.0, mono), ["abcd", "efgh", "i x"]);
    }

    #[test]
    fn no_break_space_binds() {
        assert_eq!(break_lines("fine 73\u{a0}840\u{a0}тенге", 12.0, 12.0, mono), ["fine", "73\u{a0}840\u{a0}тенге"]);
    }

    #[test]
    fn a_column_narrower_than_one_char_still_progresses() {
        assert_eq!(break_lines("ab", 0.5, 0.5, mono), ["a", "b"]);
    }

    #[test]
    fn proportional_widths_are_used() {
        // "W" is wide, "i" narrow: 3 W (30) do not fit 25, 20 i (20) do.
        let m = |s: &str| {
            s.chars()
                .map(|c| {
                    if c == 'W' {
                        10.0
                    } else if c == ' ' {
                        2.0
                    } else {
                        1.0
                    }
                })
                .sum()
        };
        assert_eq!(break_lines("WW W iiiii", 25.0, 25.0, m), ["WW", "W iiiii"]);
    }
}
