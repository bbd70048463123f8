//! Updates (tauri-plugin-updater), off unless a signed feed is named: at build time by
//! `CYNOSURE_UPDATE_FEED` and `CYNOSURE_UPDATE_PUBKEY` (the release workflow sets them),
//! or at run time by the same variables. A download is installed only when its minisign
//! signature checks out against that public key.

use cynosure_core::IpcError;
use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_plugin_updater::{Error, Updater, UpdaterExt as _};

/// A newer version the feed offers.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInfo {
    pub version: String,
    pub notes: Option<String>,
}

fn setting(name: &str, built_in: Option<&'static str>) -> Option<String> {
    std::env::var(name)
        .ok()
        .or(built_in.map(str::to_owned))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The feed and its key, or `None`: updates are off.
fn feed() -> Option<(tauri::Url, String)> {
    let url = setting("CYNOSURE_UPDATE_FEED", option_env!("CYNOSURE_UPDATE_FEED"))?;
    let key = setting(
        "CYNOSURE_UPDATE_PUBKEY",
        option_env!("CYNOSURE_UPDATE_PUBKEY"),
    )?;
    Some((url.parse().ok()?, key))
}

fn updater(app: &AppHandle) -> Result<Option<Updater>, IpcError> {
    let Some((url, key)) = feed() else {
        return Ok(None);
    };
    app.updater_builder()
        .pubkey(key)
        .endpoints(vec![url])
        .and_then(|b| b.build())
        .map(Some)
        .map_err(|e| failed("update.check", &e))
}

/// What the feed offers, if it is newer than this build (`None` when updates are off).
pub async fn check(app: &AppHandle) -> Result<Option<UpdateInfo>, IpcError> {
    let Some(updater) = updater(app)? else {
        return Ok(None);
    };
    let update = updater
        .check()
        .await
        .map_err(|e| failed("update.check", &e))?;
    Ok(update.map(|u| UpdateInfo {
        version: u.version,
        notes: u.body,
    }))
}

/// Downloads the offered update, checks its signature, installs it and restarts.
pub async fn install(app: &AppHandle) -> Result<(), IpcError> {
    let none = || IpcError::new("update.none", "No update is available any more.");
    let updater = updater(app)?.ok_or_else(none)?;
    let update = updater
        .check()
        .await
        .map_err(|e| failed("update.check", &e))?
        .ok_or_else(none)?;
    tracing::info!(version = %update.version, "installing an update");
    update
        .download_and_install(|_, _| {}, || {})
        .await
        .map_err(|e| match e {
            Error::Minisign(_) | Error::Base64(_) | Error::SignatureUtf8(_) => {
                tracing::warn!(error = %e, "an update failed its signature check");
                IpcError::new(
                    "update.signature",
                    "The update could not be verified: its signature does not match Cynosure's. Nothing was installed.",
                )
            }
            e => failed("update.install", &e),
        })?;
    app.restart()
}

fn failed(code: &str, e: &Error) -> IpcError {
    tracing::warn!(error = %e, code, "update");
    let what = if code == "update.check" {
        "Cynosure could not check for updates"
    } else {
        "The update could not be installed"
    };
    IpcError::new(code, format!("{what}: {e}."))
}
