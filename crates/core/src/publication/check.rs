//! The pre-publication check: personal names left in public text that are
//! neither marked private nor on the foundation's list of public figures.
//!
//! What counts as a personal name is a heuristic tuned to how the
//! foundation's overviews name people. A capitalised word is listed when it
//! - has a surname's ending, also under a Kazakh case ending: -ов/-ев/-ин,
//!   -ова/-ева/-ина (and their declined forms), -ович/-евич/-овна/-евна,
//!   -ұлы/-улы/-қызы/-кызы, -енко; in Latin letters -ov/-ev/-ova/-eva,
//!   -ovich/-evich/-ovna/-evna, -uly/-kyzy, -enko (`Ивановтың`, `Nurlanuly`);
//! - stands next to an initial ("А. Нұрлан", "Smith J.");
//! - follows a word for a person: журналист, блогер, гражданин/гражданка,
//!   активист, тілші, journalist, blogger, citizen… in any form
//!   ("блогеру Нурлану").
//!
//! Together with the capitalised words right next to it, such a word is one
//! candidate ("Айгерім Нұрланқызы"). Words of the public-figures list, of
//! marked private names (they are replaced anyway), of the taxonomy's
//! region names and the words for a person themselves ("Гражданину") are
//! never listed.

use super::names::{self, NameList, Word};
use crate::overview::EntryRef;
use serde::{Deserialize, Serialize};

/// The vault document key of the [`PublicFigures`] list.
pub const PUBLIC_FIGURES_KEY: &str = "public-figures";

/// The foundation's list of names that may be published: officials,
/// journalists who consent, outlets and places that look like names. Saved
/// in the vault under [`PUBLIC_FIGURES_KEY`]. Each entry is matched with its
/// declined forms, like a private name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PublicFigures {
    /// The names, as staff typed them ("Қасым-Жомарт Тоқаев").
    pub names: Vec<String>,
}

impl PublicFigures {
    /// Adds `name` (NFC, trimmed) unless it is blank or already listed;
    /// returns whether it was added.
    pub fn add(&mut self, name: &str) -> bool {
        let name = crate::text::nfc(name);
        let key = crate::text::fold(&name);
        if name.is_empty() || self.names.iter().any(|n| crate::text::fold(n) == key) {
            return false;
        }
        self.names.push(name);
        crate::text::sort_names(&mut self.names);
        true
    }

    /// Removes `name` (compared folded); returns whether it was listed.
    pub fn remove(&mut self, name: &str) -> bool {
        let key = crate::text::fold(&crate::text::nfc(name));
        let before = self.names.len();
        self.names.retain(|n| crate::text::fold(n) != key);
        self.names.len() != before
    }
}

/// Where a candidate name was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamePlace {
    /// The overview entry whose title or text holds it; `None` for the
    /// document's own texts (title, intro, section titles and notes).
    pub entry: Option<EntryRef>,
    /// The surrounding text, about 40 characters each side, with "…" where
    /// it was cut.
    pub context: String,
}

/// A personal name that would be published as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameCandidate {
    /// The name as first written in the text ("А. Иванов").
    pub name: String,
    /// Its folded form, the same for every spelling that folds alike: what
    /// a confirmation names (see [`unconfirmed`]).
    pub key: String,
    /// Every place it occurs, in document order.
    pub places: Vec<NamePlace>,
}

/// Endings of surnames (folded), longest first within each script.
const SURNAME_ENDINGS: &[&str] = &[
    // Cyrillic, with the Russian declined forms.
    "овича",
    "евича",
    "овичу",
    "евичу",
    "ович",
    "евич",
    "овна",
    "евна",
    "овны",
    "евны",
    "овной",
    "евной",
    "овой",
    "евой",
    "иной",
    "ыной",
    "овым",
    "евым",
    "иным",
    "ыным",
    "ова",
    "ева",
    "ина",
    "ына",
    "ову",
    "еву",
    "ину",
    "ыну",
    "ове",
    "еве",
    "ине",
    "ыне",
    "овы",
    "евы",
    "иных",
    "ов",
    "ев",
    "ин",
    "ын",
    "ұлы",
    "улы",
    "қызы",
    "кызы",
    "енко",
    // Latin.
    "ovich",
    "evich",
    "ovna",
    "evna",
    "ova",
    "eva",
    "yeva",
    "ov",
    "ev",
    "yev",
    "uly",
    "ulu",
    "kyzy",
    "qyzy",
    "enko",
];

/// Kazakh case endings a surname may carry (`Ивановтың`, `Ивановқа`).
const KK_ENDINGS: &[&str] = &[
    "тың", "тің", "дың", "дің", "ның", "нің", "тан", "тен", "дан", "ден", "нан", "нен", "пен", "бен", "мен", "ға",
    "ге", "қа", "ке", "ты", "ті", "ды", "ді", "ны", "ні", "та", "те", "да", "де", "а",
];

/// Words for a person that put a name right after them (folded stems).
const PERSON_WORDS: &[&str] = &[
    "журналист",
    "блогер",
    "блоггер",
    "гражданин",
    "гражданк",
    "активист",
    "редактор",
    "корреспондент",
    "репортер",
    "фотограф",
    "оператор",
    "тілші",
    "белсенді",
    "тұрғын",
    "жител",
    "пользовател",
    "адвокат",
    "journalist",
    "blogger",
    "citizen",
    "activist",
    "editor",
    "correspondent",
    "reporter",
    "photographer",
    "resident",
    "lawyer",
    "user",
];

fn surname_shaped(w: &Word) -> bool {
    let ends = |s: &str| SURNAME_ENDINGS.iter().any(|e| s.ends_with(e) && s.chars().count() > e.chars().count() + 1);
    ends(&w.folded)
        || KK_ENDINGS.iter().any(|k| {
            w.folded.strip_suffix(k).is_some_and(|stem| {
                // A Kazakh ending only after a consonant-final Russian stem
                // (Иванов|тың), never "ина" read as "ин" + "а".
                stem.ends_with(['в', 'н']) && ends(stem)
            })
        })
}

fn person_word(w: &Word) -> bool {
    PERSON_WORDS.iter().any(|p| w.folded.starts_with(p) && w.chars <= p.chars().count() + 4)
}

/// A capitalised word that can be part of a name: capital first letter,
/// at least two letters, not all capitals (КНБ, ДВД, OSCE are not names).
fn name_like(w: &Word, text: &str) -> bool {
    let s = &text[w.range.clone()];
    w.capitalised && w.chars >= 2 && s.chars().skip(1).any(char::is_lowercase)
}

/// The unmarked personal names in `texts` (each with the entry it belongs
/// to), skipping words of `allowed` (public figures, region names) and of
/// `private` (marked names, which publication replaces). Candidates are in
/// order of first appearance; one per key.
pub fn find_names<'a>(
    texts: impl IntoIterator<Item = (Option<EntryRef>, &'a str)>,
    allowed: &NameList,
    private: &NameList,
) -> Vec<NameCandidate> {
    let mut out: Vec<NameCandidate> = Vec::new();
    for (entry, text) in texts {
        let ws = names::words(text);
        let free = |w: &Word| name_like(w, text) && !person_word(w) && !allowed.knows(w) && !private.knows(w);
        let mut i = 0;
        while i < ws.len() {
            let w = &ws[i];
            let flagged = free(w)
                && (surname_shaped(w)
                    || next_to_initial(text, &ws, i)
                    || (i > 0 && person_word(&ws[i - 1]) && gap_is_space(text, &ws[i - 1], w)));
            if !flagged {
                i += 1;
                continue;
            }
            // Widen to the capitalised words joined to it.
            let mut from = i;
            while from > 0 && free(&ws[from - 1]) && gap_is_space(text, &ws[from - 1], &ws[from]) {
                from -= 1;
            }
            let to = i + names::run(text, &ws, i, free);
            let (start, end) = names::with_initials(text, &ws, from, to);
            let name = text[start..end].to_string();
            let key = crate::text::fold(&name);
            let place = NamePlace { entry, context: context(text, start, end) };
            match out.iter_mut().find(|c| c.key == key) {
                Some(c) => c.places.push(place),
                None => out.push(NameCandidate { name, key, places: vec![place] }),
            }
            i = to;
            while i < ws.len() && ws[i].range.start < end {
                i += 1;
            }
        }
    }
    out
}

fn gap_is_space(text: &str, a: &Word, b: &Word) -> bool {
    let gap = &text[a.range.end..b.range.start];
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

fn next_to_initial(text: &str, ws: &[Word], i: usize) -> bool {
    let before = i > 0 && names::is_initial(&ws[i - 1]) && text[ws[i - 1].range.end..].starts_with('.');
    // "Smith J." but not "Судья А. Нұрлан", where the initial is Нұрлан's.
    let after = ws.get(i + 1).is_some_and(|n| {
        names::is_initial(n)
            && gap_is_space(text, &ws[i], n)
            && text[n.range.end..].starts_with('.')
            && !ws.get(i + 2).is_some_and(|m| name_like(m, text) && text[n.range.end..m.range.start].trim() == ".")
    });
    before || after
}

fn context(text: &str, start: usize, end: usize) -> String {
    const EACH_SIDE: usize = 40;
    let before: String = {
        let head = &text[..start];
        let n = head.chars().count();
        let cut = n > EACH_SIDE;
        let s: String = head.chars().skip(n.saturating_sub(EACH_SIDE)).collect();
        if cut {
            format!("…{s}")
        } else {
            s
        }
    };
    let tail = &text[end..];
    let mut after: String = tail.chars().take(EACH_SIDE).collect();
    if tail.chars().count() > EACH_SIDE {
        after.push('…');
    }
    format!("{before}{}{after}", &text[start..end]).replace('\n', " ")
}

/// The candidates whose key is not in `confirmed` (names the user looked at
/// and chose to publish as they are).
pub fn unconfirmed<'a>(candidates: &'a [NameCandidate], confirmed: &[String]) -> Vec<&'a NameCandidate> {
    let confirmed: Vec<String> = confirmed.iter().map(|c| crate::text::fold(c.trim())).collect();
    candidates.iter().filter(|c| !confirmed.contains(&c.key)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(text: &str, allowed: &[&str], private: &[&str]) -> Vec<String> {
        find_names([(None, text)], &NameList::new(allowed), &NameList::new(private))
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn surnames_initials_and_people_are_listed() {
        assert_eq!(
            names_in("Журналист Айгерім Нұрланқызы и блогер Нурлан пожаловались. Полиция задержала Иванова.", &[], &[]),
            ["Айгерім Нұрланқызы", "Нурлан", "Иванова"]
        );
        assert_eq!(names_in("Судья А. Нұрлан отказала. Ивановтың ісі.", &[], &[]), ["А. Нұрлан", "Ивановтың"]);
        assert_eq!(
            names_in("Journalist Aigerim Nurlanova and Smith J. were detained.", &[], &[]),
            ["Aigerim Nurlanova", "Smith J."]
        );
    }

    #[test]
    fn ordinary_words_abbreviations_and_places_are_not_names() {
        assert_eq!(
            names_in("В Алматы КНБ задержал журналиста. Суд Костанайской области отказал. OSCE said so.", &[], &[]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn public_figures_and_marked_names_pass_in_every_form() {
        let text = "Президент Тоқаев подписал закон; Тоқаевтың жарлығы; Иванову угрожали.";
        assert_eq!(names_in(text, &["Тоқаев"], &["Иванов"]), Vec::<String>::new());
        // A capitalised word before a surname is taken with it: better one
        // word too many than a first name left behind.
        assert_eq!(names_in(text, &[], &[]), ["Президент Тоқаев", "Тоқаевтың", "Иванову"]);
    }

    #[test]
    fn a_name_found_twice_is_one_candidate_with_two_places() {
        let c = find_names(
            [(None, "Иванов пришёл."), (None, "Позже пришёл Иванов.")],
            &NameList::default(),
            &NameList::default(),
        );
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].places.iter().map(|p| p.context.as_str()).collect::<Vec<_>>(),
            ["Иванов пришёл.", "Позже пришёл Иванов."]
        );
        assert!(unconfirmed(&c, &["ИВАНОВ".into()]).is_empty());
        assert_eq!(unconfirmed(&c, &["Петров".into()]).len(), 1);
    }
}
