//! The one error type every command returns, as it crosses IPC.
//!
//! The UI branches on [`ErrorCode`], never on `message` (which is English
//! text for people and never contains a passphrase or case text beyond what
//! the core's own error says about a field).

use kuzet_core::case::ValidationErrors;
pub use kuzet_core::case::{Field, FieldError, Problem};
use kuzet_core::vault::VaultError;
use serde::Serialize;
use ts_rs::TS;

/// The closed set of error codes the UI handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "ErrorCode.ts")]
pub enum ErrorCode {
    /// No vault is open (never opened, locked by the user or after idling).
    Locked,
    /// The passphrase does not open the vault.
    WrongPassphrase,
    /// The file is not a Kuzet vault.
    NotAVault,
    /// The vault is open in another window or program.
    InUse,
    /// Creating would overwrite an existing file.
    AlreadyExists,
    /// There is no vault at the path.
    Missing,
    /// The input is invalid; `fields` says which fields and why.
    Validation,
    /// No such case, development or document.
    NotFound,
    /// No native file dialog is available (no xdg-desktop-portal, no zenity).
    NoDialog,
    /// The vault was written by a newer Kuzet.
    TooNew,
    /// An export or PDF was not written there: the chosen file is the vault
    /// itself, its lock file, a link, a device or a folder.
    OutputRefused,
    /// A public document was not written: the pre-publication check lists
    /// personal names the user has not confirmed or marked private
    /// (`message` names them; ask `overview_name_check` again).
    NamesUnchecked,
    /// Stored evidence does not match its record: an attachment's bytes
    /// differ from the SHA-256 taken when it was added. Nothing was written.
    Corrupt,
    /// The file is not a Kuzet exchange bundle. Nothing was written.
    NotABundle,
    /// The bundle was changed after it was made (a damaged copy or
    /// tampering). Nothing was written.
    BundleTampered,
    /// The bundle file ends early (an interrupted copy). Nothing was written.
    BundleTruncated,
    /// The bundle is for another vault. Nothing was written.
    BundleWrongRecipient,
    /// The bundle's sender is not among this vault's peers; `message` names
    /// it and its fingerprint. Nothing was written.
    BundleUntrusted,
    /// Another exchange refusal (a peer's identity that cannot be used, an
    /// unknown peer, a bundle from a newer Kuzet); `message` says what.
    BundleRefused,
    /// An import file changed between its check and the import (saved
    /// again in the spreadsheet): check it again. Nothing was written.
    FileChanged,
    /// Anything else (I/O, database, a bug); `message` says what.
    Internal,
}

impl ErrorCode {
    /// Every code, in declaration order: the source of the generated
    /// `ERROR_CODES` of `ui/src/lib/bindings/commands.ts`.
    pub const ALL: [ErrorCode; 21] = [
        ErrorCode::Locked,
        ErrorCode::WrongPassphrase,
        ErrorCode::NotAVault,
        ErrorCode::InUse,
        ErrorCode::AlreadyExists,
        ErrorCode::Missing,
        ErrorCode::Validation,
        ErrorCode::NotFound,
        ErrorCode::NoDialog,
        ErrorCode::TooNew,
        ErrorCode::OutputRefused,
        ErrorCode::NamesUnchecked,
        ErrorCode::Corrupt,
        ErrorCode::NotABundle,
        ErrorCode::BundleTampered,
        ErrorCode::BundleTruncated,
        ErrorCode::BundleWrongRecipient,
        ErrorCode::BundleUntrusted,
        ErrorCode::BundleRefused,
        ErrorCode::FileChanged,
        ErrorCode::Internal,
    ];

    /// The code's position in [`ErrorCode::ALL`]; the match has no wildcard,
    /// so a new variant does not compile until it is placed in `ALL` too.
    pub const fn index(self) -> usize {
        match self {
            ErrorCode::Locked => 0,
            ErrorCode::WrongPassphrase => 1,
            ErrorCode::NotAVault => 2,
            ErrorCode::InUse => 3,
            ErrorCode::AlreadyExists => 4,
            ErrorCode::Missing => 5,
            ErrorCode::Validation => 6,
            ErrorCode::NotFound => 7,
            ErrorCode::NoDialog => 8,
            ErrorCode::TooNew => 9,
            ErrorCode::OutputRefused => 10,
            ErrorCode::NamesUnchecked => 11,
            ErrorCode::Corrupt => 12,
            ErrorCode::NotABundle => 13,
            ErrorCode::BundleTampered => 14,
            ErrorCode::BundleTruncated => 15,
            ErrorCode::BundleWrongRecipient => 16,
            ErrorCode::BundleUntrusted => 17,
            ErrorCode::BundleRefused => 18,
            ErrorCode::FileChanged => 19,
            ErrorCode::Internal => 20,
        }
    }
}

/// What every command returns on failure: `{ code, message, fields? }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "IpcError.ts")]
pub struct IpcError {
    /// What kind of failure; the UI branches on this.
    pub code: ErrorCode,
    /// A sentence for people (English).
    pub message: String,
    /// For [`ErrorCode::Validation`]: every bad field.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub fields: Option<Vec<FieldError>>,
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for IpcError {}

impl IpcError {
    /// An error with a code and a message, no field list.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError { code, message: message.into(), fields: None }
    }

    /// No vault is open.
    pub fn locked() -> Self {
        IpcError::new(ErrorCode::Locked, "the vault is locked; unlock it first")
    }

    /// An invalid input outside the case editor (`what` is the argument's
    /// name): a validation error with the form-level problem `what: message`.
    pub fn invalid(what: &str, message: impl Into<String>) -> Self {
        let message = format!("{what}: {}", message.into());
        let problem = Problem::Invalid { message: message.clone() };
        IpcError { code: ErrorCode::Validation, message, fields: Some(vec![FieldError::new(Field::Form, problem)]) }
    }

    /// Typed field problems as a validation error.
    pub fn fields(fields: Vec<FieldError>) -> Self {
        let message = fields.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        IpcError { code: ErrorCode::Validation, message, fields: Some(fields) }
    }

    /// An internal failure with context.
    pub fn internal(message: impl Into<String>) -> Self {
        IpcError::new(ErrorCode::Internal, message)
    }
}

impl From<ValidationErrors> for IpcError {
    fn from(e: ValidationErrors) -> Self {
        IpcError::fields(e.0)
    }
}

impl From<VaultError> for IpcError {
    fn from(e: VaultError) -> Self {
        let message = e.to_string();
        match e {
            VaultError::WrongPassphrase => IpcError::new(ErrorCode::WrongPassphrase, message),
            VaultError::NotAVault { .. } => IpcError::new(ErrorCode::NotAVault, message),
            VaultError::InUse { .. } => IpcError::new(ErrorCode::InUse, message),
            VaultError::AlreadyExists { .. } => IpcError::new(ErrorCode::AlreadyExists, message),
            VaultError::Missing { .. } => IpcError::new(ErrorCode::Missing, message),
            VaultError::TooNew { .. } => IpcError::new(ErrorCode::TooNew, message),
            VaultError::NotFound { .. } => IpcError::new(ErrorCode::NotFound, message),
            VaultError::Validation(v) => v.into(),
            VaultError::DuplicateRef(r) => IpcError {
                fields: Some(vec![FieldError::new(Field::Ref, Problem::Duplicate { value: r })]),
                ..IpcError::new(ErrorCode::Validation, message)
            },
            VaultError::Taxonomy(_) => IpcError::new(ErrorCode::Validation, message),
            VaultError::Corrupt { .. } => IpcError::new(ErrorCode::Corrupt, message),
            VaultError::Bundle(b) => {
                use kuzet_core::exchange::BundleError as B;
                let code = match b {
                    B::NotABundle => ErrorCode::NotABundle,
                    B::Tampered => ErrorCode::BundleTampered,
                    B::Truncated => ErrorCode::BundleTruncated,
                    B::WrongRecipient => ErrorCode::BundleWrongRecipient,
                    B::UntrustedSender { .. } | B::RemovedPeer { .. } => ErrorCode::BundleUntrusted,
                    _ => ErrorCode::BundleRefused,
                };
                IpcError::new(code, message)
            }
            VaultError::TooLarge { .. } | VaultError::NotAnImage { .. } => IpcError::invalid("file", message),
            VaultError::Import(rows) => IpcError {
                code: ErrorCode::Validation,
                message,
                fields: Some(
                    rows.into_iter()
                        .map(|r| {
                            let problem = Problem::ImportRow {
                                line: usize::try_from(r.line).unwrap_or(usize::MAX),
                                column: r.column,
                                message: r.message,
                            };
                            FieldError::new(Field::Form, problem)
                        })
                        .collect(),
                ),
            },
            _ => IpcError::new(ErrorCode::Internal, message),
        }
    }
}

impl From<kuzet_core::transfer::OutputRefused> for IpcError {
    fn from(e: kuzet_core::transfer::OutputRefused) -> Self {
        IpcError::new(ErrorCode::OutputRefused, e.to_string())
    }
}

/// What commands return.
pub type IpcResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_ref_is_a_typed_problem_of_the_ref() {
        let e = IpcError::from(VaultError::DuplicateRef("2024-05-001".into()));
        assert_eq!(e.code, ErrorCode::Validation);
        assert_eq!(
            e.fields,
            Some(vec![FieldError::new(Field::Ref, Problem::Duplicate { value: "2024-05-001".into() })])
        );
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["fields"][0]["field"], "externalRef");
        assert_eq!(json["fields"][0]["problem"]["kind"], "duplicate");
    }
}
