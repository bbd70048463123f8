//! Updates (tauri-plugin-updater), off unless a signed feed is named at build time by
//! `CYNOSURE_UPDATE_FEED` and `CYNOSURE_UPDATE_PUBKEY` (the release workflow sets them).
//! The same variables at run time count only in debug builds and builds with the
//! `test-endpoints` feature: in a shipped app nothing that can write the environment can
//! swap the key that decides what gets installed. An empty value is unset. A download is
//! installed only when its minisign signature checks out against that public key.

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

/// Whether run-time switches meant for tests count in this build.
const RUN_TIME_SWITCHES: bool = cynosure_core::TEST_SWITCHES;

/// A setting from the build, or (where `run_time_allowed`) the environment first; blank
/// is unset.
fn setting(
    run_time: Option<String>,
    built_in: Option<&str>,
    run_time_allowed: bool,
) -> Option<String> {
    let given = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let run_time = run_time
        .filter(|_| run_time_allowed)
        .and_then(|v| given(&v));
    run_time.or_else(|| built_in.and_then(given))
}

/// The feed and its key, or `None`: updates are off.
fn feed() -> Option<(tauri::Url, String)> {
    let from = |name: &str, built_in| {
        let run_time = std::env::var(name).ok();
        if run_time.is_some() && !RUN_TIME_SWITCHES {
            tracing::warn!(
                variable = name,
                "ignored: this build takes its update settings from the build only"
            );
        }
        setting(run_time, built_in, RUN_TIME_SWITCHES)
    };
    let url = from("CYNOSURE_UPDATE_FEED", option_env!("CYNOSURE_UPDATE_FEED"))?;
    let key = from(
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
            Error::MissingSignedVersion | Error::SignedVersionMismatch { .. } => {
                tracing::warn!(error = %e, "an update's signature is not for the version offered");
                IpcError::new(
                    "update.signature",
                    "The update could not be verified: its signature is not for the version the feed offered (an older build offered as a newer one?). Nothing was installed.",
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

#[cfg(test)]
mod tests {
    use super::setting;

    #[test]
    fn a_shipped_build_takes_its_update_key_from_the_build_only() {
        let planted = Some("RWplanted".to_owned());
        assert_eq!(
            setting(planted.clone(), Some("RWbuilt"), false).as_deref(),
            Some("RWbuilt")
        );
        assert_eq!(
            setting(planted.clone(), None, false),
            None,
            "no key: updates off"
        );
        // Debug and test builds: the environment first.
        assert_eq!(
            setting(planted, Some("RWbuilt"), true).as_deref(),
            Some("RWplanted")
        );
        // Blank is unset, not "updates off" nor an empty key.
        assert_eq!(
            setting(Some("  ".into()), Some("RWbuilt"), true).as_deref(),
            Some("RWbuilt")
        );
        assert_eq!(setting(None, Some(""), true), None);
    }
}
