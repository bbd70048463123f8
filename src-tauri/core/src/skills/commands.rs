use std::sync::Arc;

use super::descriptors::{ATTRIBUTES, SKILLQUEUE, SKILLS};
use super::models::{Attributes, CharacterSkills, QueuedSkill, SkillsBoard, SkillsView};
use crate::store::boards;
use crate::store::StoreError;
use crate::sync::owner_sync::{refresh_stale, sync_info};
use crate::{names, store, Cynosure};

/// The stored skill boards of every linked character, with names where known. No
/// network.
#[tracing::instrument(skip_all, err)]
pub async fn skills_read(core: &Cynosure) -> Result<SkillsView, StoreError> {
    read(core, false).await
}

/// On-view read: the stored boards at once, and a stale-gated refresh behind the answer
/// (`board-updated` follows when something visible changes). The attributes are
/// refreshed only for a view that shows them (`attributes`): the Overview does not.
#[tracing::instrument(skip(core), err)]
pub async fn skills_on_view(
    core: &Arc<Cynosure>,
    attributes: bool,
) -> Result<SkillsView, StoreError> {
    let view = read(core, true).await?;
    let core = core.clone();
    tokio::spawn(async move {
        let (_, _, _) = tokio::join!(
            refresh_stale(&core, &SKILLS),
            refresh_stale(&core, &SKILLQUEUE),
            async {
                if attributes {
                    let _ = refresh_stale(&core, &ATTRIBUTES).await;
                }
            }
        );
    });
    Ok(view)
}

async fn read(core: &Cynosure, refreshing: bool) -> Result<SkillsView, StoreError> {
    let skills = boards::by_owner(core.db(), SKILLS.slice).await?;
    let queues = boards::by_owner(core.db(), SKILLQUEUE.slice).await?;
    let attributes = boards::by_owner(core.db(), ATTRIBUTES.slice).await?;
    let mut characters = Vec::new();
    for c in store::roster::list(core.db()).await? {
        let skills_row = skills.get(&c.character_id);
        let queue_row = queues.get(&c.character_id);
        characters.push(CharacterSkills {
            character_id: c.character_id,
            name: c.name,
            skills: skills.body::<SkillsBoard>(c.character_id),
            queue: queues.body::<Vec<QueuedSkill>>(c.character_id),
            attributes: attributes.body::<Attributes>(c.character_id),
            skills_sync: sync_info(core, skills_row, refreshing),
            queue_sync: sync_info(core, queue_row, refreshing),
        });
    }
    let ids = characters.iter().flat_map(|c| {
        let skills = c
            .skills
            .iter()
            .flat_map(|s| s.skills.iter().map(|s| s.skill_id));
        let queue = c.queue.iter().flat_map(|q| q.iter().map(|e| e.skill_id));
        skills.chain(queue).collect::<Vec<_>>()
    });
    let known = names::lookup(core, ids).await?;
    for c in &mut characters {
        for s in c.skills.iter_mut().flat_map(|s| s.skills.iter_mut()) {
            s.name = known.get(&s.skill_id).cloned();
            s.group = super::groups::of(s.skill_id).map(str::to_owned);
        }
        for e in c.queue.iter_mut().flatten() {
            e.name = known.get(&e.skill_id).cloned();
        }
    }
    Ok(SkillsView {
        characters,
        queue_warning_hours: core.settings_snapshot().skill_queue_warning_hours,
    })
}
