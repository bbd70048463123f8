use super::models::{Feature, FeatureSpec, FeatureState, Lacking};
use crate::settings::commands::settings_update;
use crate::settings::models::{Settings, SettingsPatch};
use crate::settings::SettingsError;
use crate::store::StoreError;
use crate::{catalog, store, Cynosure};

/// Every feature: whether it is on, its scopes, and the linked characters whose sign-in
/// lacks them. From the store only.
#[tracing::instrument(skip_all, err)]
pub async fn features_list(core: &Cynosure) -> Result<Vec<FeatureState>, StoreError> {
    let settings = core.settings_snapshot();
    let mut states = Vec::new();
    for spec in catalog::FEATURES {
        states.push(state(core, spec, &settings).await?);
    }
    Ok(states)
}

/// Turns a feature on or off; the answer lists who needs re-authorising for it. Data
/// already stored is kept either way.
#[tracing::instrument(skip(core), err)]
pub async fn feature_set(
    core: &Cynosure,
    feature: Feature,
    on: bool,
) -> Result<FeatureState, SettingsError> {
    let mut features = core.settings_snapshot().features;
    features.retain(|f| *f != feature);
    if on {
        features.push(feature);
    }
    let settings = settings_update(
        core,
        SettingsPatch {
            features: Some(features),
            ..SettingsPatch::default()
        },
    )
    .await?;
    Ok(state(core, catalog::feature(feature), &settings).await?)
}

async fn state(
    core: &Cynosure,
    spec: &FeatureSpec,
    settings: &Settings,
) -> Result<FeatureState, StoreError> {
    let scopes = catalog::scopes_of(spec.boards.iter().copied());
    let lacking = store::roster::list(core.db())
        .await?
        .into_iter()
        .filter(|c| scopes.iter().any(|s| !c.scopes.iter().any(|g| g == s)))
        .map(|c| Lacking {
            character_id: c.character_id,
            name: c.name,
            account_id: c.account_id,
        })
        .collect();
    Ok(FeatureState {
        feature: spec.feature,
        name: spec.name.to_owned(),
        about: spec.about.to_owned(),
        scopes: scopes.into_iter().map(str::to_owned).collect(),
        on: settings.features.contains(&spec.feature),
        lacking,
    })
}
