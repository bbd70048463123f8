//! Names of EVE ids (types, corporations, characters, NPC stations) from
//! `POST /universe/names`, in batches of at most 1000, stored forever. A name is a
//! nicety: failures are logged and the UI shows `Type #<id>` until a later run succeeds.

use serde::Deserialize;

use crate::esi::routes;
use crate::{store, Cynosure};

pub const BATCH: usize = 1000;

#[derive(Deserialize)]
struct Name {
    id: i64,
    name: String,
    category: String,
}

/// NPC station ids: structures (player-owned, ids above 10^12) have no public name.
pub fn is_station(id: i64) -> bool {
    (60_000_000..64_000_000).contains(&id)
}

/// The ids (each once) that have no stored name and that no other task is asking for
/// (boards saved side by side, ten characters' jobs, name the same ids: the first asks,
/// the others leave those ids to it). Released when the claim is dropped.
async fn unnamed<'a>(core: &'a Cynosure, ids: &[i64]) -> Option<InFlight<'a>> {
    let mut wanted: Vec<i64> = ids.iter().copied().filter(|id| *id > 0).collect();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() {
        return None;
    }
    let now = core.now_ms();
    match tokio::try_join!(
        store::names::known(core.db(), &wanted),
        store::names::waiting(core.db(), &wanted, now)
    ) {
        Ok((known, waiting)) => {
            wanted.retain(|id| !known.contains_key(id) && !waiting.contains(id))
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot read stored names");
            return None;
        }
    }
    if wanted.is_empty() {
        return None;
    }
    Some(InFlight::claim(core, wanted))
}

/// Resolves the ids that have no stored name yet.
pub async fn resolve(core: &Cynosure, ids: &[i64]) {
    let Some(claim) = unnamed(core, ids).await else {
        return;
    };
    for batch in claim.ids.chunks(BATCH) {
        resolve_batch(core, batch.to_vec()).await;
    }
}

/// Ids this task is resolving; released when it is done (or dropped).
struct InFlight<'a> {
    core: &'a Cynosure,
    ids: Vec<i64>,
}

impl<'a> InFlight<'a> {
    fn claim(core: &'a Cynosure, mut wanted: Vec<i64>) -> Self {
        let mut in_flight = core.names_in_flight();
        wanted.retain(|id| in_flight.insert(*id));
        Self { core, ids: wanted }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut in_flight = self.core.names_in_flight();
        for id in &self.ids {
            in_flight.remove(id);
        }
    }
}

/// Names are a nicety: with fewer errors than this left in ESI's error limit, none is
/// asked for (each unknown id costs a 404).
pub const ERROR_LIMIT_FLOOR: i64 = 50;

fn error_limit_low(core: &Cynosure) -> bool {
    let budget = core.gate().budget_snapshot();
    let now = core.now_ms();
    budget
        .error_limit_remain
        .is_some_and(|r| r < ERROR_LIMIT_FLOOR)
        || budget.error_limit_blocked_until.is_some_and(|t| t > now)
}

/// ESI answers 404 for a whole batch if one id is unknown: halve it until the bad ids
/// are alone (at most a few extra requests per bad id), and remember those so that the
/// next board change does not bisect again.
async fn resolve_batch(core: &Cynosure, batch: Vec<i64>) {
    let mut pending = vec![batch];
    while let Some(batch) = pending.pop() {
        if error_limit_low(core) {
            tracing::debug!(
                ids = batch.len(),
                "names left for later: ESI's error limit is low"
            );
            return;
        }
        let answer: Result<Vec<Name>, _> = core
            .gate()
            .post(routes::NAMES, routes::NAMES.path, &batch)
            .await;
        match answer {
            Ok(names) => {
                for n in names {
                    if let Err(e) =
                        store::names::upsert(core.db(), n.id, &n.name, &n.category).await
                    {
                        tracing::warn!(error = %e, "cannot store a name");
                    }
                }
            }
            Err(crate::esi::GateError::NotFound { .. }) if batch.len() > 1 => {
                let (a, b) = batch.split_at(batch.len() / 2);
                pending.push(a.to_vec());
                pending.push(b.to_vec());
            }
            Err(crate::esi::GateError::NotFound { .. }) => {
                if let Err(e) = store::names::mark_unnamed(core.db(), batch[0], core.now_ms()).await
                {
                    tracing::warn!(error = %e, "cannot note an id ESI could not name");
                }
            }
            Err(e) => tracing::debug!(error = %e, ids = batch.len(), "names not resolved"),
        }
    }
}

#[derive(Deserialize)]
struct Planet {
    name: String,
}

/// Names the planets that have no stored name yet, one `/universe/planets/{planet_id}`
/// each (planets are not among `/universe/names`' categories); kept for ever.
pub async fn resolve_planets(core: &Cynosure, ids: &[i64]) {
    let Some(claim) = unnamed(core, ids).await else {
        return;
    };
    for &id in &claim.ids {
        let route = routes::PLANET;
        match core
            .gate()
            .get::<Planet>(route, &route.path_for(&[id]), None, None, None)
            .await
        {
            Ok(crate::esi::Fetched::Fresh { body, .. }) => {
                if let Err(e) = store::names::upsert(core.db(), id, &body.name, "planet").await {
                    tracing::warn!(error = %e, "cannot store a name");
                }
            }
            Ok(_) => {}
            Err(e) => tracing::debug!(error = %e, id, "planet not named"),
        }
    }
}

/// The stored names of `ids`.
pub async fn lookup(
    core: &Cynosure,
    ids: impl IntoIterator<Item = i64>,
) -> Result<std::collections::HashMap<i64, String>, crate::store::StoreError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    store::names::known(core.db(), &ids).await
}
