//! Finding personal names in running Kazakh, Russian and English text,
//! declined forms included: the matcher [`redact`](super::redact) replaces
//! with and [`check`](super::check) looks past.
//!
//! A name is matched word by word. A text word matches a name word when their
//! folded forms ([`fold`]) are equal, or when the text word is capitalised
//! and is the name's *stem* followed by at most [`MAX_ENDING_CHARS`]
//! letters: the stem is the name without one final Russian inflection vowel
//! (`Иванова` → `иванов`, so `Иванову`, `Ивановой` match), and Kazakh endings
//! are simply appended (`Айгерім` → `Айгерімнің`, `Айгерімге`). This errs on
//! the side of hiding: `Иванов` also hides `Ивановский`.

use crate::text::fold;
use std::ops::Range;

/// The longest ending, in letters, a declined form may add to a name's stem
/// and still count as the name (`Айгерім|нің` is 3, `Иванов|ыми` 3; Kazakh
/// plural + case `Айгерім|дердің` is 6).
pub const MAX_ENDING_CHARS: usize = 6;

/// The shortest name word, in letters, that is matched at all: initials
/// ("А.") and two-letter fragments of account names (`kz`) are not names.
pub const MIN_NAME_CHARS: usize = 3;

/// Final letters a Russian name drops when it is declined (Иванов**а** →
/// Иванов**ой**, Али**я** → Али**и**, Асел**ь** → Асел**и**).
const RU_INFLECTED: &[char] = &['а', 'я', 'ь', 'й', 'о', 'ы', 'е', 'у', 'ю', 'и', 'a', 'y', 'e'];

/// A word of a text: its byte range and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub range: Range<usize>,
    pub folded: String,
    /// The first letter is upper case.
    pub capitalised: bool,
    /// Letters in the word.
    pub chars: usize,
}

/// The words of `text`: runs of letters (and combining marks), with an
/// apostrophe between letters kept inside (`O'Brien`, `Қазақстан’ның`).
/// Hyphens separate words (`Қасым-Жомарт` is two).
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_letter = |c: char| c.is_alphabetic() || unicode_mark(c);
    for (i, &(at, c)) in chars.iter().enumerate() {
        let inner_apostrophe =
            matches!(c, '\'' | '’') && start.is_some() && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphabetic());
        if is_letter(c) || inner_apostrophe {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push(word(text, s..at));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s..text.len()));
    }
    out
}

fn unicode_mark(c: char) -> bool {
    // Combining diacritics (text is NFC, so these are rare: decomposed input
    // that NFC cannot compose).
    matches!(c, '\u{300}'..='\u{36f}')
}

fn word(text: &str, range: Range<usize>) -> Word {
    let s = &text[range.clone()];
    let capitalised = s.chars().next().is_some_and(char::is_uppercase);
    Word { folded: fold(s), capitalised, chars: s.chars().count(), range }
}

/// A name word: its folded full form and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NameWord {
    full: String,
    stem: String,
}

impl NameWord {
    fn new(folded: &str) -> Self {
        let n = folded.chars().count();
        let stem = match folded.chars().last() {
            Some(last) if n > MIN_NAME_CHARS && RU_INFLECTED.contains(&last) => {
                folded[..folded.len() - last.len_utf8()].to_string()
            }
            _ => folded.to_string(),
        };
        NameWord { full: folded.to_string(), stem }
    }

    fn matches(&self, w: &Word) -> bool {
        if w.folded == self.full {
            return true;
        }
        w.capitalised
            && w.folded.starts_with(&self.stem)
            && w.chars.saturating_sub(self.stem.chars().count()) <= MAX_ENDING_CHARS
    }
}

/// One name (a person): the words it is written with, e.g. "Айгерім
/// Сәрсенова" → `айгерім`, `сәрсенова` (stem `сәрсенов`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name {
    words: Vec<NameWord>,
}

/// A match of one name in a text: the byte range to replace (with any
/// initials next to it: "А. Иванов", "Иванов А.Б.") and which name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub range: Range<usize>,
    pub name: usize,
}

/// A list of names to find in texts (private persons to hide, or public
/// figures to let pass).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameList {
    names: Vec<Name>,
    keys: Vec<String>,
}

impl NameList {
    /// The names of `list`, each a person's name or a phrase ("Айгерім
    /// Сәрсенова", "@aigerim_kz"). Words shorter than [`MIN_NAME_CHARS`]
    /// letters are ignored; names that fold to the same words are one.
    pub fn new<S: AsRef<str>>(list: impl IntoIterator<Item = S>) -> Self {
        let mut out = NameList::default();
        for s in list {
            out.push(s.as_ref());
        }
        out
    }

    /// Adds one name (see [`NameList::new`]).
    pub fn push(&mut self, name: &str) {
        let ws: Vec<NameWord> =
            words(name).into_iter().filter(|w| w.chars >= MIN_NAME_CHARS).map(|w| NameWord::new(&w.folded)).collect();
        if ws.is_empty() {
            return;
        }
        let key = ws.iter().map(|w| w.full.as_str()).collect::<Vec<_>>().join(" ");
        if !self.keys.contains(&key) {
            self.keys.push(key);
            self.names.push(Name { words: ws });
        }
    }

    /// No names.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// How many names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether `word` (one word of a text) is a form of a word of any name.
    pub(crate) fn knows(&self, w: &Word) -> bool {
        self.names.iter().any(|n| n.words.iter().any(|nw| nw.matches(w)))
    }

    /// Every match in `text`, left to right, not overlapping. At each word,
    /// the name matching the most consecutive words wins ("Айгерім
    /// Сәрсенова" as one match, not two); on a tie, the name with more words
    /// (the fuller identity), then the earlier one.
    pub(crate) fn find(&self, text: &str) -> Vec<Found> {
        let ws = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let best = self
                .names
                .iter()
                .enumerate()
                .map(|(k, n)| (run(text, &ws, i, |w| n.words.iter().any(|nw| nw.matches(w))), n.words.len(), k))
                .filter(|(len, _, _)| *len > 0)
                .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.cmp(&a.2)));
            match best {
                Some((len, _, name)) => {
                    let (start, end) = with_initials(text, &ws, i, i + len);
                    out.push(Found { range: start..end, name });
                    i += len;
                    // Skip initials absorbed after the match.
                    while i < ws.len() && ws[i].range.start < end {
                        i += 1;
                    }
                }
                None => i += 1,
            }
        }
        out
    }
}

/// How many words from `i` on satisfy `ok`, joined only by spaces or a
/// hyphen.
pub(crate) fn run(text: &str, ws: &[Word], i: usize, ok: impl Fn(&Word) -> bool) -> usize {
    let mut j = i;
    while j < ws.len() && ok(&ws[j]) && (j == i || joined(&text[ws[j - 1].range.end..ws[j].range.start])) {
        j += 1;
    }
    j - i
}

/// Two words of one name are separated by spaces or one hyphen.
fn joined(gap: &str) -> bool {
    !gap.is_empty() && (gap.chars().all(|c| c == ' ' || c == '\u{a0}') || gap == "-")
}

/// An initial: one capital letter.
pub(crate) fn is_initial(w: &Word) -> bool {
    w.chars == 1 && w.capitalised
}

/// Extends the words `from..to` over initials: up to two before ("А.Б.
/// Иванов", "А. Иванов") and up to two after ("Иванов А.Б."). Returns byte
/// offsets; a trailing initial's dot is included.
pub(crate) fn with_initials(text: &str, ws: &[Word], from: usize, to: usize) -> (usize, usize) {
    let mut start = ws[from].range.start;
    let mut k = from;
    for _ in 0..2 {
        if k == 0 {
            break;
        }
        let prev = &ws[k - 1];
        let gap = &text[prev.range.end..ws[k].range.start];
        if is_initial(prev) && (gap == "." || gap.starts_with('.') && gap[1..].chars().all(char::is_whitespace)) {
            start = prev.range.start;
            k -= 1;
        } else {
            break;
        }
    }
    let mut end = ws[to - 1].range.end;
    let mut k = to;
    for n in 0..2 {
        let Some(next) = ws.get(k) else { break };
        let gap = &text[end..next.range.start];
        let ok_gap = if n == 0 { joined(gap) } else { gap.is_empty() || joined(gap) };
        if is_initial(next) && ok_gap && text[next.range.end..].starts_with('.') {
            end = next.range.end + 1;
            k += 1;
        } else {
            break;
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(list: &NameList, text: &str) -> Vec<String> {
        list.find(text).into_iter().map(|f| text[f.range].to_string()).collect()
    }

    #[test]
    fn words_split_on_spaces_punctuation_and_hyphens() {
        let w: Vec<String> = words("Қасым-Жомарт, «Айгерімнің» O'Brien 2024").into_iter().map(|w| w.folded).collect();
        assert_eq!(w, ["қасым", "жомарт", "айгерімнің", "o'brien"]);
    }

    #[test]
    fn declined_kazakh_and_russian_forms_match() {
        let list = NameList::new(["Айгерім", "Иванов"]);
        assert_eq!(
            found(&list, "Айгерімнің үйі. Айгерімге хат. Иванова, Иванову и Ивановым."),
            ["Айгерімнің", "Айгерімге", "Иванова", "Иванову", "Ивановым"]
        );
        let list = NameList::new(["Иванова"]);
        assert_eq!(found(&list, "Ивановой угрожали; Иванову звонили"), ["Ивановой", "Иванову"]);
    }

    #[test]
    fn a_lower_case_word_matches_only_in_full() {
        // "Анна" must not hide "аннотация", but an uncapitalised "анна" is hidden.
        let list = NameList::new(["Анна"]);
        assert_eq!(found(&list, "аннотация, анна, Анны"), ["анна", "Анны"]);
    }

    #[test]
    fn a_full_name_is_one_match_with_its_initials() {
        let list = NameList::new(["Айгерім Сәрсенова"]);
        assert_eq!(
            found(&list, "Айгерім Сәрсенованың ісі; А. Сәрсенова; Сәрсенова А.Н. келді"),
            ["Айгерім Сәрсенованың", "А. Сәрсенова", "Сәрсенова А.Н."]
        );
    }

    #[test]
    fn short_fragments_are_not_names() {
        let list = NameList::new(["@aigerim_kz", "А."]);
        assert_eq!(list.len(), 1);
        assert_eq!(found(&list, "adilsoz.kz: Aigerim wrote"), ["Aigerim"]);
    }
}
