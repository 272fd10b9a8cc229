//! Finding personal names in running Kazakh, Russian and English text,
//! declined forms included: the matcher [`redact`](super::redact) replaces
//! with and [`check`](super::check) looks past.
//!
//! A name is matched word by word, on *skeletons* ([`skeleton`]): the
//! folded word in Latin letters with Kazakh and Russian spellings, common
//! transliterations and look-alike letters merged (`Сәуле`, `Сауле` and
//! `Saule`; `Айгерім`, `Айгерим`, `Aygerim` and `Айгерiм` with a Latin i),
//! invisible characters (zero-width spaces, soft hyphens, stress marks)
//! and apostrophes dropped, a doubled s or i single. A text word matches a
//! name word when their skeletons are equal, or when it is a *stem* of the
//! name followed by at most [`MAX_ENDING_CHARS`] letters and the word is
//! capitalised (or the stem is long, [`LONG_STEM_CHARS`]): stems drop one
//! final Russian inflection vowel (`Иванова` → `иванов`), an adjectival
//! ending (`Вишневский` → `вишневск`), a fleeting vowel (`Павел` → `павл`)
//! and voice a final Kazakh consonant (`Жібек` → `жібег`); Kazakh endings
//! are simply appended (`Айгерімнің`). This errs on the side of hiding:
//! `Иванов` also hides `Ивановский`. Words of one or two letters (`Ли`,
//! `Ян`) match only in full and capitalised.

use crate::text::fold;
use std::ops::Range;

/// The longest ending, in letters, a declined form may add to a name's stem
/// and still count as the name (`Айгерім|нің` is 3, `Иванов|ыми` 3; Kazakh
/// plural + case `Айгерім|дердің` is 6).
pub const MAX_ENDING_CHARS: usize = 6;

/// The shortest name word, in letters, that is matched at all: initials
/// ("А.") are not names; two-letter words (`Ли`, `Ян`) are, but only
/// capitalised and in full.
pub const MIN_NAME_CHARS: usize = 2;

/// Stems shorter than this (in skeleton letters) are matched only in
/// capitalised words (`Анна` must not hide `аннотация`).
pub const LONG_STEM_CHARS: usize = 5;

/// The skeleton of a word for matching (see the module docs): folded,
/// transliterated to Latin letters, invisible characters and apostrophes
/// dropped, a doubled s or i single: `skeleton("Сәуле") == skeleton("Saule")`,
/// `skeleton("Қасым") == skeleton("Kassym")`.
pub fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in fold(word).chars() {
        let t: &str = match c {
            'а' | 'ә' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ғ' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'і' | 'ы' | 'y' | 'ї' => "i",
            'к' | 'қ' | 'q' => "k",
            'л' => "l",
            'м' => "m",
            'н' | 'ң' => "n",
            'о' | 'ө' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ұ' | 'ү' | 'w' => "u",
            'ф' => "f",
            'х' | 'һ' => "h",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "sch",
            'ю' => "iu",
            'я' => "ia",
            'ı' => "i",
            'ž' => "zh",
            'š' => "sh",
            'č' => "ch",
            'á' => "a",
            'ǵ' => "g",
            'ń' => "n",
            'ó' => "o",
            'ú' | 'ý' => "u",
            'є' => "e",
            'j' => "zh",
            'ъ' | 'ь' | '\'' | '’' | 'ʼ' | '`' => "",
            c if invisible(c) || unicode_mark(c) => "",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(t);
    }
    // "kh" and "h" alike (Akhmetov, Ahmetov); a doubled s or i single
    // (Kassym, Касым; Сейітов, Seitov). Other doubled letters stay (Анна).
    let out = out.replace("kh", "h");
    let mut dedup = String::with_capacity(out.len());
    for c in out.chars() {
        if !(matches!(c, 's' | 'i') && dedup.ends_with(c)) {
            dedup.push(c);
        }
    }
    // An i that only glides into a vowel, at the start or after a vowel:
    // Yerlan = Ерлан, Zhumabayeva = Жұмабаева, Yan = Ян.
    let v: Vec<char> = dedup.chars().collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'o' | 'u');
    (0..v.len())
        .filter(|&k| !(v[k] == 'i' && (k == 0 || vowel(v[k - 1])) && v.get(k + 1).is_some_and(|c| vowel(*c))))
        .map(|k| v[k])
        .collect()
}

/// Characters that do not show and may sit inside a pasted word: zero-width
/// space, non-joiner and joiner, word joiner, soft hyphen, BOM.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}' | '\u{feff}')
}

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
    /// Its [`skeleton`].
    pub skel: String,
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
        // "АйгерімгеЕркіндік", "AigerimZhumabayeva": a capital after a small
        // letter starts a new word (hashtags and handles).
        let camel = c.is_uppercase() && i > 0 && chars[i - 1].1.is_lowercase() && start.is_some();
        if camel {
            if let Some(s) = start.take() {
                out.push(word(text, s..at));
            }
        }
        if is_letter(c) || (invisible(c) && start.is_some()) || inner_apostrophe {
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

pub(crate) fn unicode_mark(c: char) -> bool {
    // Combining diacritics (text is NFC, so these are rare: decomposed input
    // that NFC cannot compose).
    matches!(c, '\u{300}'..='\u{36f}')
}

fn word(text: &str, range: Range<usize>) -> Word {
    let s = &text[range.clone()];
    let capitalised = s.chars().next().is_some_and(char::is_uppercase);
    Word {
        folded: fold(s),
        capitalised,
        chars: s.chars().filter(|c| !invisible(*c) && !unicode_mark(*c)).count(),
        skel: skeleton(s),
        range,
    }
}

/// A name word: the skeletons of its full form and of its stems.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NameWord {
    full: String,
    /// Letters of the full word.
    letters: usize,
    /// Each stem's skeleton and its length in letters of the name.
    stems: Vec<(String, usize)>,
}

/// Final letters a Kazakh word voices before a vowel ending (Жібек →
/// Жібегі, Талап → Талабы).
const KK_VOICED: &[(char, char)] = &[('к', 'г'), ('қ', 'ғ'), ('п', 'б')];

impl NameWord {
    fn new(folded: &str) -> Self {
        let chars: Vec<char> = folded.chars().collect();
        let n = chars.len();
        let mut stems: Vec<(String, usize)> = Vec::new();
        let mut add = |s: String| {
            let k = skeleton(&s);
            if !k.is_empty() && !stems.iter().any(|(x, _)| *x == k) {
                stems.push((k, s.chars().count()));
            }
        };
        add(folded.to_string());
        if n >= MIN_NAME_CHARS + 2 {
            let cut = |k: usize| chars[..n - k].iter().collect::<String>();
            if RU_INFLECTED.contains(&chars[n - 1]) {
                add(cut(1));
            }
            // Adjectival surnames: Вишневский → Вишневского, Вишневская → Вишневской.
            for end in ["ий", "ый", "ой", "ая", "яя"] {
                if folded.ends_with(end) {
                    add(cut(2));
                }
            }
            // A fleeting vowel: Павел → Павла, Любовь → Любви, Заяц → Зайца.
            let last = if chars[n - 1] == 'ь' { n - 1 } else { n };
            if last >= 3 && matches!(chars[last - 2], 'е' | 'о' | 'я') && !RU_INFLECTED.contains(&chars[last - 1]) {
                let mut w: Vec<char> = chars[..last - 2].to_vec();
                if chars[last - 2] == 'я' {
                    w.push('й');
                }
                w.push(chars[last - 1]);
                add(w.into_iter().collect());
            }
            for (from, to) in KK_VOICED {
                if chars[n - 1] == *from {
                    let mut w = cut(1);
                    w.push(*to);
                    add(w);
                }
            }
        }
        NameWord { full: skeleton(folded), letters: n, stems }
    }

    fn matches(&self, w: &Word) -> bool {
        if w.skel == self.full {
            // Short words (Ли, Ян) only capitalised: "ли" is also a particle.
            return w.capitalised || self.letters > 2;
        }
        if self.letters <= 2 {
            // Яну, Яна: one more letter, capitalised.
            return w.capitalised && w.chars == self.letters + 1 && w.skel.starts_with(self.full.as_str());
        }
        self.stems.iter().any(|(stem, letters)| {
            *letters > 2
                && (w.capitalised || *letters >= LONG_STEM_CHARS)
                && w.skel.starts_with(stem.as_str())
                && w.skel.chars().count() - stem.chars().count() <= MAX_ENDING_CHARS
        })
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

    /// Whether `word` is exactly (same skeleton) a word of any name.
    pub(crate) fn knows_exactly(&self, w: &Word) -> bool {
        self.names.iter().any(|n| n.words.iter().any(|nw| nw.full == w.skel))
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
    fn spellings_transliterations_and_invisible_characters_match() {
        let list = NameList::new(["Сәуле Жұмабаева", "Айгерім", "Қасым-Жомарт Сейітов"]);
        assert_eq!(
            found(&list, "Сауле Жумабаевой; Aygerim; Айгерiм; Kassym-Zhomart Seitov; Ива\u{200b}нова; Saule"),
            ["Сауле Жумабаевой", "Aygerim", "Айгерiм", "Kassym-Zhomart Seitov", "Saule"]
        );
        let list = NameList::new(["Иванова", "O'Brien"]);
        assert_eq!(
            found(&list, "Ива\u{200b}нова, Ива\u{ad}новой, Ива\u{301}нова, O’Brien"),
            ["Ива\u{200b}нова", "Ива\u{ad}новой", "Ива\u{301}нова", "O’Brien"]
        );
    }

    #[test]
    fn more_transliterations_hashtags_and_glides_match() {
        let list = NameList::new(["Айгерім Жұмабаева", "Ерлан", "Ли Ян"]);
        assert_eq!(
            found(&list, "Aigerim Zhumabayeva; Aıgerım Jumabaeva; Žumabaeva; #АйгерімгеЕркіндік; Yerlan; Ли Яну; Yan"),
            ["Aigerim Zhumabayeva", "Aıgerım Jumabaeva", "Žumabaeva", "Айгерімге", "Yerlan", "Ли Яну", "Yan"]
        );
    }

    #[test]
    fn stems_that_change_when_declined_match() {
        let list = NameList::new(["Вишневский", "Павел", "Любовь", "Жібек", "Заяц"]);
        assert_eq!(
            found(&list, "Вишневского, Вишневскому, Павла, Павлу, Любви, Жібегі, Зайца"),
            ["Вишневского", "Вишневскому", "Павла", "Павлу", "Любви", "Жібегі", "Зайца"]
        );
        // Lower-case declined forms of long names too.
        let list = NameList::new(["Айгерім", "Иванова"]);
        assert_eq!(found(&list, "айгерімнің, ивановой"), ["айгерімнің", "ивановой"]);
    }

    #[test]
    fn two_letter_names_match_capitalised_and_in_full() {
        let list = NameList::new(["Ли Ян"]);
        assert_eq!(found(&list, "Угроза Ли Ян; Ли угрожали; ли это; Янтарь"), ["Ли Ян", "Ли"]);
    }

    #[test]
    fn short_fragments_are_not_names() {
        let list = NameList::new(["@aigerim_kz", "А."]);
        assert_eq!(list.len(), 1);
        assert_eq!(found(&list, "adilsoz.kz: Aigerim wrote"), ["Aigerim"]);
    }
}
