//! Opening, creating and locking the vault; passphrase and backups.

use crate::dialogs;
use crate::ipc::{
    ErrorCode, IpcError, IpcResult, LockReason, UiPrefs, VaultInfo, VaultLockedEvent, VaultStatus, UI_PREFS_KEY,
};
use crate::state::{AppState, Session};
use kuzet_core::vault::{Passphrase, Vault, VaultError};
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, Runtime, State};
use zeroize::Zeroizing;

/// The event the UI listens to: go back to the unlock screen.
pub const VAULT_LOCKED_EVENT: &str = "vault-locked";

fn vault_path(path: &str) -> IpcResult<PathBuf> {
    let p = path.trim();
    if p.is_empty() {
        return Err(IpcError::invalid("path", "choose where the vault is"));
    }
    Ok(PathBuf::from(p))
}

/// Opens or creates a vault off the async runtime's worker (key derivation
/// takes a noticeable fraction of a second), then installs the session.
async fn unlock_with(
    state: &AppState,
    path: String,
    passphrase: String,
    open: fn(&std::path::Path, &Passphrase) -> Result<Vault, VaultError>,
) -> IpcResult<VaultInfo> {
    let path = vault_path(&path)?;
    let passphrase = Zeroizing::new(passphrase);
    if passphrase.is_empty() {
        return Err(IpcError::invalid("passphrase", "must not be empty"));
    }
    let mut vault = tauri::async_runtime::spawn_blocking(move || open(&path, &Passphrase::new(passphrase.as_str())))
        .await
        .map_err(|e| IpcError::internal(format!("opening the vault stopped: {e}")))??;
    vault.set_source("app");
    let prefs: UiPrefs = vault.get_document(UI_PREFS_KEY)?.unwrap_or_default();
    let info = VaultInfo {
        path: vault.path().display().to_string(),
        ui_lang: prefs.ui_lang,
        auto_lock_minutes: prefs.auto_lock_minutes,
    };
    state.unlock(Session { vault, auto_lock_minutes: prefs.auto_lock_minutes });
    Ok(info)
}

/// Creates a new vault at `path` and opens it.
#[tauri::command]
pub async fn vault_create(state: State<'_, AppState>, path: String, passphrase: String) -> IpcResult<VaultInfo> {
    unlock_with(&state, path, passphrase, Vault::create).await
}

/// Opens the vault at `path`.
#[tauri::command]
pub async fn vault_open(state: State<'_, AppState>, path: String, passphrase: String) -> IpcResult<VaultInfo> {
    unlock_with(&state, path, passphrase, Vault::open).await
}

/// Locks the vault (drops the key) and tells every window.
#[tauri::command]
pub async fn vault_lock<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> IpcResult<()> {
    state.lock();
    let _ = app.emit(VAULT_LOCKED_EVENT, VaultLockedEvent { reason: LockReason::User });
    Ok(())
}

/// Whether a vault is open. Does not count as activity.
#[tauri::command]
pub async fn vault_status(state: State<'_, AppState>) -> IpcResult<VaultStatus> {
    let (path, auto_lock_minutes) = state.status();
    Ok(VaultStatus { unlocked: path.is_some(), path: path.map(|p| p.display().to_string()), auto_lock_minutes })
}

/// Re-encrypts the vault with `next` after the core checked `current`
/// (in NFC, like the passphrase that opened it).
#[tauri::command]
pub async fn passphrase_change(state: State<'_, AppState>, current: String, next: String) -> IpcResult<()> {
    let current = Passphrase::new(current);
    let next = Passphrase::new(next);
    if next.is_empty() {
        return Err(IpcError::invalid("next", "must not be empty"));
    }
    state.with_vault(|v| match v.change_passphrase(&current, &next) {
        Err(VaultError::WrongPassphrase) => {
            Err(IpcError::new(ErrorCode::WrongPassphrase, "the current passphrase is wrong"))
        }
        other => Ok(other?),
    })
}

/// Writes an encrypted copy of the vault where the user chooses (save
/// dialog), encrypted with `passphrase` or, when omitted, the vault's own.
/// Returns the path, or null when the user cancelled.
#[tauri::command]
pub async fn backup_create(state: State<'_, AppState>, passphrase: Option<String>) -> IpcResult<Option<String>> {
    state.with_session(|_| Ok(()))?;
    let name = kuzet_core::vault::backup_file_name(chrono::Utc::now());
    let Some(dest) = dialogs::save_path(&state.launch, &name, "kuzet").await? else {
        return Ok(None);
    };
    let own = passphrase.filter(|p| !p.is_empty()).map(Passphrase::new);
    state.with_vault(|v| {
        v.backup_to(&dest, own.as_ref())?;
        Ok(Some(dest.display().to_string()))
    })
}

/// The UI language in this vault's preferences (used by settings).
pub fn prefs(vault: &Vault) -> IpcResult<UiPrefs> {
    Ok(vault.get_document(UI_PREFS_KEY)?.unwrap_or_default())
}

/// Checks an auto-lock delay.
pub fn check_auto_lock(minutes: u32) -> IpcResult<u32> {
    if (1..=240).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(IpcError::invalid("autoLockMinutes", "must be between 1 and 240 minutes"))
    }
}
