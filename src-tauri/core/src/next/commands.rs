use super::models::NextView;
use super::plan::{lines, Who};
use crate::store::boards;
use crate::store::StoreError;
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
    let mut deadlines = Vec::new();
    for d in catalog::boards_on(&core.settings_snapshot()) {
        for row in boards::list(core.db(), d.slice).await? {
            if let Some(body) = &row.body {
                deadlines.extend((d.deadlines)(row.owner_id, body));
            }
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
