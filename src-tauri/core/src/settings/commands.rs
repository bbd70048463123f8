use super::error::SettingsError;
use super::models::{AppInfo, Settings, SettingsPatch};
use crate::store;
use crate::Cynosure;

#[tracing::instrument(skip_all, err)]
pub async fn settings_get(core: &Cynosure) -> Result<Settings, SettingsError> {
    Ok(core.settings_snapshot())
}

/// Stores the changed settings in one transaction; they take effect at once.
#[tracing::instrument(skip(core), err)]
pub async fn settings_update(
    core: &Cynosure,
    patch: SettingsPatch,
) -> Result<Settings, SettingsError> {
    let (next, changed) = core.settings_snapshot().apply(&patch)?;
    store::settings::save(core.db(), &changed).await?;
    core.replace_settings(next.clone());
    core.emit(crate::events::CoreEvent::SettingsChanged);
    Ok(next)
}

/// This build's version and where its files are. No secret lives in these folders'
/// names, and the refresh tokens are not in them when a keychain is in use.
pub fn app_info(core: &Cynosure) -> AppInfo {
    AppInfo {
        version: crate::VERSION.to_owned(),
        data_dir: core.paths().data_dir.display().to_string(),
        log_dir: core.paths().log_dir.display().to_string(),
        demo: core.is_demo(),
        server_offset_ms: core.gate().server_clock().offset_ms(),
    }
}
