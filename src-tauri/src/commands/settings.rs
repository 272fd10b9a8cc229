//! Per-vault settings: the organisation (for the overview), the UI
//! language and the auto-lock delay, all stored in the vault.

use crate::commands::vault::{check_auto_lock, prefs};
use crate::ipc::{IpcResult, SettingsDto, UiPrefs, UI_PREFS_KEY};
use crate::state::AppState;
use kuzet_core::overview::{OrgSettings, ORG_SETTINGS_KEY};
use kuzet_core::publication::{PublicFigures, PUBLIC_FIGURES_KEY};
use kuzet_core::vault::{document_json, staff_name_document};
use tauri::State;

/// The vault's settings (defaults where none were saved).
#[tauri::command]
pub async fn settings_get(state: State<'_, AppState>) -> IpcResult<SettingsDto> {
    state.with_vault(|v| {
        let org: OrgSettings = v.get_document(ORG_SETTINGS_KEY)?.unwrap_or_default();
        let prefs = prefs(v)?;
        let figures: PublicFigures = v.get_document(PUBLIC_FIGURES_KEY)?.unwrap_or_default();
        Ok(SettingsDto {
            org: (&org).into(),
            ui_lang: prefs.ui_lang,
            auto_lock_minutes: prefs.auto_lock_minutes,
            public_figures: figures.names,
            staff_name: v.staff_name()?,
        })
    })
}

/// Saves the settings (the organisation, the UI preferences, the public
/// figures and the staff name recorded in the history, in one transaction); a new auto-lock delay applies at once.
/// Public figures are trimmed, blank ones dropped, each name kept once.
#[tauri::command]
pub async fn settings_save(state: State<'_, AppState>, settings: SettingsDto) -> IpcResult<()> {
    let minutes = check_auto_lock(settings.auto_lock_minutes)?;
    let org = OrgSettings::from(settings.org);
    let prefs = UiPrefs { ui_lang: settings.ui_lang, auto_lock_minutes: minutes };
    let mut figures = PublicFigures::default();
    for n in &settings.public_figures {
        figures.add(n);
    }
    let docs = [
        (ORG_SETTINGS_KEY, document_json(ORG_SETTINGS_KEY, &org)?),
        (UI_PREFS_KEY, document_json(UI_PREFS_KEY, &prefs)?),
        (PUBLIC_FIGURES_KEY, document_json(PUBLIC_FIGURES_KEY, &figures)?),
        staff_name_document(&settings.staff_name)?,
    ];
    state.with_session(|s| {
        s.vault.put_documents(&docs)?;
        s.vault.set_actor(&settings.staff_name);
        s.auto_lock_minutes = minutes;
        Ok(())
    })
}
