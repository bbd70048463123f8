use std::sync::Arc;

use super::descriptors::{CHARACTER_JOBS, CORPORATION_JOBS};
use super::models::{activity_name, IndustryJob, JobsOwner, JobsView};
use crate::store::boards;
use crate::store::StoreError;
use crate::sync::owner_sync::{refresh_stale, sync_info};
use crate::sync::OwnerKind;
use crate::{names, store, Cynosure};

/// The stored job boards: every linked character's personal jobs, then every
/// corporation's, with names where known. No network.
#[tracing::instrument(skip_all, err)]
pub async fn jobs_read(core: &Cynosure) -> Result<JobsView, StoreError> {
    read(core, false).await
}

/// On-view read: the stored boards at once, and a stale-gated refresh behind the answer.
#[tracing::instrument(skip_all, err)]
pub async fn jobs_on_view(core: &Arc<Cynosure>) -> Result<JobsView, StoreError> {
    let view = read(core, true).await?;
    let core = core.clone();
    tokio::spawn(async move { refresh_jobs(&core).await });
    Ok(view)
}

/// One stale-gated pass over both job boards (the on-view refresh and the background
/// refresh for notifications).
pub async fn refresh_jobs(core: &Cynosure) {
    let _ = tokio::join!(
        refresh_stale(core, &CHARACTER_JOBS),
        refresh_stale(core, &CORPORATION_JOBS)
    );
}

async fn read(core: &Cynosure, refreshing: bool) -> Result<JobsView, StoreError> {
    let personal = boards::by_owner(core.db(), CHARACTER_JOBS.slice).await?;
    let corporate = boards::by_owner(core.db(), CORPORATION_JOBS.slice).await?;
    let characters = store::roster::list(core.db()).await?;

    let mut owners = Vec::new();
    for c in &characters {
        let row = personal.get(&c.character_id);
        owners.push(JobsOwner {
            owner_kind: OwnerKind::Character,
            owner_id: c.character_id,
            name: Some(c.name.clone()),
            jobs: personal.body::<Vec<IndustryJob>>(c.character_id),
            sync: sync_info(core, row, refreshing),
        });
    }
    // The corporations the engine reads (not an NPC corporation), from the one list.
    let mut corporations = crate::sync::owner_sync::owners(core, &CORPORATION_JOBS).await?;
    corporations.sort_unstable();
    for corp in corporations {
        let row = corporate.get(&corp);
        owners.push(JobsOwner {
            owner_kind: OwnerKind::Corporation,
            owner_id: corp,
            name: None,
            jobs: corporate.body::<Vec<IndustryJob>>(corp),
            sync: sync_info(core, row, refreshing),
        });
    }

    let ids = owners.iter().flat_map(|o| {
        let own = (o.owner_kind == OwnerKind::Corporation).then_some(o.owner_id);
        let jobs = o.jobs.iter().flatten().flat_map(|j| {
            [
                Some(j.blueprint_type_id),
                j.product_type_id,
                Some(j.installer_id),
                Some(j.location_id),
            ]
        });
        own.into_iter().chain(jobs.flatten()).collect::<Vec<_>>()
    });
    let known = names::lookup(core, ids).await?;
    let name = |id: i64| known.get(&id).cloned();
    for o in &mut owners {
        if o.owner_kind == OwnerKind::Corporation {
            o.name = name(o.owner_id);
        }
        for j in o.jobs.iter_mut().flatten() {
            j.activity = Some(activity_name(j.activity_id).to_owned());
            j.blueprint_name = name(j.blueprint_type_id);
            j.product_name = j.product_type_id.and_then(name);
            j.installer_name = name(j.installer_id);
            j.location_name = name(j.location_id);
        }
    }
    Ok(JobsView { owners })
}
