//! Cases and developments: list, read, create, edit, delete.

use crate::ipc::{
    CaseDto, CaseFilterDto, CaseInputDto, CasePageDto, DevelopmentDto, DevelopmentInputDto, IpcError, IpcResult,
};
use crate::state::AppState;
use kuzet_core::case::{CaseData, CaseId, DevelopmentData, DevelopmentId};
use kuzet_core::vault::{CaseFilter, Page};
use std::str::FromStr;
use tauri::State;

pub(crate) fn case_id(id: &str) -> IpcResult<CaseId> {
    CaseId::from_str(id).map_err(|_| IpcError::invalid("id", "is not a case id"))
}

fn development_id(id: &str) -> IpcResult<DevelopmentId> {
    DevelopmentId::from_str(id).map_err(|_| IpcError::invalid("id", "is not a development id"))
}

/// One page of the cases matching `filter` (at most 1000 rows).
#[tauri::command]
pub async fn cases_find(
    state: State<'_, AppState>,
    filter: CaseFilterDto,
    offset: u32,
    limit: u32,
) -> IpcResult<CasePageDto> {
    let filter = CaseFilter::try_from(filter)?;
    let page = Page { offset, limit: limit.min(Page::MAX_LIMIT) };
    state.with_vault(|v| {
        let found = v.find(&filter, page)?;
        Ok(CasePageDto { rows: found.cases.iter().map(Into::into).collect(), total: found.total })
    })
}

/// A case with its developments.
#[tauri::command]
pub async fn case_get(state: State<'_, AppState>, id: String) -> IpcResult<CaseDto> {
    let id = case_id(&id)?;
    state.with_vault(|v| {
        let case = v.case(id)?;
        let developments = v.developments(id)?;
        Ok(CaseDto::new(&case, &developments))
    })
}

/// Stores a new case.
#[tauri::command]
pub async fn case_create(state: State<'_, AppState>, data: CaseInputDto) -> IpcResult<CaseDto> {
    let data = CaseData::try_from(data)?;
    state.with_vault(|v| {
        let case = v.insert_case(data, chrono::Utc::now())?;
        Ok(CaseDto::new(&case, &[]))
    })
}

/// Replaces a case's content.
#[tauri::command]
pub async fn case_update(state: State<'_, AppState>, id: String, data: CaseInputDto) -> IpcResult<CaseDto> {
    let id = case_id(&id)?;
    let data = CaseData::try_from(data)?;
    state.with_vault(|v| {
        let case = v.update_case(id, data, chrono::Utc::now())?;
        let developments = v.developments(id)?;
        Ok(CaseDto::new(&case, &developments))
    })
}

/// Moves a case and its developments to the trash.
#[tauri::command]
pub async fn case_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    let id = case_id(&id)?;
    state.with_vault(|v| Ok(v.delete_case(id)?))
}

/// Adds a development to a case.
#[tauri::command]
pub async fn development_create(
    state: State<'_, AppState>,
    case_id: String,
    data: DevelopmentInputDto,
) -> IpcResult<DevelopmentDto> {
    let case = self::case_id(&case_id)?;
    let data = DevelopmentData::try_from(data)?;
    state.with_vault(|v| Ok((&v.insert_development(case, data, chrono::Utc::now())?).into()))
}

/// Replaces a development's content.
#[tauri::command]
pub async fn development_update(
    state: State<'_, AppState>,
    id: String,
    data: DevelopmentInputDto,
) -> IpcResult<DevelopmentDto> {
    let id = development_id(&id)?;
    let data = DevelopmentData::try_from(data)?;
    state.with_vault(|v| Ok((&v.update_development(id, data, chrono::Utc::now())?).into()))
}

/// Deletes a development.
#[tauri::command]
pub async fn development_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    let id = development_id(&id)?;
    state.with_vault(|v| Ok(v.delete_development(id)?))
}
