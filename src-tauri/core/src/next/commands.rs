use super::models::NextView;
use super::plan::{lines, Who};
use std::collections::BTreeMap;

use crate::store::boards;
use crate::store::StoreError;
use crate::sync::Slice;
use crate::{catalog, store, Cynosure};

/// Every deadline of every character, by account, soonest login first. From the stored
/// boards only: no request.
#[tracing::instrument(skip_all, err)]
pub async fn next_view(core: &Cynosure) -> Result<NextView, StoreError> {
    let accounts = store::accounts::list(core.db()).await?;
    let who: Vec<Who> = store::roster::list(core.db())
        .await?
        .into_iter()
        .map(|c| Who {
            account: c.account_id.and_then(|id| {
                accounts
                    .iter()
                    .find(|a| a.account_id == id)
                    .map(|a| (id, a.name.clone()))
            }),
            character_id: c.character_id,
            name: c.name,
        })
        .collect();
    // Every stored board of the boards kept, so that one may read its owner's others.
    let mut stored: BTreeMap<(Slice, i64), String> = BTreeMap::new();
    let kept: Vec<_> = catalog::boards_on(&core.settings_snapshot()).collect();
    for d in &kept {
        for row in boards::list(core.db(), d.slice).await? {
            if let Some(body) = row.body {
                stored.insert((d.slice, row.owner_id), body);
            }
        }
    }
    let mut deadlines = Vec::new();
    for d in &kept {
        for ((_, owner), body) in stored.range((d.slice, i64::MIN)..=(d.slice, i64::MAX)) {
            let other = |slice: Slice| stored.get(&(slice, *owner)).cloned();
            deadlines.extend((d.deadlines)(*owner, body, &other));
        }
    }
    Ok(NextView {
        lines: lines(
            &who,
            &deadlines,
            core.now_ms(),
            crate::esi::error::clock_time,
        ),
    })
}
