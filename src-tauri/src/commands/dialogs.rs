//! File choosers for the UI (the path crosses IPC, never file contents).

use crate::dialogs;
use crate::ipc::IpcResult;
use crate::state::AppState;
use tauri::State;

/// Asks which vault to open; null when cancelled.
#[tauri::command]
pub async fn pick_open_path(state: State<'_, AppState>) -> IpcResult<Option<String>> {
    state.touch();
    Ok(dialogs::open_path(&state.launch).await?.map(|p| p.display().to_string()))
}

/// Asks where to save `defaultName` with `extension`; null when cancelled.
#[tauri::command]
pub async fn pick_save_path(
    state: State<'_, AppState>,
    default_name: String,
    extension: String,
) -> IpcResult<Option<String>> {
    state.touch();
    Ok(dialogs::save_path(&state.launch, &default_name, &extension).await?.map(|p| p.display().to_string()))
}
