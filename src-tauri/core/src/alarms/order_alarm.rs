//! When market orders warn and what they say. Pure: the stored orders, the ledger and
//! "now" in; what is due and the next moment out.
//!
//! Two kinds, each once per order: an order about to expire (within the player's
//! warning time), and an order filled (it left the open list and the history says nothing
//! remained). A character's orders of one kind are told together, and at most once an
//! hour: what becomes due within the hour after a notice waits for the next one.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::models::{span, Notice, NoticeKind};

const HOUR_MS: i64 = 3_600_000;
/// The least time between two notices of one kind for one character.
pub const SPACING_MS: i64 = HOUR_MS;

/// Ledger kinds.
pub const EXPIRING: &str = "expiring";
pub const FILLED: &str = "filled";

/// An order as the alarm sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlarmOrder {
    pub character_id: i64,
    pub order_id: i64,
    pub type_id: i64,
    pub is_buy: bool,
    pub expires_at: i64,
    /// Open (`false`: it left the list filled).
    pub open: bool,
}

/// The ledger: (order, kind) recorded.
pub type Marks = HashSet<(i64, String)>;
/// The last notice of each (character, kind).
pub type Last = HashMap<(i64, String), i64>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ring {
    pub character_id: i64,
    pub kind: &'static str,
    pub orders: Vec<AlarmOrder>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct OrdersPlan {
    pub due: Vec<Ring>,
    pub next_at: Option<i64>,
}

/// What is due at `now`. `warning_ms` 0: no expiry warnings.
pub fn plan(
    orders: &[AlarmOrder],
    marks: &Marks,
    last: &Last,
    warning_ms: i64,
    now: i64,
) -> OrdersPlan {
    let mut plan = OrdersPlan::default();
    let mut wake = |at: i64| plan.next_at = Some(plan.next_at.map_or(at, |n: i64| n.min(at)));
    let mut pending: BTreeMap<(i64, &'static str), Vec<AlarmOrder>> = BTreeMap::new();
    for o in orders {
        let kind = if o.open { EXPIRING } else { FILLED };
        if marks.contains(&(o.order_id, kind.to_owned())) {
            continue;
        }
        if o.open {
            if warning_ms == 0 || o.expires_at <= now {
                continue;
            }
            if o.expires_at - warning_ms > now {
                wake(o.expires_at - warning_ms);
                continue;
            }
        }
        pending
            .entry((o.character_id, kind))
            .or_default()
            .push(o.clone());
    }
    for ((character_id, kind), mut orders) in pending {
        let free_at = last
            .get(&(character_id, kind.to_owned()))
            .map_or(i64::MIN, |at| at + SPACING_MS);
        if free_at > now {
            wake(free_at);
            continue;
        }
        orders.sort_by_key(|o| (o.expires_at, o.order_id));
        plan.due.push(Ring {
            character_id,
            kind,
            orders,
        });
    }
    plan
}

/// The notice of a ring; `names` has the character and the items.
pub fn notice(
    ring: &Ring,
    names: &HashMap<i64, String>,
    now: i64,
    clock: impl Fn(i64) -> String,
) -> Notice {
    let who = names
        .get(&ring.character_id)
        .cloned()
        .unwrap_or_else(|| format!("Character {}", ring.character_id));
    let item = |o: &AlarmOrder| {
        let name = names
            .get(&o.type_id)
            .cloned()
            .unwrap_or_else(|| format!("Type {}", o.type_id));
        format!("{name} ({})", if o.is_buy { "buy" } else { "sell" })
    };
    let n = ring.orders.len();
    let mut listed: Vec<String> = ring.orders.iter().take(3).map(item).collect();
    if n > 3 {
        listed.push(format!("and {} more", n - 3));
    }
    let listed = listed.join(", ");
    if ring.kind == FILLED {
        let kind = NoticeKind::OrdersFilled;
        let title = match n {
            1 => format!("{who}: market order filled"),
            _ => format!("{who}: {n} market orders filled"),
        };
        return Notice {
            kind,
            title,
            body: listed,
            view: kind.view(),
        };
    }
    let kind = NoticeKind::OrdersExpiring;
    let first = ring.orders[0].expires_at;
    let title = match n {
        1 => format!("{who}: a market order expires in {}", span(first - now)),
        _ => format!("{who}: {n} market orders expire soon"),
    };
    Notice {
        kind,
        title,
        body: format!("{listed}. The first at {}.", clock(first)),
        view: kind.view(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(order_id: i64, expires_at: i64, open: bool) -> AlarmOrder {
        AlarmOrder {
            character_id: 1,
            order_id,
            type_id: 587,
            is_buy: false,
            expires_at,
            open,
        }
    }

    #[test]
    fn an_order_warns_once_when_it_comes_within_the_warning() {
        let orders = [order(10, 30 * HOUR_MS, true)];
        let none = (Marks::new(), Last::new());
        let early = plan(&orders, &none.0, &none.1, 24 * HOUR_MS, HOUR_MS);
        assert!(early.due.is_empty());
        assert_eq!(early.next_at, Some(6 * HOUR_MS));
        let due = plan(&orders, &none.0, &none.1, 24 * HOUR_MS, 6 * HOUR_MS);
        assert_eq!(due.due.len(), 1);
        assert_eq!(due.due[0].kind, EXPIRING);
        let marked = Marks::from([(10, EXPIRING.to_owned())]);
        assert!(plan(&orders, &marked, &none.1, 24 * HOUR_MS, 7 * HOUR_MS)
            .due
            .is_empty());
        // No warning time: no warning; an expired order is past warning.
        assert!(plan(&orders, &none.0, &none.1, 0, 6 * HOUR_MS)
            .due
            .is_empty());
        assert!(plan(&orders, &none.0, &none.1, 24 * HOUR_MS, 30 * HOUR_MS)
            .due
            .is_empty());
    }

    #[test]
    fn fills_of_one_character_wait_for_the_hour_after_its_last_notice() {
        let orders = [order(10, 0, false), order(11, 0, false)];
        let last = Last::from([((1, FILLED.to_owned()), 100)]);
        let held = plan(&orders, &Marks::new(), &last, 0, 100 + HOUR_MS / 2);
        assert!(held.due.is_empty());
        assert_eq!(held.next_at, Some(100 + HOUR_MS));
        let told = plan(&orders, &Marks::new(), &last, 0, 100 + HOUR_MS);
        assert_eq!(told.due.len(), 1, "one notice for both");
        assert_eq!(told.due[0].orders.len(), 2);
    }

    #[test]
    fn the_words_say_whose_orders_and_which() {
        let names = HashMap::from([(1, "Aura Vexx".to_owned()), (587, "Rifter".to_owned())]);
        let ring = Ring {
            character_id: 1,
            kind: FILLED,
            orders: vec![order(10, 0, false)],
        };
        let n = notice(&ring, &names, 0, |_| "21:40".into());
        assert_eq!(n.title, "Aura Vexx: market order filled");
        assert_eq!(n.body, "Rifter (sell)");
        let ring = Ring {
            character_id: 1,
            kind: EXPIRING,
            orders: (0..5).map(|i| order(i, 4 * HOUR_MS, true)).collect(),
        };
        let n = notice(&ring, &names, 0, |_| "21:40".into());
        assert_eq!(n.title, "Aura Vexx: 5 market orders expire soon");
        assert_eq!(
            n.body,
            "Rifter (sell), Rifter (sell), Rifter (sell), and 2 more. The first at 21:40."
        );
        let one = Ring {
            orders: vec![order(1, 4 * HOUR_MS, true)],
            ..ring
        };
        assert_eq!(
            notice(&one, &names, 0, |_| "21:40".into()).title,
            "Aura Vexx: a market order expires in 4 h"
        );
    }
}
