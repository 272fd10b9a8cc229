//! Text as Kuzet stores, searches and sorts it.
//!
//! All stored text is NFC-normalised ([`nfc`]). Search compares *folded*
//! text ([`fold`]): lower case for every script (SQLite's `lower()`/`NOCASE`
//! fold only ASCII), `ё` taken as `е`, and nothing else merged, so Kazakh
//! letters stay distinct from their Russian look-alikes (`қ`≠`к`, `ү`≠`у`,
//! `і`≠`и`, `ә`≠`а`).

use unicode_normalization::UnicodeNormalization;

/// The NFC form of `s`, with surrounding white space trimmed.
pub fn nfc(s: &str) -> String {
    s.trim().nfc().collect()
}

/// The search form of `s`: NFC, lower case, `ё`→`е`.
///
/// `fold("ҚАЗАҚ ТІЛІ") == "қазақ тілі"`, `fold("Алёна") == "алена"`.
pub fn fold(s: &str) -> String {
    s.nfc()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
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
}
