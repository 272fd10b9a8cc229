//! Stable codes of the taxonomy as types.
//!
//! A code is the identifier the foundation never renames (`journalists.threat`,
//! `almaty_city`). These types only guarantee the *syntax* of a code
//! (non-empty, lower-case ASCII letters, digits, `_` and `.`); whether a code
//! exists in the vault's taxonomy is checked by
//! [`Taxonomy`](crate::taxonomy::Taxonomy) at the boundary.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The error for a string that cannot be a taxonomy code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid code: use lower-case latin letters, digits, '_' and '.'")]
pub struct BadCode {
    /// The rejected input.
    pub value: String,
}

fn check_code(s: &str) -> Result<String, BadCode> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
        && !s.starts_with('.')
        && !s.ends_with('.');
    if ok {
        Ok(s.to_string())
    } else {
        Err(BadCode { value: s.to_string() })
    }
}

macro_rules! code_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks the syntax of `code` (see the module docs).
            ///
            /// # Errors
            /// [`BadCode`] when the string cannot be a code.
            pub fn new(code: &str) -> Result<Self, BadCode> {
                check_code(code).map(Self)
            }

            /// The code as written in the taxonomy.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = BadCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = BadCode;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::new(&s)
            }
        }

        impl From<$name> for String {
            fn from(c: $name) -> String {
                c.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

code_type!(
    /// A group of categories (`journalists`, `information`, `claims`, `context`).
    GroupCode
);
code_type!(
    /// A category, written `<group>.<name>` (`information.refusal`).
    CategoryCode
);
code_type!(
    /// A region of Kazakhstan or a pseudo-region (`almaty_city`, `online`).
    RegionCode
);
code_type!(
    /// A victim / target type (`journalist`, `media_outlet`).
    VictimTypeCode
);
code_type!(
    /// A perpetrator type (`state`, `non_state`).
    PerpetratorTypeCode
);
code_type!(
    /// A legal basis of a claim (`defamation`, `false_information`).
    LegalBasisCode
);

impl CategoryCode {
    /// The group part of the code: `information` for `information.refusal`.
    /// A code without a dot is its own group.
    pub fn group(&self) -> GroupCode {
        let g = self.0.split('.').next().unwrap_or(&self.0);
        GroupCode(g.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_code_knows_its_group() {
        let c = CategoryCode::new("information.refusal").unwrap();
        assert_eq!(c.group().as_str(), "information");
    }

    #[test]
    fn codes_reject_cyrillic_spaces_and_upper_case() {
        for bad in ["", "Journalists", "журналисты", "a b", ".x", "x.", "a-b"] {
            assert!(CategoryCode::new(bad).is_err(), "{bad:?} must be rejected");
        }
    }
}
