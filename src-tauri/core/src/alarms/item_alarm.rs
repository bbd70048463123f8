//! Alarms about single items a board holds (a market order, a contract): each item told
//! once per kind of news, a character's items of one kind together, and at most once an
//! hour. Pure: what is watched, the ledger and "now" in; what is due and the next moment
//! out. A slice says what it watches and in which words ([`Kind`]); the task records each
//! ring in `notified_items`.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::models::{span, Notice, NoticeKind};

/// The least time between two notices of one kind for one character.
pub const SPACING_MS: i64 = 3_600_000;

/// A kind of news about an item, and its words. In `one` and `many`: `{who}` (the
/// character), `{n}` (how many), `{in}` (time until the first item's moment).
#[derive(Debug)]
pub struct Kind {
    /// Its name in the ledger (`order_expiring`).
    pub ledger: &'static str,
    pub notice: NoticeKind,
    /// The title for one item: "{who}: a market order expires in {in}".
    pub one: &'static str,
    /// The title for several: "{who}: {n} market orders expire soon".
    pub many: &'static str,
    /// The body ends with the first item's moment: "The first at 21:40."
    pub says_when: bool,
    /// The titles (one, several) when every item's moment came before the app started:
    /// "{who}: contract accepted while you were away".
    pub while_away: Option<(&'static str, &'static str)>,
}

/// One item's news to tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    pub character_id: i64,
    pub kind: &'static str,
    pub item_id: i64,
    /// From when it may be told.
    pub from: i64,
    /// After this it is no longer worth telling (`None`: until told).
    pub until: Option<i64>,
    /// The moment the words speak of (an expiry, a deadline).
    pub at: i64,
    /// The item in a few words, each `{}` replaced by the name of the next of `names`:
    /// "{} (sell)".
    pub label: String,
    pub names: Vec<i64>,
}

/// The ledger: (kind, item) recorded.
pub type Marks = HashSet<(String, i64)>;
/// The last notice of each (character, kind).
pub type Last = HashMap<(i64, String), i64>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ring {
    pub character_id: i64,
    pub kind: &'static str,
    pub items: Vec<Watched>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ItemsPlan {
    pub due: Vec<Ring>,
    pub next_at: Option<i64>,
}

pub fn plan(watched: &[Watched], marks: &Marks, last: &Last, now: i64) -> ItemsPlan {
    let mut plan = ItemsPlan::default();
    let mut wake = |at: i64| plan.next_at = Some(plan.next_at.map_or(at, |n: i64| n.min(at)));
    let mut pending: BTreeMap<(i64, &'static str), Vec<Watched>> = BTreeMap::new();
    for w in watched {
        if marks.contains(&(w.kind.to_owned(), w.item_id)) || w.until.is_some_and(|u| u <= now) {
            continue;
        }
        if w.from > now {
            wake(w.from);
            continue;
        }
        pending
            .entry((w.character_id, w.kind))
            .or_default()
            .push(w.clone());
    }
    for ((character_id, kind), mut items) in pending {
        let free_at = last
            .get(&(character_id, kind.to_owned()))
            .map_or(i64::MIN, |at| at + SPACING_MS);
        if free_at > now {
            wake(free_at);
            continue;
        }
        items.sort_by_key(|w| (w.at, w.item_id));
        plan.due.push(Ring {
            character_id,
            kind,
            items,
        });
    }
    plan
}

/// An item's label with its names put in.
pub fn label(w: &Watched, names: &HashMap<i64, String>) -> String {
    let mut out = String::new();
    let mut ids = w.names.iter();
    let mut parts = w.label.split("{}");
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        if let Some(id) = ids.next() {
            match names.get(id) {
                Some(name) => out.push_str(name),
                None => out.push_str(&format!("#{id}")),
            }
        }
        out.push_str(part);
    }
    out
}

/// The notice of a ring in its kind's words; `names` has the character and the items'
/// names.
pub fn notice(
    kind: &Kind,
    ring: &Ring,
    names: &HashMap<i64, String>,
    (now, started_at): (i64, i64),
    clock: impl Fn(i64) -> String,
) -> Notice {
    let who = names
        .get(&ring.character_id)
        .cloned()
        .unwrap_or_else(|| format!("Character {}", ring.character_id));
    let n = ring.items.len();
    let first = ring.items[0].at;
    let (one, many) = match kind.while_away {
        Some(away) if ring.items.iter().all(|w| w.at < started_at) => away,
        _ => (kind.one, kind.many),
    };
    let title = if n == 1 { one } else { many }
        .replace("{who}", &who)
        .replace("{n}", &n.to_string())
        .replace("{in}", &span(first - now));
    let mut listed: Vec<String> = ring.items.iter().take(3).map(|w| label(w, names)).collect();
    if n > 3 {
        listed.push(format!("and {} more", n - 3));
    }
    let mut body = listed.join(", ");
    if kind.says_when {
        let first_at = if n == 1 { "At" } else { "The first at" };
        body.push_str(&format!(". {first_at} {}.", clock(first)));
    }
    Notice {
        kind: kind.notice,
        title,
        body,
        view: kind.notice.view(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;
    const EXPIRING: Kind = Kind {
        ledger: "order_expiring",
        notice: NoticeKind::OrdersExpiring,
        one: "{who}: a market order expires in {in}",
        many: "{who}: {n} market orders expire soon",
        says_when: true,
        while_away: None,
    };
    const ACCEPTED: Kind = Kind {
        ledger: "contract_accepted",
        notice: NoticeKind::ContractsAccepted,
        one: "{who}: contract accepted",
        many: "{who}: {n} contracts accepted",
        says_when: false,
        while_away: Some((
            "{who}: contract accepted while you were away",
            "{who}: {n} contracts accepted while you were away",
        )),
    };

    fn item(item_id: i64, from: i64, until: Option<i64>) -> Watched {
        Watched {
            character_id: 1,
            kind: EXPIRING.ledger,
            item_id,
            from,
            until,
            at: until.unwrap_or(from),
            label: "{} (sell)".into(),
            names: vec![587],
        }
    }

    #[test]
    fn an_item_is_told_once_from_its_moment_and_not_after_it_stopped_mattering() {
        let w = [item(10, 6 * HOUR, Some(30 * HOUR))];
        let (marks, last) = (Marks::new(), Last::new());
        let early = plan(&w, &marks, &last, HOUR);
        assert!(early.due.is_empty());
        assert_eq!(early.next_at, Some(6 * HOUR));
        assert_eq!(plan(&w, &marks, &last, 6 * HOUR).due.len(), 1);
        let told = Marks::from([(EXPIRING.ledger.to_owned(), 10)]);
        assert_eq!(plan(&w, &told, &last, 7 * HOUR), ItemsPlan::default());
        assert_eq!(plan(&w, &marks, &last, 30 * HOUR), ItemsPlan::default());
    }

    #[test]
    fn a_characters_items_of_a_kind_wait_for_the_hour_after_its_last_notice() {
        let w = [item(10, 0, None), item(11, 0, None)];
        let last = Last::from([((1, EXPIRING.ledger.to_owned()), 100)]);
        let held = plan(&w, &Marks::new(), &last, 100 + HOUR / 2);
        assert!(held.due.is_empty());
        assert_eq!(held.next_at, Some(100 + HOUR));
        let told = plan(&w, &Marks::new(), &last, 100 + HOUR);
        assert_eq!(told.due.len(), 1, "one notice for both");
        assert_eq!(told.due[0].items.len(), 2);
    }

    #[test]
    fn the_words_name_the_character_the_items_and_the_first_moment() {
        let names = HashMap::from([(1, "Aura Vexx".to_owned()), (587, "Rifter".to_owned())]);
        let ring = Ring {
            character_id: 1,
            kind: EXPIRING.ledger,
            items: (0..5).map(|i| item(i, 0, Some(4 * HOUR))).collect(),
        };
        let n = notice(&EXPIRING, &ring, &names, (0, 0), |_| "21:40".into());
        assert_eq!(n.title, "Aura Vexx: 5 market orders expire soon");
        assert_eq!(
            n.body,
            "Rifter (sell), Rifter (sell), Rifter (sell), and 2 more. The first at 21:40."
        );
        let one = Ring {
            items: vec![item(1, 0, Some(4 * HOUR))],
            ..ring
        };
        let n = notice(&EXPIRING, &one, &names, (0, 0), |_| "21:40".into());
        assert_eq!(n.title, "Aura Vexx: a market order expires in 4 h");
        assert_eq!(n.body, "Rifter (sell). At 21:40.");
        let unnamed = Watched {
            names: vec![99],
            ..item(1, 0, None)
        };
        assert_eq!(label(&unnamed, &names), "#99 (sell)");
    }

    #[test]
    fn news_from_before_the_start_says_it_came_while_away() {
        let names = HashMap::from([(1, "Aura Vexx".to_owned())]);
        let accepted = |item_id, at| Watched {
            kind: ACCEPTED.ledger,
            label: "3 Rifters".into(),
            names: vec![],
            at,
            ..item(item_id, at, None)
        };
        let ring = Ring {
            character_id: 1,
            kind: ACCEPTED.ledger,
            items: vec![accepted(1, 50), accepted(2, 80)],
        };
        let before = notice(&ACCEPTED, &ring, &names, (200, 100), |_| String::new());
        assert_eq!(
            before.title,
            "Aura Vexx: 2 contracts accepted while you were away"
        );
        let since = notice(&ACCEPTED, &ring, &names, (200, 60), |_| String::new());
        assert_eq!(since.title, "Aura Vexx: 2 contracts accepted");
    }
}
