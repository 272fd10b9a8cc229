//! Errors of the vault.

use crate::case::ValidationErrors;
use crate::taxonomy::TaxonomyError;
use std::path::PathBuf;

/// One bad row of an import: where it is and why it was refused.
///
/// Shared by the CSV parser (`crate::transfer`) and [`Vault::apply_import`](super::Vault::apply_import).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportRowError {
    /// The 1-based line of the source file the row starts on.
    pub line: u64,
    /// The column (import field name, e.g. `category`, `ref`, `parent_ref`).
    pub column: String,
    /// Why, in plain English.
    pub message: String,
    /// The same reason, typed, for the app to say in the user's language
    /// (`validation.<kind>`); `None` where only the English text exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<crate::case::Problem>,
}

impl std::fmt::Display for ImportRowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, {}: {}", self.line, self.column, self.message)
    }
}

/// Everything that can go wrong with a vault. The texts are shown to users
/// and never contain the passphrase.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The passphrase does not open this vault.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The file is not a Kuzet vault, or a damaged one (truncated, random
    /// bytes, a plain SQLite file, an empty file): the two cannot be told
    /// apart without the pages that are missing.
    #[error("{} is not a Kuzet vault, or it is damaged (cut short or overwritten)", path.display())]
    NotAVault {
        /// The file asked for.
        path: PathBuf,
    },
    /// Another window or process has the vault open.
    #[error("{} is already open in another window or program", path.display())]
    InUse {
        /// The vault.
        path: PathBuf,
    },
    /// [`Vault::create`](super::Vault::create) or a backup would overwrite a file.
    #[error("{} already exists; choose another name", path.display())]
    AlreadyExists {
        /// The existing file.
        path: PathBuf,
    },
    /// [`Vault::open`](super::Vault::open) of a path that does not exist.
    #[error("there is no vault at {}", path.display())]
    Missing {
        /// The path asked for.
        path: PathBuf,
    },
    /// The vault was written by a newer Kuzet; it was left untouched.
    #[error(
        "this vault was written by a newer Kuzet (schema {found}; this version knows up to {supported}); update Kuzet"
    )]
    TooNew {
        /// The schema version in the file.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },
    /// No such case or development.
    #[error("{what} not found")]
    NotFound {
        /// What was asked for, e.g. `case 3f2a…`.
        what: String,
    },
    /// The input is invalid; nothing was written.
    #[error("{0}")]
    Validation(ValidationErrors),
    /// The external reference is already used by another case or development.
    #[error("reference {0:?} is already used by another case or development")]
    DuplicateRef(String),
    /// An import was refused, with every bad row; nothing was written.
    #[error("import refused, nothing was written: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Import(Vec<ImportRowError>),
    /// A taxonomy edit was refused.
    #[error("{0}")]
    Taxonomy(TaxonomyError),
    /// A file operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A database operation failed.
    #[error("{context}: {source}")]
    Db {
        /// What was being done.
        context: String,
        /// The cause.
        source: rusqlite::Error,
    },
    /// Upgrading the vault's schema failed.
    #[error("upgrading the vault failed: {0}")]
    Migration(String),
    /// Stored evidence no longer matches what was recorded: an
    /// attachment's bytes differ from their SHA-256 or size, or some are
    /// missing. Loud by design; nothing was written.
    #[error("{what}")]
    Corrupt {
        /// What does not match, and how.
        what: String,
    },
    /// A file over the size Kuzet stores.
    #[error("{what} is larger than {} MiB, the most Kuzet stores", max_bytes >> 20)]
    TooLarge {
        /// Which file.
        what: String,
        /// The limit in bytes.
        max_bytes: u64,
    },
    /// A thumbnail or publication copy asked of something that is not an
    /// image Kuzet reads (JPEG, PNG, WebP; at most 64 MiB).
    #[error("{what} is not a JPEG, PNG or WebP image of at most 64 MiB")]
    NotAnImage {
        /// Which attachment.
        what: String,
    },
    /// An exchange bundle or a peer's identity was refused; nothing was
    /// written.
    #[error("{0}")]
    Bundle(crate::exchange::BundleError),
}

impl From<crate::exchange::BundleError> for VaultError {
    fn from(e: crate::exchange::BundleError) -> Self {
        VaultError::Bundle(e)
    }
}

/// The result of vault operations.
pub type Result<T> = std::result::Result<T, VaultError>;
