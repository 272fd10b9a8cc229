//! How a command fails: the exit code and what is printed on stderr.

use kuzet_core::transfer::{describe, TransferError};
use kuzet_core::vault::{ImportRowError, VaultError};

/// A failed command. Messages never contain the passphrase.
#[derive(Debug)]
pub enum Failure {
    /// Bad arguments or missing input (exit 2).
    Usage(String),
    /// The vault cannot be opened (exit 3).
    Open(String),
    /// Invalid input; nothing was written (exit 4).
    Invalid(String),
    /// An import file with every problem (exit 4).
    Rows(Vec<ImportRowError>),
    /// The vault is in use elsewhere (exit 5).
    InUse(String),
    /// Evidence does not verify (exit 6).
    Corrupt(String),
    /// An exchange bundle or a peer's identity was refused; nothing was
    /// written (exit 7).
    Refused(String),
    /// Anything else (exit 1).
    Other(String),
}

impl Failure {
    /// The process exit code.
    pub fn code(&self) -> u8 {
        match self {
            Failure::Other(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Open(_) => 3,
            Failure::Invalid(_) | Failure::Rows(_) => 4,
            Failure::InUse(_) => 5,
            Failure::Corrupt(_) => 6,
            Failure::Refused(_) => 7,
        }
    }

    /// Prints the failure on stderr.
    pub fn report(&self) {
        match self {
            Failure::Rows(rows) => {
                eprintln!("kuzet: import refused, nothing was written ({} problem(s)):", rows.len());
                for r in rows {
                    eprintln!("  {}", describe(r));
                }
            }
            Failure::Usage(m)
            | Failure::Open(m)
            | Failure::Invalid(m)
            | Failure::InUse(m)
            | Failure::Corrupt(m)
            | Failure::Refused(m)
            | Failure::Other(m) => {
                eprintln!("kuzet: error: {m}")
            }
        }
    }
}

impl From<VaultError> for Failure {
    fn from(e: VaultError) -> Self {
        let m = e.to_string();
        match e {
            VaultError::WrongPassphrase | VaultError::NotAVault { .. } | VaultError::Missing { .. } => Failure::Open(m),
            VaultError::InUse { .. } => Failure::InUse(m),
            VaultError::AlreadyExists { .. }
            | VaultError::Validation(_)
            | VaultError::DuplicateRef(_)
            | VaultError::NotFound { .. }
            | VaultError::Taxonomy(_)
            | VaultError::TooLarge { .. }
            | VaultError::NotAnImage { .. } => Failure::Invalid(m),
            VaultError::Corrupt { .. } => Failure::Corrupt(m),
            VaultError::Bundle(_) => Failure::Refused(m),
            VaultError::Import(rows) => Failure::Rows(rows),
            VaultError::TooNew { .. } | VaultError::Io { .. } | VaultError::Db { .. } | VaultError::Migration(_) => {
                Failure::Other(m)
            }
        }
    }
}

impl From<TransferError> for Failure {
    fn from(e: TransferError) -> Self {
        match e {
            TransferError::Invalid(rows) => Failure::Rows(rows),
            TransferError::Vault(v) => v.into(),
            other => Failure::Other(other.to_string()),
        }
    }
}

impl From<kuzet_core::overview::OverviewError> for Failure {
    fn from(e: kuzet_core::overview::OverviewError) -> Self {
        Failure::Other(format!("the overview could not be made: {e}"))
    }
}

impl From<kuzet_core::exchange::BundleError> for Failure {
    fn from(e: kuzet_core::exchange::BundleError) -> Self {
        Failure::Refused(e.to_string())
    }
}
