//! Likely duplicate cases: the same event reported twice (two
//! correspondents, two cities). The rule, owned here:
//!
//! - the event dates are at most [`DATE_WINDOW_DAYS`] apart, and
//! - the victim's name is the same, or the outlet is, or the texts are
//!   similar (at least [`MIN_TEXT_PERCENT`] % of their letter trigrams in
//!   common);
//!
//! names and outlets are compared as *skeletons* ([`skeleton`]): folded for
//! case, transliterated Cyrillic (Kazakh and Russian letters) and Latin
//! (Kazakh Latin, common English spellings) to one spelling, doubled letters
//! collapsed, word order ignored. "Айгерім Қасымова", "Aigerim Kassymova"
//! and "КАСЫМОВА Айгерим" are one name.
//!
//! The score (0–100) adds: same victim 35, same outlet 20, similar text up
//! to 25, close dates 10/7/4/1 (0–3 days apart), same group 10, same
//! category 5, same region 5. Pairs under [`MIN_SCORE`] are not proposed.

use crate::case::CaseData;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Event dates further apart than this many days are never duplicates.
pub const DATE_WINDOW_DAYS: i64 = 3;
/// The share of common text trigrams (percent) that counts as similar.
pub const MIN_TEXT_PERCENT: u32 = 40;
/// The lowest score proposed.
pub const MIN_SCORE: u32 = 40;

/// Why two cases look like one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Reason {
    /// The same victim (as written in the first case).
    SameVictim {
        /// The name.
        name: String,
    },
    /// The same outlet.
    SameOutlet {
        /// The outlet.
        outlet: String,
    },
    /// Similar title and summary.
    SimilarText {
        /// Common trigrams, percent.
        percent: u32,
    },
    /// Event dates this many days apart (0–3).
    CloseDates {
        /// Days apart.
        days: u32,
    },
    /// The same group of the taxonomy.
    SameGroup {
        /// Its code.
        group: String,
    },
    /// The same category.
    SameCategory,
    /// The same region.
    SameRegion,
}

/// What the comparison needs of a case, computed once.
#[derive(Debug, Clone)]
pub struct Features {
    date: NaiveDate,
    category: String,
    region: Option<String>,
    victim: (String, BTreeSet<String>),
    outlet: (String, BTreeSet<String>),
    trigrams: Vec<u32>,
}

/// The skeleton of a name or outlet: its words (two letters or more) in
/// one Latin spelling, doubled letters collapsed, as a sorted set.
pub fn skeleton(s: &str) -> BTreeSet<String> {
    crate::text::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .map(skeleton_word)
        .filter(|w| w.chars().count() >= 2)
        .collect()
}

fn skeleton_word(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        let s: &str = match c {
            'а' | 'ә' | 'ä' | 'á' => "a",
            'б' => "b",
            'в' | 'w' => "v",
            'г' | 'ғ' | 'ğ' | 'ǵ' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' | 'é' => "e",
            'ж' | 'j' => "zh",
            'з' => "z",
            'и' | 'й' | 'і' | 'ы' | 'ı' | 'y' | 'ý' => "i",
            'к' | 'қ' | 'q' | 'c' => "k",
            'л' => "l",
            'м' => "m",
            'н' | 'ң' | 'ñ' | 'ń' => "n",
            'о' | 'ө' | 'ö' | 'ó' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ұ' | 'ү' | 'ū' | 'ü' | 'ú' => "u",
            'ф' => "f",
            'х' | 'һ' | 'x' => "h",
            'ц' => "ts",
            'ч' | 'ç' => "ch",
            'ш' | 'щ' | 'ş' => "sh",
            'ю' => "iu",
            'я' => "ia",
            'ъ' | 'ь' | '\'' | '’' => "",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(s);
    }
    // English spellings of the same sounds.
    let mut w = out.replace("shch", "sh").replace("kh", "h");
    if let Some(rest) = w.strip_prefix("ie") {
        w = format!("e{rest}");
    }
    let mut collapsed = String::with_capacity(w.len());
    for c in w.chars() {
        if !collapsed.ends_with(c) {
            collapsed.push(c);
        }
    }
    collapsed
}

fn trigrams(text: &str) -> Vec<u32> {
    let mut set = BTreeSet::new();
    for word in crate::text::fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3) {
        let chars: Vec<char> = word.chars().collect();
        for t in chars.windows(3) {
            let mut h: u32 = 2_166_136_261;
            for c in t {
                h = (h ^ *c as u32).wrapping_mul(16_777_619);
            }
            set.insert(h);
        }
    }
    set.into_iter().collect()
}

/// Shared share of two sorted trigram lists, percent of the smaller.
fn overlap(a: &[u32], b: &[u32]) -> u32 {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0u32);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common * 100 / a.len().min(b.len()) as u32
}

/// Whether two skeletons name the same: equal, or one holds all words of
/// the other and that is at least two words (a patronymic added).
fn same_name(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || (a.len().min(b.len()) >= 2 && (a.is_subset(b) || b.is_subset(a)))
}

impl Features {
    /// The features of a case.
    pub fn of(case: &CaseData) -> Features {
        Features {
            date: case.event_date,
            category: case.category.to_string(),
            region: case.region.as_ref().map(ToString::to_string),
            victim: (case.victim.name.trim().to_string(), skeleton(&case.victim.name)),
            outlet: (case.victim.outlet.trim().to_string(), skeleton(&case.victim.outlet)),
            trigrams: trigrams(&format!("{} {}", case.title, case.summary)),
        }
    }

    /// The event date (local date in Kazakhstan).
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    fn group(&self) -> &str {
        self.category.split('.').next().unwrap_or_default()
    }
}

/// The score and reasons of a pair, when it is a likely duplicate by the
/// rule of this module; `None` otherwise.
pub fn score(a: &Features, b: &Features) -> Option<(u32, Vec<Reason>)> {
    let days = (a.date - b.date).num_days().abs();
    if days > DATE_WINDOW_DAYS {
        return None;
    }
    let victim = same_name(&a.victim.1, &b.victim.1);
    let outlet = same_name(&a.outlet.1, &b.outlet.1);
    let text = overlap(&a.trigrams, &b.trigrams);
    if !(victim || outlet || text >= MIN_TEXT_PERCENT) {
        return None;
    }
    let mut reasons = Vec::new();
    let mut total = 0;
    if victim {
        total += 35;
        reasons.push(Reason::SameVictim { name: a.victim.0.clone() });
    }
    if outlet {
        total += 20;
        reasons.push(Reason::SameOutlet { outlet: a.outlet.0.clone() });
    }
    if text >= 20 {
        total += text * 25 / 100;
        reasons.push(Reason::SimilarText { percent: text });
    }
    total += [10, 7, 4, 1][days as usize];
    reasons.push(Reason::CloseDates { days: days as u32 });
    if a.group() == b.group() {
        total += 10;
        reasons.push(Reason::SameGroup { group: a.group().to_string() });
        if a.category == b.category {
            total += 5;
            reasons.push(Reason::SameCategory);
        }
    }
    if a.region.is_some() && a.region == b.region {
        total += 5;
        reasons.push(Reason::SameRegion);
    }
    let total = total.min(100);
    (total >= MIN_SCORE).then_some((total, reasons))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_scripts_case_and_word_order() {
        let a = skeleton("Айгерім Қасымова");
        for same in ["Aigerim Kassymova", "КАСЫМОВА Айгерим", "Aigerim Qasymova", "Айгерим Касымова Нурлановна"]
        {
            assert!(same_name(&a, &skeleton(same)), "{same}: {a:?} vs {:?}", skeleton(same));
        }
        for other in ["Айгерім Сейітова", "Асель Қасымова", ""] {
            assert!(!same_name(&a, &skeleton(other)), "{other}");
        }
        assert!(same_name(&skeleton("Жанибек Ержанов"), &skeleton("Zhanibek Yerzhanov")));
        assert!(same_name(&skeleton("Хабар 24"), &skeleton("Khabar 24")));
        assert!(same_name(&skeleton("«Уральская неделя»"), &skeleton("Uralskaya nedelya")));
    }
}
