use std::sync::Arc;

use super::models::FirstPaint;
use crate::{Cynosure, IpcError};

/// Everything the first view paints, read concurrently from the store (no request: the
/// on-view reads refresh stale boards behind the answer, as their own commands do).
#[tracing::instrument(skip_all, err)]
pub async fn first_paint(core: &Arc<Cynosure>) -> Result<FirstPaint, IpcError> {
    // Before the reads: a change made while they run counts as made after.
    let stored = crate::store::memo::stored_version(core.db()).await?;
    let (roster, accounts, skills, jobs, slots, online, next) = tokio::try_join!(
        async { Ok::<_, IpcError>(crate::roster::commands::roster_on_view(core).await?) },
        async { Ok(crate::roster::commands::accounts_list(core).await?) },
        async { Ok(crate::skills::commands::skills_on_view(core, false).await?) },
        async { Ok(crate::industry::commands::jobs_on_view(core).await?) },
        async { Ok(crate::slots::commands::slots_read(core).await?) },
        async { Ok(crate::online::commands::online_state(core).await?) },
        async { Ok(crate::next::commands::next_view(core).await?) },
    )?;
    Ok(FirstPaint {
        stored,
        roster,
        accounts,
        skills,
        jobs,
        slots,
        online,
        next,
        app_info: crate::settings::commands::app_info(core),
    })
}

/// Whether anything the views read was stored since the first paint's `stored`: the
/// refreshes behind that answer ran before the window listened for their news.
#[tracing::instrument(skip(core), err)]
pub async fn changed_since(core: &Cynosure, stored: i64) -> Result<bool, IpcError> {
    Ok(crate::store::memo::stored_version(core.db()).await? != stored)
}
