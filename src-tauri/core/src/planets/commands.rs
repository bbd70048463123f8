use std::sync::Arc;

use super::descriptors::PLANETS;
use super::models::{CharacterPlanets, PlanetsBoard, PlanetsView};
use crate::features::Feature;
use crate::store::boards;
use crate::store::StoreError;
use crate::sync::owner_sync::{refresh_stale, sync_info};
use crate::{names, store, Cynosure};

/// The stored planets boards of every linked character, with names where known. No
/// network.
#[tracing::instrument(skip_all, err)]
pub async fn planets_read(core: &Cynosure) -> Result<PlanetsView, StoreError> {
    read(core, false).await
}

/// On-view read: the stored boards at once, and (while the feature is on) a stale-gated
/// refresh behind the answer.
#[tracing::instrument(skip_all, err)]
pub async fn planets_on_view(core: &Arc<Cynosure>) -> Result<PlanetsView, StoreError> {
    let on = feature_on(core);
    let view = read(core, on).await?;
    if on {
        let core = core.clone();
        tokio::spawn(async move { refresh_stale(&core, &PLANETS).await });
    }
    Ok(view)
}

pub fn feature_on(core: &Cynosure) -> bool {
    core.settings_snapshot()
        .features
        .contains(&Feature::Planets)
}

async fn read(core: &Cynosure, refreshing: bool) -> Result<PlanetsView, StoreError> {
    let rows = boards::by_owner(core.db(), PLANETS.slice).await?;
    let mut characters = Vec::new();
    for c in store::roster::list(core.db()).await? {
        let row = rows.get(&c.character_id);
        characters.push(CharacterPlanets {
            character_id: c.character_id,
            name: c.name,
            colonies: rows
                .parsed::<PlanetsBoard>(c.character_id)
                .map(|b| b.colonies.clone()),
            sync: sync_info(core, row, refreshing),
        });
    }
    let mut ids = Vec::new();
    for col in characters.iter().flat_map(|c| c.colonies.iter().flatten()) {
        ids.push(col.planet_id);
        if let Some(l) = &col.layout {
            ids.extend(l.extractors.iter().filter_map(|e| e.product_type_id));
            ids.extend(l.stored.iter().map(|a| a.type_id));
        }
    }
    let known = names::lookup(core, ids).await?;
    for col in characters
        .iter_mut()
        .flat_map(|c| c.colonies.iter_mut().flatten())
    {
        col.planet_name = known.get(&col.planet_id).cloned();
        for l in col.layout.iter_mut() {
            for e in &mut l.extractors {
                e.product_name = e.product_type_id.and_then(|t| known.get(&t).cloned());
            }
            for a in &mut l.stored {
                a.name = known.get(&a.type_id).cloned();
            }
        }
    }
    Ok(PlanetsView {
        on: feature_on(core),
        characters,
    })
}
