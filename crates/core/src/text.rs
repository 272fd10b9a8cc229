//! Text as Kuzet stores, searches and sorts it.
//!
//! All stored text is NFC-normalised ([`nfc`]). Search compares *folded*
//! text ([`fold`]): lower case for every script (SQLite's `lower()`/`NOCASE`
//! fold only ASCII), `ё` taken as `е`, and nothing else merged, so Kazakh
//! letters stay distinct from their Russian look-alikes (`қ`≠`к`, `ү`≠`у`,
//! `і`≠`и`, `ә`≠`а`).

use std::cmp::Ordering;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The NFC form of `s`, with surrounding white space trimmed.
pub fn nfc(s: &str) -> String {
    s.trim().nfc().collect()
}

/// The search form of `s`: NFC, lower case, `ё`→`е`.
///
/// `fold("ҚАЗАҚ ТІЛІ") == "қазақ тілі"`, `fold("Алёна") == "алена"`.
pub fn fold(s: &str) -> String {
    s.nfc().flat_map(char::to_lowercase).map(|c| if c == 'ё' { 'е' } else { c }).collect()
}

/// `s` with its first letter in upper case ("гр. А." → "Гр. А.",
/// "әділ" → "Әділ"); the rest is kept.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The collator for names and titles: CLDR's Kazakh (`kk`) tailoring of
/// the root collation (ICU4X compiled data). `None` only if the bundled data
/// failed to load, which the tests rule out.
static COLLATOR: LazyLock<Option<icu_collator::CollatorBorrowed<'static>>> = LazyLock::new(|| {
    let locale: icu_locale_core::Locale = "kk".parse().ok()?;
    icu_collator::Collator::try_new((&locale).into(), icu_collator::options::CollatorOptions::default()).ok()
});

/// Compares two texts in Kazakh/Russian alphabetical order:
/// а ә б в г ғ д е ё ж з и й к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы і ь э ю я,
/// then Latin. `ё` is a letter of its own after `е` (the Kazakh alphabet's
/// order: "ёж" comes after every "е…" and before "ж…"); case only breaks
/// ties; equal texts under the collation fall back to code point order, so
/// the order is total.
pub fn collate_cmp(a: &str, b: &str) -> Ordering {
    let by_alphabet = match COLLATOR.as_ref() {
        Some(c) => c.compare(a, b),
        None => fold(a).cmp(&fold(b)),
    };
    by_alphabet.then_with(|| a.cmp(b))
}

/// Sorts names (or titles) in Kazakh/Russian alphabetical order, see
/// [`collate_cmp`].
pub fn sort_names(v: &mut [String]) {
    v.sort_by(|a, b| collate_cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_lowers_kazakh_and_russian_but_keeps_letters_apart() {
        assert_eq!(fold("ҚАЗАҚ ТІЛІ"), "қазақ тілі");
        assert_eq!(fold("ИВАНОВ"), "иванов");
        assert_eq!(fold("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
        assert_eq!(fold("Алёна"), "алена");
        assert_ne!(fold("Қ"), fold("К"));
        assert_ne!(fold("Ү"), fold("У"));
        assert_ne!(fold("І"), fold("И"));
    }

    #[test]
    fn nfc_composes_decomposed_letters() {
        // "й" written as и + combining breve.
        assert_eq!(nfc(" и\u{306} "), "й");
    }

    #[test]
    fn collation_follows_the_kazakh_alphabet() {
        use std::cmp::Ordering::Less;
        assert!(COLLATOR.is_some(), "the kk collation data loads");
        let alphabet = "а ә б в г ғ д е ж з и й к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы і ь э ю я";
        let letters: Vec<&str> = alphabet.split(' ').collect();
        for w in letters.windows(2) {
            assert_eq!(collate_cmp(w[0], w[1]), Less, "{} before {}", w[0], w[1]);
            let (a, b) = (w[0].to_uppercase(), w[1].to_uppercase());
            assert_eq!(collate_cmp(&a, &b), Less, "{a} before {b}");
        }
        assert_eq!(collate_cmp("ә", "б"), Less);
        assert_eq!(collate_cmp("а", "ә"), Less);
        assert_eq!(collate_cmp("қ", "л"), Less);
        assert_eq!(collate_cmp("ы", "і"), Less);
        assert_eq!(collate_cmp("е", "ё"), Less);
        assert_eq!(collate_cmp("ёж", "жаба"), Less);
        let mut names: Vec<String> = [
            "Бек",
            "Әлия",
            "Алия",
            "Іргебай",
            "Ыбырай",
            "Қасым",
            "Кенже",
            "Zhanna",
            "Ұлан",
            "Үміт",
            "Уәли",
            "Яна",
            "ёлка",
            "Ерлан",
        ]
        .map(String::from)
        .to_vec();
        sort_names(&mut names);
        assert_eq!(
            names,
            [
                "Алия",
                "Әлия",
                "Бек",
                "Ерлан",
                "ёлка",
                "Кенже",
                "Қасым",
                "Уәли",
                "Ұлан",
                "Үміт",
                "Ыбырай",
                "Іргебай",
                "Яна",
                "Zhanna"
            ]
        );
    }
}
