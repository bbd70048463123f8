//! Market orders (the `markets` feature): each character's open orders with their expiry,
//! and how the orders that left the list ended.
//!
//! What ESI does, from CCP's spec and what other clients learned of the real server:
//! `/characters/{id}/orders/` lists open orders only; an order filled, cancelled or
//! expired simply leaves it (esi/esi-issues#612, peterhaneve/evemon#199). The ending is
//! on `/characters/{id}/orders/history/` (90 days, paged, cached an hour), whose `state`
//! is only `cancelled` or `expired`: an order that ran out of volume is `expired` with
//! nothing remaining. An order expires at `issued` + `duration` days (the spec's words).
//! The history is read only while an order's ending is unknown, through its own stale
//! gate: an order that just left may not be in the hour-old history yet, and it is asked
//! again once that hour has passed.

pub mod commands;
pub mod descriptors;
pub mod models;

use std::collections::{HashMap, HashSet};

use models::{EndedOrder, OrderEnd, OrdersBoard};

const HOUR_MS: i64 = 3_600_000;
/// How long an order that left the list stays on the board.
pub const KEEP_ENDED_MS: i64 = 7 * 24 * HOUR_MS;
/// After this long the history is no longer asked about an order: three of its cache
/// windows.
pub const GIVE_UP_MS: i64 = 3 * HOUR_MS;

/// The history's verdict on an order.
pub fn ending(state: &str, volume_remain: i64) -> Option<OrderEnd> {
    match state {
        "cancelled" => Some(OrderEnd::Cancelled),
        "expired" if volume_remain == 0 => Some(OrderEnd::Filled),
        "expired" => Some(OrderEnd::Expired),
        _ => None,
    }
}

/// The fresh open list with what the stored board knew: orders that left it since join
/// the ended ones (their ending not known yet), ended ones older than a week go, and an
/// ending the history did not give in [`GIVE_UP_MS`] is unknown.
pub fn carry(fresh: OrdersBoard, stored: Option<&OrdersBoard>, now: i64) -> OrdersBoard {
    let open: HashSet<i64> = fresh.open.iter().map(|o| o.order_id).collect();
    let mut ended: Vec<EndedOrder> = Vec::new();
    if let Some(stored) = stored {
        ended.extend(
            stored
                .ended
                .iter()
                .filter(|e| e.left_at + KEEP_ENDED_MS > now && !open.contains(&e.order.order_id))
                .cloned(),
        );
        ended.extend(
            stored
                .open
                .iter()
                .filter(|o| !open.contains(&o.order_id))
                .map(|o| EndedOrder {
                    order: o.clone(),
                    left_at: now,
                    end: None,
                }),
        );
    }
    for e in &mut ended {
        if e.end.is_none() && e.left_at + GIVE_UP_MS <= now {
            e.end = Some(OrderEnd::Unknown);
        }
    }
    ended.sort_by_key(|e| (std::cmp::Reverse(e.left_at), e.order.order_id));
    OrdersBoard {
        open: fresh.open,
        ended,
    }
}

/// Some order's ending is still to be asked.
pub fn unsettled(board: &OrdersBoard) -> bool {
    board.ended.iter().any(|e| e.end.is_none())
}

/// The board with the endings the history holds.
pub fn settle(mut board: OrdersBoard, history: &HashMap<i64, OrderEnd>) -> OrdersBoard {
    for e in board.ended.iter_mut().filter(|e| e.end.is_none()) {
        e.end = history.get(&e.order.order_id).copied();
    }
    board
}

#[cfg(test)]
mod tests {
    use super::models::MarketOrder;
    use super::*;

    fn order(order_id: i64) -> MarketOrder {
        MarketOrder {
            order_id,
            type_id: 34,
            is_buy: false,
            price: 5.5,
            volume_remain: 10,
            volume_total: 100,
            location_id: 60_003_760,
            region_id: 10_000_002,
            range: "region".into(),
            issued_at: 0,
            expires_at: 90 * 24 * HOUR_MS,
            escrow: None,
            is_corporation: false,
        }
    }

    fn board(open: &[i64]) -> OrdersBoard {
        OrdersBoard {
            open: open.iter().map(|id| order(*id)).collect(),
            ended: Vec::new(),
        }
    }

    #[test]
    fn an_order_that_leaves_the_list_waits_for_the_history_then_takes_its_verdict() {
        let stored = board(&[1, 2]);
        let now = 10 * HOUR_MS;
        let carried = carry(board(&[2]), Some(&stored), now);
        assert_eq!(carried.open.len(), 1);
        assert_eq!(carried.ended.len(), 1);
        assert_eq!(carried.ended[0].order.order_id, 1);
        assert_eq!(carried.ended[0].left_at, now);
        assert!(unsettled(&carried));

        let silent = settle(carried.clone(), &HashMap::new());
        assert!(unsettled(&silent), "not in the history yet: asked again");
        let told = settle(carried, &HashMap::from([(1, OrderEnd::Filled)]));
        assert!(!unsettled(&told));
        assert_eq!(told.ended[0].end, Some(OrderEnd::Filled));

        // Kept a week, and a verdict is never asked again.
        let later = carry(board(&[2]), Some(&told), now + KEEP_ENDED_MS - 1);
        assert_eq!(later.ended, told.ended);
        assert!(carry(board(&[2]), Some(&told), now + KEEP_ENDED_MS)
            .ended
            .is_empty());
    }

    #[test]
    fn an_ending_the_history_never_gives_is_unknown_after_three_hours() {
        let carried = carry(board(&[]), Some(&board(&[1])), 0);
        assert!(unsettled(&carry(
            board(&[]),
            Some(&carried),
            GIVE_UP_MS - 1
        )));
        let given_up = carry(board(&[]), Some(&carried), GIVE_UP_MS);
        assert!(!unsettled(&given_up));
        assert_eq!(given_up.ended[0].end, Some(OrderEnd::Unknown));
    }

    #[test]
    fn the_history_says_filled_only_for_an_expired_order_with_nothing_left() {
        assert_eq!(ending("expired", 0), Some(OrderEnd::Filled));
        assert_eq!(ending("expired", 3), Some(OrderEnd::Expired));
        assert_eq!(ending("cancelled", 0), Some(OrderEnd::Cancelled));
        assert_eq!(ending("open", 3), None);
    }

    #[test]
    fn the_first_read_has_nothing_ended() {
        assert!(carry(board(&[1]), None, 0).ended.is_empty());
    }
}
