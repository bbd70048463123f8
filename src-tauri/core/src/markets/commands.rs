use std::sync::Arc;

use super::descriptors::MARKET_ORDERS;
use super::models::{CharacterOrders, MarketOrder, OrderEnd, OrderRow, OrdersBoard, OrdersView};
use crate::clones::models::Named;
use crate::features::Feature;
use crate::store::boards;
use crate::store::StoreError;
use crate::sync::owner_sync::{refresh_stale, sync_info};
use crate::{names, store, Cynosure};

/// The stored market orders of every linked character, with names where known. No
/// network.
#[tracing::instrument(skip_all, err)]
pub async fn orders_read(core: &Cynosure) -> Result<OrdersView, StoreError> {
    read(core, false).await
}

/// On-view read: the stored boards at once, and (while the feature is on) a stale-gated
/// refresh behind the answer.
#[tracing::instrument(skip_all, err)]
pub async fn orders_on_view(core: &Arc<Cynosure>) -> Result<OrdersView, StoreError> {
    let on = feature_on(core);
    let view = read(core, on).await?;
    if on {
        let core = core.clone();
        tokio::spawn(async move { refresh_stale(&core, &MARKET_ORDERS).await });
    }
    Ok(view)
}

pub fn feature_on(core: &Cynosure) -> bool {
    core.settings_snapshot()
        .features
        .contains(&Feature::Markets)
}

/// Every linked character's stored orders board (`None`: never read).
pub async fn stored(core: &Cynosure) -> Result<Vec<(i64, Option<OrdersBoard>)>, StoreError> {
    let rows = boards::by_owner(core.db(), MARKET_ORDERS.slice).await?;
    Ok(store::roster::list(core.db())
        .await?
        .into_iter()
        .map(|c| (c.character_id, rows.body::<OrdersBoard>(c.character_id)))
        .collect())
}

async fn read(core: &Cynosure, refreshing: bool) -> Result<OrdersView, StoreError> {
    let rows = boards::by_owner(core.db(), MARKET_ORDERS.slice).await?;
    let roster = store::roster::list(core.db()).await?;
    let boards: Vec<Option<OrdersBoard>> = roster
        .iter()
        .map(|c| rows.body::<OrdersBoard>(c.character_id))
        .collect();
    let ids: Vec<i64> = boards.iter().flatten().flat_map(|b| b.name_ids()).collect();
    let known = names::lookup(core, ids).await?;
    let named = |id: i64| Named {
        id,
        name: known.get(&id).cloned(),
    };
    let row = |o: &MarketOrder, left_at: Option<i64>, end: Option<OrderEnd>| OrderRow {
        order_id: o.order_id,
        item: named(o.type_id),
        location: named(o.location_id),
        is_buy: o.is_buy,
        price: o.price,
        volume_remain: o.volume_remain,
        volume_total: o.volume_total,
        issued_at: o.issued_at,
        expires_at: o.expires_at,
        escrow: o.escrow,
        is_corporation: o.is_corporation,
        left_at,
        end,
    };
    let characters = roster
        .into_iter()
        .zip(boards)
        .map(|(c, board)| CharacterOrders {
            open: board
                .as_ref()
                .map(|b| b.open.iter().map(|o| row(o, None, None)).collect()),
            ended: board
                .as_ref()
                .map(|b| {
                    b.ended
                        .iter()
                        .map(|e| row(&e.order, Some(e.left_at), e.end))
                        .collect()
                })
                .unwrap_or_default(),
            sync: sync_info(core, rows.get(&c.character_id), refreshing),
            character_id: c.character_id,
            name: c.name,
        })
        .collect();
    Ok(OrdersView {
        on: feature_on(core),
        characters,
    })
}
