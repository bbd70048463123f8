//! UI preferences that are not the core's business (the last view, the Industry
//! filters, sort and columns, the zoom level, folded sections), kept by
//! tauri-plugin-store in `ui-prefs.json` in the player's data folder (also while the demo
//! runs). The window reads and writes them only through the two commands below, so the
//! web view cannot point the store at any other file.

use std::collections::BTreeMap;
use std::sync::Arc;

use cynosure_core::IpcError;
use serde_json::Value;
use tauri::{AppHandle, Manager as _, Wry};
use tauri_plugin_store::{Store, StoreBuilder};

const FILE: &str = "ui-prefs.json";
/// A preference is a small value; anything larger is refused.
const MAX_VALUE_BYTES: usize = 16 * 1024;
const MAX_KEYS: usize = 64;

/// The store, once the app is set up.
pub struct Prefs(Arc<Store<Wry>>);

/// Opens (or creates) the preferences file in the player's own data folder.
pub fn open(app: &AppHandle) -> Result<(), String> {
    let dir = cynosure_core::Paths::from_env()
        .map_err(|e| e.to_string())?
        .data_dir;
    let store = StoreBuilder::new(app, dir.join(FILE))
        .build()
        .map_err(|e| e.to_string())?;
    app.manage(Prefs(store));
    Ok(())
}

fn store(app: &AppHandle) -> Result<Arc<Store<Wry>>, IpcError> {
    app.try_state::<Prefs>()
        .map(|p| p.0.clone())
        .ok_or_else(|| IpcError::new("prefs.unavailable", "Your view preferences cannot be kept."))
}

/// Every stored preference.
pub fn get(app: &AppHandle) -> Result<BTreeMap<String, Value>, IpcError> {
    Ok(store(app)?.entries().into_iter().collect())
}

/// Keeps one preference (written to disk a moment later, and at exit).
pub fn set(app: &AppHandle, key: &str, value: Value) -> Result<(), IpcError> {
    let store = store(app)?;
    let size = serde_json::to_vec(&value).map_or(usize::MAX, |v| v.len());
    let plain_key = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    if !plain_key || size > MAX_VALUE_BYTES || (!store.has(key) && store.length() >= MAX_KEYS) {
        return Err(IpcError::new(
            "prefs.invalid",
            "That view preference could not be kept.",
        ));
    }
    store.set(key, value);
    Ok(())
}
