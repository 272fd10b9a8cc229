//! The three languages Kuzet speaks, and labels given in all of them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language of the UI, of the monthly overview and of case text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh (`kk`).
    Kk,
    /// Russian (`ru`).
    Ru,
    /// English (`en`).
    En,
}

impl Lang {
    /// All languages, in the order the foundation prints them (kk, ru, en).
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The ISO 639-1 code: `"kk"`, `"ru"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error for a language code that is not `kk`, `ru` or `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: expected kk, ru or en")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "kk" => Ok(Lang::Kk),
            "ru" => Ok(Lang::Ru),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

/// A text given in Kazakh, Russian and English, as in the taxonomy files.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Labels {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Labels {
    /// The label in `lang`; falls back to Russian, then English, when the
    /// wanted one is empty (kk labels are drafts that may still be missing).
    pub fn get(&self, lang: Lang) -> &str {
        let wanted = match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        };
        [wanted, &self.ru, &self.en].into_iter().find(|s| !s.trim().is_empty()).map(String::as_str).unwrap_or("")
    }

    /// Mutable access to the label in `lang`.
    pub fn get_mut(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::Kk => &mut self.kk,
            Lang::Ru => &mut self.ru,
            Lang::En => &mut self.en,
        }
    }
}
