//! Crash-safe case-editor drafts, kept in the vault (never in WebView storage).

use crate::ipc::{IpcError, IpcResult};
use crate::state::AppState;
use serde_json::Value;
use tauri::State;

/// The vault document key of the editor draft `key`.
fn draft_key(key: &str) -> IpcResult<String> {
    let ok = !key.is_empty()
        && key.len() <= 100
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    if ok {
        Ok(format!("editor-draft/{key}"))
    } else {
        Err(IpcError::invalid("key", "use up to 100 latin letters, digits, '-', '_', '.', ':'"))
    }
}

/// The draft saved under `key`, or null.
#[tauri::command]
pub async fn editor_draft_get(state: State<'_, AppState>, key: String) -> IpcResult<Option<Value>> {
    let key = draft_key(&key)?;
    state.with_vault(|v| Ok(v.get_document::<Value>(&key)?.filter(|d| !d.is_null())))
}

/// Saves a draft under `key` (any JSON).
#[tauri::command]
pub async fn editor_draft_save(state: State<'_, AppState>, key: String, json: Value) -> IpcResult<()> {
    let key = draft_key(&key)?;
    state.with_vault(|v| Ok(v.put_document(&key, &json)?))
}

/// Forgets the draft under `key`.
#[tauri::command]
pub async fn editor_draft_clear(state: State<'_, AppState>, key: String) -> IpcResult<()> {
    let key = draft_key(&key)?;
    state.with_vault(|v| Ok(v.put_document(&key, &Value::Null)?))
}
