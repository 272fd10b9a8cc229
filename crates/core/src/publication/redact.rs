//! Replacing private persons' names in public text.
//!
//! A [`Redactor`] is made once per public document (one overview PDF, one
//! public export file) and fed the document's texts in print order. Each
//! private person gets a pseudonym the first time one of their names
//! appears, and keeps it to the end of the document: "citizen A.", then
//! "citizen B." (kk «жеке тұлға А.», ru «гр. А.»), or the same "[name withheld]"
//! for everyone ([`RedactionStyle::Withheld`]).

use super::names::NameList;
use crate::lang::Lang;
use crate::text::capitalise;
use std::collections::HashMap;

/// How a hidden name is written in a public document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RedactionStyle {
    /// A pseudonym per person, stable within the document: "citizen A."
    /// (en), «гр. А.» (ru), «жеке тұлға А.» (kk).
    #[default]
    Pseudonym,
    /// "[name withheld]", «[имя скрыто]», «[аты жасырылды]» for everyone.
    ///
    /// (Kazakh pseudonyms say «жеке тұлға А.», "private person A.", not
    /// «азамат А.»: Азамат is also a common first name.)
    Withheld,
}

/// Letters of pseudonyms in Cyrillic texts (no Ё Й Ъ Ы Ь Щ, which do not
/// start names or read as initials).
const CYRILLIC: &[char] = &[
    'А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'К', 'Л', 'М', 'Н', 'О', 'П', 'Р', 'С', 'Т', 'У', 'Ф', 'Х', 'Ц', 'Ч',
    'Ш', 'Э', 'Ю', 'Я',
];

/// The pseudonym of the `n`-th person (0-based) in `lang`: "citizen A.",
/// …, "citizen Z.", then "citizen A2."; «гр. А.» in Russian, «жеке тұлға А.»
/// in Kazakh.
pub fn pseudonym(lang: Lang, n: usize) -> String {
    let (letters, word): (Vec<char>, &str) = match lang {
        Lang::En => (('A'..='Z').collect(), "citizen"),
        Lang::Ru => (CYRILLIC.to_vec(), "гр."),
        Lang::Kk => (CYRILLIC.to_vec(), "жеке тұлға"),
    };
    let letter = letters[n % letters.len()];
    let round = n / letters.len();
    if round == 0 {
        format!("{word} {letter}.")
    } else {
        format!("{word} {letter}{}.", round + 1)
    }
}

/// "[name withheld]" in `lang`.
pub fn withheld(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "[name withheld]",
        Lang::Ru => "[имя скрыто]",
        Lang::Kk => "[аты жасырылды]",
    }
}

/// "[source withheld]" in `lang`: what a public copy prints for a source
/// (a link, a handle) that names a private person.
pub fn source_withheld(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "[source withheld]",
        Lang::Ru => "[источник скрыт]",
        Lang::Kk => "[дереккөз жасырылды]",
    }
}

/// Replaces private names in the texts of one public document. See the
/// module docs.
#[derive(Debug, Clone)]
pub struct Redactor {
    names: NameList,
    /// Public names (regions, public figures) a private name's stem must
    /// not swallow: private `Алма` hides `Алма` and `Алмаға`, never
    /// `Алматы`.
    except: NameList,
    lang: Lang,
    style: RedactionStyle,
    /// Name index → person number, in order of first appearance.
    assigned: HashMap<usize, usize>,
}

impl Redactor {
    /// A redactor hiding `names` in a document in `lang`.
    pub fn new(names: NameList, lang: Lang, style: RedactionStyle) -> Self {
        Redactor { names, except: NameList::default(), lang, style, assigned: HashMap::new() }
    }

    /// The same, leaving words of `except` alone unless they are exactly a
    /// private name's word.
    pub fn with_exceptions(mut self, except: NameList) -> Self {
        self.except = except;
        self
    }

    /// The pseudonym (or "[name withheld]") for the whole of `name`, a
    /// confidential victim's name field: the person's own pseudonym when
    /// the name is one of the private names, else a new one. Never returns
    /// any part of `name`; empty stays empty.
    pub fn replace_whole(&mut self, name: &str) -> String {
        if name.trim().is_empty() {
            return String::new();
        }
        let person = self.names.find(name).first().map(|f| f.name).unwrap_or(usize::MAX - self.assigned.len());
        let text = self.text_for(person);
        capitalise(&text)
    }

    /// `source` as it is, or [`source_withheld`] when it names a private
    /// person (a profile link, a handle).
    pub fn source(&mut self, source: &str) -> String {
        if self.names.find(source).is_empty() {
            source.to_string()
        } else {
            source_withheld(self.lang).to_string()
        }
    }

    fn text_for(&mut self, name: usize) -> String {
        let next = self.assigned.len();
        let person = *self.assigned.entry(name).or_insert(next);
        match self.style {
            RedactionStyle::Pseudonym => pseudonym(self.lang, person),
            RedactionStyle::Withheld => withheld(self.lang).to_string(),
        }
    }

    /// Writes later pseudonyms in `lang` (a public export holds texts in
    /// several languages; the persons keep their letters).
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// How many different persons were hidden so far.
    pub fn persons(&self) -> usize {
        self.assigned.len()
    }

    /// `text` with every private name replaced. A pseudonym at the start of
    /// a sentence is capitalised ("Citizen A. said"); a name ending a
    /// sentence does not get a second full stop.
    pub fn redact(&mut self, text: &str) -> String {
        if self.names.is_empty() {
            return text.to_string();
        }
        let mut found = self.names.find(text);
        if !self.except.is_empty() {
            found.retain(|f| {
                let ws = super::names::words(&text[f.range.clone()]);
                !ws.iter().all(|w| self.except.knows(w) && !self.names.knows_exactly(w))
            });
        }
        if found.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for f in found {
            out.push_str(&text[at..f.range.start]);
            let mut with = self.text_for(f.name);
            if with.ends_with('.') && text[f.range.end..].starts_with('.') {
                with.pop();
            }
            if sentence_start(&text[..f.range.start]) {
                with = capitalise(&with);
            }
            out.push_str(&with);
            at = f.range.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

/// Whether text after `before` (the original text, so a pseudonym's own
/// full stop does not count) starts a sentence.
fn sentence_start(before: &str) -> bool {
    let t = before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '«' | '"' | '“' | '(' | '—' | '–'));
    t.is_empty() || t.ends_with(['.', '!', '?', '…', '\n'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor(names: &[&str], lang: Lang) -> Redactor {
        Redactor::new(NameList::new(names), lang, RedactionStyle::Pseudonym)
    }

    #[test]
    fn pseudonyms_are_stable_within_a_document() {
        let mut r = redactor(&["Айгерім Сәрсенова", "Иванов"], Lang::Kk);
        assert_eq!(r.redact("Иванов Айгерім Сәрсенованы қорқытты."), "Жеке тұлға А. жеке тұлға Б. қорқытты.");
        assert_eq!(r.redact("Кейін Айгерімнің үйіне келді."), "Кейін жеке тұлға Б. үйіне келді.");
        assert_eq!(r.persons(), 2);
    }

    #[test]
    fn russian_and_english_forms() {
        let mut r = redactor(&["Иванова"], Lang::Ru);
        assert_eq!(
            r.redact("Журналист угрожал Ивановой. Иванову вызвали."),
            "Журналист угрожал гр. А. Гр. А. вызвали."
        );
        let mut r = redactor(&["Aigerim Sarsenova"], Lang::En);
        assert_eq!(r.redact("Police questioned Aigerim Sarsenova."), "Police questioned citizen A.");
        let mut r = Redactor::new(NameList::new(["Aigerim"]), Lang::En, RedactionStyle::Withheld);
        assert_eq!(r.redact("Aigerim's post"), "[name withheld] post");
    }

    #[test]
    fn public_names_are_not_swallowed_and_whole_fields_are_replaced() {
        let mut r = redactor(&["Алма", "Ли Ян"], Lang::Ru).with_exceptions(NameList::new(["Алматы"]));
        assert_eq!(r.redact("Алма из Алматы; Алме звонили."), "Гр. А. из Алматы; гр. А. звонили.");
        assert_eq!(r.replace_whole("Ли Ян"), "Гр. Б.");
        assert_eq!(r.replace_whole("@someone_else"), "Гр. В.", "a name not in the list still gets a pseudonym");
        assert_eq!(r.source("https://t.me/li_yan"), "https://t.me/li_yan", "lower-case short words are not names");
        assert_eq!(r.source("https://facebook.com/Alma.K"), "[источник скрыт]");
    }

    #[test]
    fn many_persons_get_numbered_letters() {
        assert_eq!(pseudonym(Lang::En, 0), "citizen A.");
        assert_eq!(pseudonym(Lang::En, 26), "citizen A2.");
        assert_eq!(pseudonym(Lang::Ru, 1), "гр. Б.");
        assert_eq!(pseudonym(Lang::Kk, 27), "жеке тұлға А2.");
    }
}
