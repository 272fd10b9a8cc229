//! The vault's taxonomy: read it, add, relabel or retire a category.

use crate::ipc::{IpcError, IpcResult, LabelsDto, TaxonomyDto};
use crate::state::AppState;
use kuzet_core::codes::{CategoryCode, GroupCode};
use kuzet_core::taxonomy::{Category, Taxonomy, TaxonomyError};
use kuzet_core::vault::VaultError;
use tauri::State;

fn category_code(code: &str) -> IpcResult<CategoryCode> {
    CategoryCode::new(code.trim()).map_err(|e| IpcError::invalid("code", e.to_string()))
}

/// Applies `edit` to a copy of the taxonomy and stores it.
fn edit(state: &AppState, edit: impl FnOnce(&mut Taxonomy) -> Result<(), TaxonomyError>) -> IpcResult<TaxonomyDto> {
    state.with_vault(|v| {
        let mut t = v.taxonomy().clone();
        edit(&mut t).map_err(VaultError::Taxonomy)?;
        v.save_taxonomy(t)?;
        Ok(v.taxonomy().into())
    })
}

/// The vault's taxonomy.
#[tauri::command]
pub async fn taxonomy_get(state: State<'_, AppState>) -> IpcResult<TaxonomyDto> {
    state.with_vault(|v| Ok(v.taxonomy().into()))
}

/// Adds a category `code` (`<group>.<name>`) to `group`.
#[tauri::command]
pub async fn taxonomy_add_category(
    state: State<'_, AppState>,
    group: String,
    code: String,
    label: LabelsDto,
) -> IpcResult<TaxonomyDto> {
    let group = GroupCode::new(group.trim()).map_err(|e| IpcError::invalid("group", e.to_string()))?;
    let code = category_code(&code)?;
    let category = Category { code, label: label.into(), legal_reference: None, note: None, retired: false };
    edit(&state, |t| t.add_category(&group, category))
}

/// Changes a category's labels.
#[tauri::command]
pub async fn taxonomy_relabel(state: State<'_, AppState>, code: String, label: LabelsDto) -> IpcResult<TaxonomyDto> {
    let code = category_code(&code)?;
    edit(&state, |t| t.relabel_category(&code, label.into()))
}

/// Retires a category (kept on old cases, not offered for new ones) or brings it back.
#[tauri::command]
pub async fn taxonomy_set_retired(state: State<'_, AppState>, code: String, retired: bool) -> IpcResult<TaxonomyDto> {
    let code = category_code(&code)?;
    edit(&state, |t| t.set_retired(&code, retired))
}
