//! Exchange between vaults (this vault's identity, its peers, bundles out
//! and in, held versions) and duplicate cases. Each command maps to one
//! core call of `kuzet_core::vault::Vault`.

use crate::commands::cases::case_id;
use crate::dialogs;
use crate::ipc::{
    BundleExportDto, BundleReportDto, CaseDto, DuplicateDto, HeldDto, IdentityDto, IpcError, IpcResult, LinkKindDto,
    PeerDto, PeerRoleDto, ResolutionDto,
};
use crate::state::AppState;
use kuzet_core::exchange::PublicIdentity;
use kuzet_core::transfer::{check_output_path, Replace};
use kuzet_core::vault::LinkKind;
use std::path::PathBuf;
use tauri::State;

/// The largest identity file read, in bytes (an identity is ~250).
const MAX_IDENTITY_FILE_BYTES: u64 = 64 << 10;

fn date(field: &str, s: Option<String>) -> IpcResult<Option<chrono::NaiveDate>> {
    s.filter(|s| !s.trim().is_empty())
        .map(|s| {
            chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| IpcError::invalid(field, "is not a date YYYY-MM-DD"))
        })
        .transpose()
}

/// This vault's public identity: its name, fingerprint and the text to
/// give to the other side.
#[tauri::command]
pub async fn exchange_identity(state: State<'_, AppState>) -> IpcResult<IdentityDto> {
    state.with_vault(|v| Ok((&v.identity()?).into()))
}

/// Renames this vault's identity (the fingerprint stays).
#[tauri::command]
pub async fn exchange_identity_rename(state: State<'_, AppState>, name: String) -> IpcResult<IdentityDto> {
    state.with_vault(|v| Ok((&v.set_identity_name(&name)?).into()))
}

/// Writes this vault's public identity (no secret: the public keys and the
/// name) to `path`, chosen in the save dialog.
#[tauri::command]
pub async fn exchange_identity_save(state: State<'_, AppState>, path: String) -> IpcResult<()> {
    let out = PathBuf::from(path);
    state.with_vault(|v| {
        check_output_path(v.path(), &out, Replace::Confirmed)?;
        let text = format!("{}\n", v.identity()?.encode());
        kuzet_core::transfer::write_file_atomically(&out, text.as_bytes())
            .map_err(|e| IpcError::internal(format!("writing {}: {e}", out.display())))?;
        Ok(())
    })
}

/// Asks which exchange files to open: bundles (several at once), or with
/// `identity` one identity file. Empty when cancelled.
#[tauri::command]
pub async fn pick_exchange_paths(state: State<'_, AppState>, identity: bool) -> IpcResult<Vec<String>> {
    state.touch();
    let picked = dialogs::exchange_paths(&state.launch, identity).await?;
    Ok(picked.iter().map(|p| p.display().to_string()).collect())
}

/// Reads a peer's identity from pasted text or, with `path`, from that
/// file, for staff to compare its fingerprint before adding it.
#[tauri::command]
pub async fn exchange_peer_read(text: String, path: Option<String>) -> IpcResult<IdentityDto> {
    let text = match path {
        Some(p) => {
            let p = PathBuf::from(p);
            let meta = std::fs::metadata(&p)
                .map_err(|e| IpcError::invalid("path", format!("cannot read {}: {e}", p.display())))?;
            if meta.len() > MAX_IDENTITY_FILE_BYTES {
                return Err(IpcError::invalid("path", "is too large to be a Kuzet identity"));
            }
            std::fs::read_to_string(&p).map_err(|_| IpcError::invalid("path", "is not a text file"))?
        }
        None => text,
    };
    let identity = PublicIdentity::parse(&text).map_err(|e| IpcError::invalid("identity", e.to_string()))?;
    Ok((&identity).into())
}

/// Adds a peer (after its fingerprint was confirmed), or updates its name
/// and role.
#[tauri::command]
pub async fn exchange_peer_add(state: State<'_, AppState>, text: String, role: PeerRoleDto) -> IpcResult<PeerDto> {
    state.with_vault(|v| Ok((&v.add_peer(&text, role.into(), chrono::Utc::now())?).into()))
}

/// The peers, by name.
#[tauri::command]
pub async fn exchange_peers(state: State<'_, AppState>) -> IpcResult<Vec<PeerDto>> {
    state.with_vault(|v| Ok(v.peers()?.iter().map(Into::into).collect()))
}

/// Removes a peer: its bundles are no longer accepted.
#[tauri::command]
pub async fn exchange_peer_remove(state: State<'_, AppState>, fingerprint: String) -> IpcResult<()> {
    state.with_vault(|v| Ok(v.remove_peer(&fingerprint).map(|_| ())?))
}

/// Writes a bundle for the peer to `path` (chosen in the save dialog):
/// what it has not seen yet, or everything with `full`.
#[tauri::command]
pub async fn exchange_bundle_export(
    state: State<'_, AppState>,
    fingerprint: String,
    path: String,
    full: bool,
) -> IpcResult<BundleExportDto> {
    let out = PathBuf::from(path);
    state.with_vault_long(move |v| {
        check_output_path(v.path(), &out, Replace::Confirmed)?;
        Ok((&v.export_bundle(&fingerprint, &out, full, chrono::Utc::now())?).into())
    })
}

/// Applies the bundle at `path` (all or nothing), or with `dryRun` says
/// what it would change and writes nothing.
#[tauri::command]
pub async fn exchange_bundle_import(
    state: State<'_, AppState>,
    path: String,
    dry_run: bool,
) -> IpcResult<BundleReportDto> {
    let file = PathBuf::from(path);
    state.with_vault_long(move |v| Ok((&v.import_bundle(&file, dry_run, chrono::Utc::now())?).into()))
}

/// The incoming versions held back (conflicts first).
#[tauri::command]
pub async fn exchange_held(state: State<'_, AppState>) -> IpcResult<Vec<HeldDto>> {
    state.with_vault(|v| Ok(v.held()?.iter().map(Into::into).collect()))
}

/// Settles a held version.
#[tauri::command]
pub async fn exchange_held_resolve(state: State<'_, AppState>, seq: u32, resolution: ResolutionDto) -> IpcResult<()> {
    state.with_vault(|v| Ok(v.resolve_held(u64::from(seq), resolution.into(), chrono::Utc::now())?))
}

/// Likely duplicate pairs among the cases dated `from`–`to` (`YYYY-MM-DD`,
/// both absent: all), best first; with `caseId`, the duplicates of that
/// case only.
#[tauri::command]
pub async fn duplicates_list(
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
    case_id: Option<String>,
) -> IpcResult<Vec<DuplicateDto>> {
    let (from, to) = (date("from", from)?, date("to", to)?);
    let one = case_id.map(|c| self::case_id(&c)).transpose()?;
    state.with_vault_long(move |v| {
        let found = match (one, from, to) {
            (Some(id), _, _) => v.duplicates_of(id)?,
            (None, Some(f), Some(t)) => v.duplicate_candidates(Some((f, t)))?,
            (None, None, None) => v.duplicate_candidates(None)?,
            _ => return Err(IpcError::invalid("to", "give both dates or neither")),
        };
        Ok(found.iter().map(Into::into).collect())
    })
}

/// Merges `duplicateId` into `keepId` (its sources and private names go
/// with it; the duplicate moves to the trash, counted once).
#[tauri::command]
pub async fn duplicate_merge(state: State<'_, AppState>, keep_id: String, duplicate_id: String) -> IpcResult<CaseDto> {
    let (keep, dup) = (case_id(&keep_id)?, case_id(&duplicate_id)?);
    state.with_vault(|v| {
        let case = v.merge_duplicate(keep, dup, chrono::Utc::now())?;
        Ok(CaseDto::new(&case, &v.developments(keep)?))
    })
}

/// Marks two cases related, or dismisses the pair; it is not proposed again.
#[tauri::command]
pub async fn duplicate_link(
    state: State<'_, AppState>,
    case_id: String,
    other_id: String,
    kind: LinkKindDto,
) -> IpcResult<()> {
    let (a, b) = (self::case_id(&case_id)?, self::case_id(&other_id)?);
    let kind = match kind {
        LinkKindDto::Related => LinkKind::Related,
        LinkKindDto::Dismissed => LinkKind::Dismissed,
    };
    state.with_vault(|v| Ok(v.link_cases(a, b, kind, chrono::Utc::now())?))
}
