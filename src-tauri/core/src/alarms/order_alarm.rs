//! Market order news: a warning an order expires soon (the player's hours ahead), and an
//! order filled (it left the open list and the history says nothing remained). Told on
//! the item alarm's terms: each once, a character's together, at most hourly.

use super::item_alarm::{Kind, Watched};
use super::models::NoticeKind;
use crate::markets::models::{MarketOrder, OrderEnd, OrdersBoard};

pub const EXPIRING: Kind = Kind {
    ledger: "order_expiring",
    notice: NoticeKind::OrdersExpiring,
    one: "{who}: a market order expires in {in}",
    many: "{who}: {n} market orders expire soon",
    says_when: true,
    while_away: None,
};

pub const FILLED: Kind = Kind {
    ledger: "order_filled",
    notice: NoticeKind::OrdersFilled,
    one: "{who}: market order filled",
    many: "{who}: {n} market orders filled",
    says_when: false,
    // ESI does not say when an order was filled (jEveAssets#463): never "while away".
    while_away: None,
};

fn watched(character_id: i64, kind: &Kind, o: &MarketOrder) -> Watched {
    Watched {
        character_id,
        kind: kind.ledger,
        item_id: o.order_id,
        from: 0,
        until: None,
        at: o.expires_at,
        label: format!("{{}} ({})", if o.is_buy { "buy" } else { "sell" }),
        names: vec![o.type_id],
    }
}

/// What a character's orders board gives to tell (`warning_ms` 0: no expiry warnings).
pub fn watch(character_id: i64, board: &OrdersBoard, warning_ms: i64) -> Vec<Watched> {
    let expiring = board
        .open
        .iter()
        .filter(|_| warning_ms > 0)
        .map(|o| Watched {
            from: o.expires_at - warning_ms,
            until: Some(o.expires_at),
            ..watched(character_id, &EXPIRING, o)
        });
    let filled = board
        .ended
        .iter()
        .filter(|e| e.end == Some(OrderEnd::Filled))
        .map(|e| Watched {
            at: e.left_at,
            ..watched(character_id, &FILLED, &e.order)
        });
    expiring.chain(filled).collect()
}
