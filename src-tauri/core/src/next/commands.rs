use super::models::NextView;
use super::plan::{lines, Who};

use crate::store::StoreError;
use crate::store::{boards, memo};
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
    let kept: Vec<_> = catalog::boards_on(&core.settings_snapshot()).collect();
    let mut stored = Vec::with_capacity(kept.len());
    for d in &kept {
        stored.push(boards::by_owner(core.db(), d.slice).await?);
    }
    // The deadlines depend on the boards only (not on the time): worked out again only
    // when one of the boards kept changed.
    let deadlines = memo::derived(core.db(), "next", stored, |stored| {
        let board = |slice: Slice, owner: i64| {
            let at = kept.iter().position(|d| d.slice == slice)?;
            stored[at].get(&owner)?.body.as_deref()
        };
        let mut deadlines = Vec::new();
        for (d, boards) in kept.iter().zip(stored) {
            for owner in boards.owners() {
                let Some(body) = board(d.slice, owner) else {
                    continue;
                };
                // One board may read its owner's others (a clone jump, the skills).
                let other = |slice: Slice| board(slice, owner).map(str::to_owned);
                deadlines.extend((d.deadlines)(owner, body, &other));
            }
        }
        deadlines
    });
    Ok(NextView {
        lines: lines(
            &who,
            &deadlines,
            core.now_ms(),
            crate::esi::error::clock_time,
        ),
    })
}
