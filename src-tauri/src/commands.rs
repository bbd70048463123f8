//! Tauri commands: each parses its arguments, calls one core function and maps the
//! error to the one IPC shape. Spans live on the core functions.

use cynosure_core::roster::{self, models::RosterEntry};
use cynosure_core::settings::{self, models::Settings, models::SettingsPatch};
use cynosure_core::IpcError;
use tauri::State;

use crate::CoreState;

#[tauri::command]
#[specta::specta]
pub async fn roster_list(state: State<'_, CoreState>) -> Result<Vec<RosterEntry>, IpcError> {
    Ok(roster::commands::roster_list(state.get()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn settings_get(state: State<'_, CoreState>) -> Result<Settings, IpcError> {
    Ok(settings::commands::settings_get(state.get()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn settings_update(
    state: State<'_, CoreState>,
    patch: SettingsPatch,
) -> Result<Settings, IpcError> {
    Ok(settings::commands::settings_update(state.get()?, patch).await?)
}
