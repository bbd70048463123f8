//! What the engine needs to know about the market orders and order history boards.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::models::{MarketOrder, OrderEnd, OrdersBoard};
use crate::esi::routes;
use crate::sync::owner_sync::Endings;
use crate::sync::{Deadline, DeadlineKind, Descriptor, Slice};

const SCOPE: &str = "esi-markets.read_character_orders.v1";

pub const MARKET_ORDERS: Descriptor =
    Descriptor::character(Slice::MarketOrders, routes::ORDERS, SCOPE, normalize_orders)
        .named(order_name_ids)
        .with_deadlines(expiry_deadlines)
        .with_endings(&ENDINGS);

/// Read only on the way to an ending (see [`Endings`]); never shown on its own.
pub const ORDER_HISTORY: Descriptor = Descriptor::character(
    Slice::OrderHistory,
    routes::ORDER_HISTORY,
    SCOPE,
    normalize_history,
)
.paged()
.unannounced();

const ENDINGS: Endings = Endings {
    history: &ORDER_HISTORY,
    carry,
    unsettled,
    settle,
};

#[derive(Deserialize)]
struct EsiOrder {
    order_id: i64,
    type_id: i64,
    #[serde(default)]
    is_buy_order: bool,
    price: f64,
    volume_remain: i64,
    volume_total: i64,
    location_id: i64,
    region_id: i64,
    range: String,
    issued: DateTime<Utc>,
    duration: i64,
    #[serde(default)]
    escrow: Option<f64>,
    is_corporation: bool,
}

impl EsiOrder {
    fn stored(self) -> Result<MarketOrder, String> {
        if !(0..=365).contains(&self.duration) {
            return Err(format!("an order lasting {} days", self.duration));
        }
        Ok(MarketOrder {
            order_id: self.order_id,
            type_id: self.type_id,
            is_buy: self.is_buy_order,
            price: self.price,
            volume_remain: self.volume_remain,
            volume_total: self.volume_total,
            location_id: self.location_id,
            region_id: self.region_id,
            range: self.range,
            issued_at: self.issued.timestamp_millis(),
            expires_at: (self.issued + Duration::days(self.duration)).timestamp_millis(),
            escrow: self.escrow,
            is_corporation: self.is_corporation,
        })
    }
}

fn normalize_orders(body: Value) -> Result<String, String> {
    let esi: Vec<EsiOrder> = serde_json::from_value(body).map_err(|e| e.to_string())?;
    let mut open = esi
        .into_iter()
        .map(EsiOrder::stored)
        .collect::<Result<Vec<_>, _>>()?;
    open.sort_by_key(|o| o.order_id);
    open.dedup_by_key(|o| o.order_id);
    serde_json::to_string(&OrdersBoard {
        open,
        ended: Vec::new(),
    })
    .map_err(|e| e.to_string())
}

#[derive(Deserialize)]
struct EsiEnded {
    order_id: i64,
    state: String,
    volume_remain: i64,
}

/// The history as stored: each order's ending, by id (pages may repeat an order when
/// the cache turns over mid-walk: CCP's paging guide).
fn normalize_history(body: Value) -> Result<String, String> {
    let esi: Vec<EsiEnded> = serde_json::from_value(body).map_err(|e| e.to_string())?;
    let mut ends = Vec::with_capacity(esi.len());
    for o in esi {
        let end = super::ending(&o.state, o.volume_remain)
            .ok_or_else(|| format!("an order history state {:?}", o.state))?;
        ends.push((o.order_id, end));
    }
    ends.sort_by_key(|(id, _)| *id);
    ends.dedup_by_key(|(id, _)| *id);
    serde_json::to_string(&ends).map_err(|e| e.to_string())
}

fn board(s: &str) -> Result<OrdersBoard, String> {
    serde_json::from_str(s).map_err(|e| e.to_string())
}

fn carry(fresh: &str, stored: Option<&str>, now: i64) -> Result<String, String> {
    let stored = stored.and_then(|s| board(s).ok());
    serde_json::to_string(&super::carry(board(fresh)?, stored.as_ref(), now))
        .map_err(|e| e.to_string())
}

fn unsettled(board_json: &str) -> bool {
    board(board_json).is_ok_and(|b| super::unsettled(&b))
}

fn settle(board_json: &str, history: &str) -> Result<String, String> {
    let ends: Vec<(i64, OrderEnd)> = serde_json::from_str(history).map_err(|e| e.to_string())?;
    let ends: HashMap<i64, OrderEnd> = ends.into_iter().collect();
    serde_json::to_string(&super::settle(board(board_json)?, &ends)).map_err(|e| e.to_string())
}

fn order_name_ids(board_json: &str) -> Vec<i64> {
    board(board_json).map(|b| b.name_ids()).unwrap_or_default()
}

/// Each open order's expiry.
fn expiry_deadlines(
    character_id: i64,
    board_json: &str,
    _: &dyn Fn(Slice) -> Option<String>,
) -> Vec<Deadline> {
    board(board_json)
        .map(|b| {
            b.open
                .iter()
                .map(|o| Deadline {
                    character_id,
                    kind: DeadlineKind::OrderExpires,
                    at: o.expires_at,
                })
                .collect()
        })
        .unwrap_or_default()
}
