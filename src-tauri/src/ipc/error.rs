//! The one error type every command returns, as it crosses IPC.
//!
//! The UI branches on [`ErrorCode`], never on `message` (which is English
//! text for people and never contains a passphrase or case text beyond what
//! the core's own error says about a field).

use kuzet_core::case::ValidationErrors;
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
    /// Anything else (I/O, database, a bug); `message` says what.
    Internal,
}

impl ErrorCode {
    /// Every code, in declaration order: the source of the generated
    /// `ERROR_CODES` of `ui/src/lib/bindings/commands.ts`.
    pub const ALL: [ErrorCode; 12] = [
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
            ErrorCode::Internal => 11,
        }
    }
}

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "FieldErrorDto.ts")]
pub struct FieldErrorDto {
    /// The field, named as in the transport type (camelCase: `title`,
    /// `eventDate`, `victimType`, `sources`, `amountClaimedKzt`, …).
    pub field: String,
    /// Why, in plain English.
    pub message: String,
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
    pub fields: Option<Vec<FieldErrorDto>>,
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

    /// One invalid field (`field` is the transport name).
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        IpcError {
            code: ErrorCode::Validation,
            message: format!("{field}: {message}"),
            fields: Some(vec![FieldErrorDto { field: field.to_string(), message }]),
        }
    }

    /// An internal failure with context.
    pub fn internal(message: impl Into<String>) -> Self {
        IpcError::new(ErrorCode::Internal, message)
    }
}

/// The transport name of a core field name (`event_date` → `eventDate`,
/// `source_url` → `sources`, `ref` stays `ref`).
pub fn transport_field(core: &str) -> String {
    match core {
        "source_url" | "source" => return "sources".to_string(),
        "victim_name" => return "victimName".to_string(),
        _ => {}
    }
    let mut out = String::with_capacity(core.len());
    let mut upper = false;
    for ch in core.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

impl From<ValidationErrors> for IpcError {
    fn from(e: ValidationErrors) -> Self {
        let fields: Vec<FieldErrorDto> =
            e.0.into_iter().map(|f| FieldErrorDto { field: transport_field(&f.field), message: f.message }).collect();
        let message = fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; ");
        IpcError { code: ErrorCode::Validation, message, fields: Some(fields) }
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
            VaultError::DuplicateRef(_) => IpcError::invalid("ref", message),
            VaultError::Taxonomy(_) => IpcError::new(ErrorCode::Validation, message),
            VaultError::Import(rows) => IpcError {
                code: ErrorCode::Validation,
                message,
                fields: Some(
                    rows.into_iter()
                        .map(|r| FieldErrorDto {
                            field: transport_field(&r.column),
                            message: format!("line {}: {}", r.line, r.message),
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
    fn core_field_names_become_transport_names() {
        for (core, want) in [
            ("event_date", "eventDate"),
            ("victim_type", "victimType"),
            ("source_url", "sources"),
            ("ref", "ref"),
            ("amount_claimed_kzt", "amountClaimedKzt"),
            ("title", "title"),
        ] {
            assert_eq!(transport_field(core), want, "{core}");
        }
    }
}
