//! Transport types of the app, the vault session and settings.

use super::case::LangDto;
use super::taxonomy::LabelsDto;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The demo vault the app was started with (`KUZET_DEMO_VAULT`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DemoVaultDto.ts")]
pub struct DemoVaultDto {
    /// The demo vault file.
    pub path: String,
    /// Its passphrase (a demo vault holds made-up cases only).
    pub passphrase: String,
}

/// What the unlock screen needs before any vault is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AppInfo.ts")]
pub struct AppInfo {
    /// The app version, e.g. `"0.1.0"`.
    pub version: String,
    /// Where a new vault goes by default (in the user's documents folder).
    pub default_vault_path: String,
    /// Vaults opened recently, newest first (paths only).
    pub recent_vaults: Vec<String>,
    /// The demo vault, when the app was started with one.
    pub demo: Option<DemoVaultDto>,
}

/// An open vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "VaultInfo.ts")]
pub struct VaultInfo {
    /// The vault file.
    pub path: String,
    /// The UI language saved in this vault.
    pub ui_lang: LangDto,
    /// Minutes of inactivity after which the vault locks itself.
    pub auto_lock_minutes: u32,
}

/// Whether a vault is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "VaultStatus.ts")]
pub struct VaultStatus {
    /// A vault is open.
    pub unlocked: bool,
    /// Its file, when open.
    pub path: Option<String>,
    /// Minutes of inactivity before auto-lock.
    pub auto_lock_minutes: u32,
}

/// Why the vault was locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export_to = "LockReason.ts")]
pub enum LockReason {
    /// No activity for `autoLockMinutes`.
    Idle,
    /// The user pressed Lock.
    User,
}

/// Payload of the `"vault-locked"` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "VaultLockedEvent.ts")]
pub struct VaultLockedEvent {
    /// Why.
    pub reason: LockReason,
}

/// The organisation publishing the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "OrgDto.ts")]
pub struct OrgDto {
    /// Full name in kk/ru/en (the trilingual header).
    pub name: LabelsDto,
    /// Short name with its quotes, «Adil Soz».
    pub short_name: LabelsDto,
    /// Head of the monitoring service.
    pub monitoring_head: LabelsDto,
    /// The monitoring head's e-mail.
    pub head_email: String,
    /// E-mail for monitoring inquiries.
    pub contact_email: String,
    /// How private names are written in public documents.
    #[serde(default)]
    pub redaction: super::RedactionStyleDto,
}

/// Per-vault settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SettingsDto.ts")]
pub struct SettingsDto {
    /// The organisation.
    pub org: OrgDto,
    /// UI language.
    pub ui_lang: LangDto,
    /// Minutes of inactivity before auto-lock (1–240).
    pub auto_lock_minutes: u32,
    /// Names the pre-publication check lets pass (officials, journalists
    /// who consent…), in alphabetical order.
    #[serde(default)]
    pub public_figures: Vec<String>,
    /// Who is recorded in the history for changes made in this vault
    /// (`""`: unset).
    #[serde(default)]
    pub staff_name: String,
}

/// What the shell keeps in the vault document `ui-prefs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UiPrefs {
    /// UI language.
    pub ui_lang: LangDto,
    /// Minutes of inactivity before auto-lock.
    pub auto_lock_minutes: u32,
}

/// The vault document key of [`UiPrefs`].
pub const UI_PREFS_KEY: &str = "ui-prefs";

/// The auto-lock delay of a vault that never set one, in minutes.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 10;

impl Default for UiPrefs {
    fn default() -> Self {
        UiPrefs { ui_lang: LangDto::Ru, auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES }
    }
}
