use super::models::{CharacterSlots, SlotsView};
use super::slots_of;
use crate::industry::descriptors::{CHARACTER_JOBS, CORPORATION_JOBS};
use crate::industry::models::IndustryJob;
use crate::skills::descriptors::SKILLS;
use crate::skills::models::SkillsBoard;
use crate::store::boards;
use crate::store::StoreError;
use crate::sync::owner_sync::is_npc_corporation;
use crate::{store, Cynosure};

/// A linked character with what their slots are made of, as stored.
pub struct Installed {
    pub character_id: i64,
    /// `None` until the skills are read.
    pub skills: Option<SkillsBoard>,
    /// The undelivered jobs they installed: personal, and corporate where readable.
    pub jobs: Vec<IndustryJob>,
    pub corporation_jobs_unseen: bool,
}

/// Every linked character's stored skills and the jobs they installed. No network.
pub async fn installed(core: &Cynosure) -> Result<Vec<Installed>, StoreError> {
    let skills = boards::by_owner(core.db(), SKILLS.slice).await?;
    let personal = boards::by_owner(core.db(), CHARACTER_JOBS.slice).await?;
    let corporate = boards::by_owner(core.db(), CORPORATION_JOBS.slice).await?;
    let corporation_jobs: Vec<(i64, std::sync::Arc<Vec<IndustryJob>>)> = corporate
        .keys()
        .filter_map(|owner| Some((*owner, corporate.parsed::<Vec<IndustryJob>>(*owner)?)))
        .collect();
    let mut out = Vec::new();
    for c in store::roster::list(core.db()).await? {
        let mut jobs = personal
            .body::<Vec<IndustryJob>>(c.character_id)
            .unwrap_or_default();
        jobs.extend(
            corporation_jobs
                .iter()
                .flat_map(|(_, jobs)| jobs.iter())
                .filter(|j| j.installer_id == c.character_id)
                .cloned(),
        );
        let corporation_read = corporation_jobs
            .iter()
            .any(|(id, _)| *id == c.corporation_id);
        out.push(Installed {
            character_id: c.character_id,
            skills: skills.body::<SkillsBoard>(c.character_id),
            jobs,
            corporation_jobs_unseen: !corporation_read && !is_npc_corporation(c.corporation_id),
        });
    }
    Ok(out)
}

/// Every linked character's industry slots, from the stored skills and jobs. No
/// network: the skills and jobs views refresh what this is made of.
#[tracing::instrument(skip_all, err)]
pub async fn slots_read(core: &Cynosure) -> Result<SlotsView, StoreError> {
    let characters = installed(core)
        .await?
        .into_iter()
        .map(|c| CharacterSlots {
            character_id: c.character_id,
            slots: c.skills.as_ref().map(|s| slots_of(s, &c.jobs)),
            corporation_jobs_unseen: c.corporation_jobs_unseen,
        })
        .collect();
    Ok(SlotsView { characters })
}
