use super::error::SettingsError;
use super::models::{Settings, SettingsPatch};
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
