//! The app itself: what the unlock screen shows, and user activity.

use crate::ipc::{AppInfo, DemoVaultDto, IpcResult};
use crate::state::AppState;
use kuzet_core::transfer::demo::DEMO_PASSPHRASE;
use tauri::{AppHandle, Manager, Runtime, State};

/// Version, default vault path, recent vaults and the demo vault.
#[tauri::command]
pub async fn app_info<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> IpcResult<AppInfo> {
    let dir = app.path().document_dir().or_else(|_| app.path().home_dir()).unwrap_or_else(|_| std::env::temp_dir());
    Ok(AppInfo {
        version: app.package_info().version.to_string(),
        default_vault_path: dir.join("kuzet.kuzet").display().to_string(),
        recent_vaults: state.recent_vaults(),
        demo: state
            .launch
            .demo_vault
            .as_ref()
            .map(|p| DemoVaultDto { path: p.display().to_string(), passphrase: DEMO_PASSPHRASE.to_string() }),
    })
}

/// The user did something: resets the idle timer of auto-lock.
#[tauri::command]
pub async fn activity(state: State<'_, AppState>) -> IpcResult<()> {
    state.touch();
    Ok(())
}
