use std::sync::Arc;

use super::descriptors::{CLONES, FATIGUE, IMPLANTS};
use super::models::{CharacterClones, ClonesBoard, ClonesView, FatigueBoard, JumpClone, Named};
use crate::features::Feature;
use crate::names::is_station;
use crate::skills::descriptors::SKILLS;
use crate::skills::models::SkillsBoard;
use crate::store::boards;
use crate::store::StoreError;
use crate::sync::owner_sync::{refresh_stale, sync_info};
use crate::{names, store, Cynosure};

/// The stored clone boards of every linked character, with names where known. No
/// network.
#[tracing::instrument(skip_all, err)]
pub async fn clones_read(core: &Cynosure) -> Result<ClonesView, StoreError> {
    read(core, false).await
}

/// On-view read: the stored boards at once, and (while the feature is on) a stale-gated
/// refresh of the three behind the answer.
#[tracing::instrument(skip_all, err)]
pub async fn clones_on_view(core: &Arc<Cynosure>) -> Result<ClonesView, StoreError> {
    let on = feature_on(core);
    let view = read(core, on).await?;
    if on {
        let core = core.clone();
        tokio::spawn(async move {
            let _ = tokio::join!(
                refresh_stale(&core, &CLONES),
                refresh_stale(&core, &IMPLANTS),
                refresh_stale(&core, &FATIGUE)
            );
        });
    }
    Ok(view)
}

pub fn feature_on(core: &Cynosure) -> bool {
    core.settings_snapshot().features.contains(&Feature::Clones)
}

async fn read(core: &Cynosure, refreshing: bool) -> Result<ClonesView, StoreError> {
    let clones = boards::by_owner(core.db(), CLONES.slice).await?;
    let implants = boards::by_owner(core.db(), IMPLANTS.slice).await?;
    let fatigue = boards::by_owner(core.db(), FATIGUE.slice).await?;
    let skills = boards::by_owner(core.db(), SKILLS.slice).await?;
    let roster = store::roster::list(core.db()).await?;

    let mut ids = Vec::new();
    let mut stored = Vec::new();
    for c in &roster {
        let board = clones.body::<ClonesBoard>(c.character_id);
        let active = implants.body::<Vec<i64>>(c.character_id);
        if let Some(b) = &board {
            ids.extend(b.home_location_id.filter(|id| is_station(*id)));
            for j in &b.jump_clones {
                ids.extend(Some(j.location_id).filter(|id| is_station(*id)));
                ids.extend(j.implants.iter().copied());
            }
        }
        ids.extend(active.iter().flatten().copied());
        stored.push((board, active));
    }
    let known = names::lookup(core, ids).await?;
    let named = |id: i64| Named {
        id,
        name: known.get(&id).cloned(),
    };

    let now = core.now_ms();
    let mut characters = Vec::new();
    for (c, (board, active)) in roster.into_iter().zip(stored) {
        let trained = skills.parsed::<SkillsBoard>(c.character_id);
        let tired = fatigue.parsed::<FatigueBoard>(c.character_id);
        characters.push(CharacterClones {
            character_id: c.character_id,
            home: board.as_ref().and_then(|b| b.home_location_id).map(named),
            jump_clones: board.as_ref().map(|b| {
                b.jump_clones
                    .iter()
                    .map(|j| JumpClone {
                        jump_clone_id: j.jump_clone_id,
                        location: named(j.location_id),
                        implants: j.implants.iter().map(|id| named(*id)).collect(),
                    })
                    .collect()
            }),
            implants: active.map(|ids| ids.into_iter().map(named).collect()),
            max_jump_clones: trained.as_deref().map(super::max_jump_clones),
            cooldown_hours: trained.as_deref().map(super::cooldown_hours),
            next_jump_at: match (&board, &trained) {
                (Some(b), Some(s)) => {
                    super::next_jump_at(b.last_clone_jump_at, s).filter(|at| *at > now)
                }
                _ => None,
            },
            fatigue_ends_at: tired.and_then(|f| f.expires_at).filter(|at| *at > now),
            sync: sync_info(core, clones.get(&c.character_id), refreshing),
            name: c.name,
        });
    }
    Ok(ClonesView {
        on: feature_on(core),
        characters,
    })
}
