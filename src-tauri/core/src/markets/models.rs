use serde::{Deserialize, Serialize};

use crate::clones::models::Named;
use crate::sync::SyncInfo;

/// A market order as stored. Times are Unix epoch ms; prices in ISK.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MarketOrder {
    pub order_id: i64,
    pub type_id: i64,
    /// A buy order (ESI leaves `is_buy_order` out of sell orders).
    pub is_buy: bool,
    pub price: f64,
    pub volume_remain: i64,
    pub volume_total: i64,
    pub location_id: i64,
    pub region_id: i64,
    /// `station`, `solarsystem`, `region` or a number of jumps.
    pub range: String,
    pub issued_at: i64,
    /// `issued` + `duration` days.
    pub expires_at: i64,
    /// ISK held for a buy order.
    pub escrow: Option<f64>,
    /// Placed on behalf of the character's corporation.
    pub is_corporation: bool,
}

/// How an order that left the open list ended, as ESI's order history tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OrderEnd {
    /// Everything bought or sold (ESI says `expired` with nothing remaining).
    Filled,
    Expired,
    Cancelled,
    /// The history never listed it (it may have been placed and ended between reads, or
    /// be older than its 90 days).
    Unknown,
}

/// An order seen on the open list that has left it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EndedOrder {
    pub order: MarketOrder,
    /// When it was first missing from the open list.
    pub left_at: i64,
    /// `None` while the history has not told yet.
    pub end: Option<OrderEnd>,
}

/// A character's market orders as stored: the open list as ESI gives it, and the orders
/// that left it in the last week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OrdersBoard {
    pub open: Vec<MarketOrder>,
    pub ended: Vec<EndedOrder>,
}

impl OrdersBoard {
    /// Every order on the board: the open ones, then those that left.
    pub fn orders(&self) -> impl Iterator<Item = &MarketOrder> {
        self.open.iter().chain(self.ended.iter().map(|e| &e.order))
    }

    /// The ids worth naming: each order's item, and its place when a station (an Upwell
    /// structure is named only to those with docking access).
    pub fn name_ids(&self) -> Vec<i64> {
        self.orders()
            .flat_map(|o| {
                [
                    Some(o.type_id),
                    Some(o.location_id).filter(|id| crate::names::is_station(*id)),
                ]
            })
            .flatten()
            .collect()
    }
}

/// One order as the Markets view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OrderRow {
    pub order_id: i64,
    pub item: Named,
    /// A station (named) or an Upwell structure.
    pub location: Named,
    pub is_buy: bool,
    pub price: f64,
    pub volume_remain: i64,
    pub volume_total: i64,
    pub issued_at: i64,
    pub expires_at: i64,
    pub escrow: Option<f64>,
    pub is_corporation: bool,
    /// For an order that left the open list: when, and how it ended (`None`: not known
    /// yet).
    pub left_at: Option<i64>,
    pub end: Option<OrderEnd>,
}

/// One character on the Markets view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CharacterOrders {
    pub character_id: i64,
    pub name: String,
    /// `None` until the first read.
    pub open: Option<Vec<OrderRow>>,
    /// Orders that left the open list in the last week, latest first.
    pub ended: Vec<OrderRow>,
    pub sync: SyncInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OrdersView {
    /// The feature is on (Settings → Features).
    pub on: bool,
    pub characters: Vec<CharacterOrders>,
}
