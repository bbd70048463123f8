use super::models::{CharacterSlots, SlotsView};
use super::slots_of;
use crate::industry::descriptors::{CHARACTER_JOBS, CORPORATION_JOBS};
use crate::industry::models::IndustryJob;
use crate::skills::descriptors::SKILLS;
use crate::skills::models::SkillsBoard;
use crate::store::boards::{self, BoardRow};
use crate::store::StoreError;
use crate::sync::owner_sync::is_npc_corporation;
use crate::{store, Cynosure};

/// Every linked character's industry slots, from the stored skills and jobs. No
/// network: the skills and jobs views refresh what this is made of.
#[tracing::instrument(skip_all, err)]
pub async fn slots_read(core: &Cynosure) -> Result<SlotsView, StoreError> {
    let skills = boards::by_owner(core.db(), SKILLS.slice).await?;
    let personal = boards::by_owner(core.db(), CHARACTER_JOBS.slice).await?;
    let corporate = boards::by_owner(core.db(), CORPORATION_JOBS.slice).await?;
    let jobs_of = |row: &BoardRow| {
        row.body
            .as_deref()
            .and_then(|b| serde_json::from_str::<Vec<IndustryJob>>(b).ok())
    };
    let corporation_jobs: Vec<(i64, Vec<IndustryJob>)> = corporate
        .values()
        .filter_map(|row| Some((row.owner_id, jobs_of(row)?)))
        .collect();
    let mut characters = Vec::new();
    for c in store::roster::list(core.db()).await? {
        let board = skills
            .get(&c.character_id)
            .and_then(|r| r.body.as_deref())
            .and_then(|b| serde_json::from_str::<SkillsBoard>(b).ok());
        let own = personal
            .get(&c.character_id)
            .and_then(jobs_of)
            .unwrap_or_default();
        let for_corporation = corporation_jobs
            .iter()
            .flat_map(|(_, jobs)| jobs.iter())
            .filter(|j| j.installer_id == c.character_id);
        let corporation_read = corporation_jobs
            .iter()
            .any(|(id, _)| *id == c.corporation_id);
        characters.push(CharacterSlots {
            character_id: c.character_id,
            slots: board.map(|b| slots_of(&b, own.iter().chain(for_corporation))),
            corporation_jobs_unseen: !corporation_read && !is_npc_corporation(c.corporation_id),
        });
    }
    Ok(SlotsView { characters })
}
