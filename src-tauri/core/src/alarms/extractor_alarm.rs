//! When planetary extractors warn and ring, and what they say. Pure: the stored
//! colonies, the ledger and "now" in; what is due and the next moment out.
//!
//! One character's extractors stopping within an hour of each other make one group: its
//! warning rings `warning` before the first of them stops ("Aura Vexx: 3 extractors stop
//! at 21:40 — Barren IV, Temperate II…"), its "stopped" notice once the last of them has
//! stopped. Each extraction cycle (an extractor's expiry) rings each kind once; a
//! program restarted in game is a new cycle.

use std::collections::{BTreeMap, HashMap};

use super::models::{Notice, NoticeKind};

const HOUR_MS: i64 = 3_600_000;
/// Extractors stopping within this much of the first of a group join it.
pub const GROUP_MS: i64 = HOUR_MS;

/// Ledger kinds.
pub const WARNING: &str = "warning";
pub const STOPPED: &str = "stopped";

/// An extractor running a program, on a stored planets board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredExtractor {
    pub character_id: i64,
    pub planet_id: i64,
    pub pin_id: i64,
    pub expiry_at: i64,
}

/// The ledger: (character, planet, pin, kind) → the expiry rung (or passed over).
pub type Marks = HashMap<(i64, i64, i64, String), i64>;

/// A notice to ring, and the extractors it covers (to record under `kind`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ring {
    pub character_id: i64,
    pub kind: &'static str,
    pub extractors: Vec<StoredExtractor>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ExtractorPlan {
    pub due: Vec<Ring>,
    pub next_at: Option<i64>,
}

fn marked(marks: &Marks, e: &StoredExtractor, kind: &str) -> bool {
    marks.get(&(e.character_id, e.planet_id, e.pin_id, kind.to_owned())) == Some(&e.expiry_at)
}

/// One character's extractors, soonest first, in groups: each starts with the first not
/// yet in a group and takes every later one stopping within [`GROUP_MS`] of it.
fn groups(mut extractors: Vec<&StoredExtractor>) -> Vec<Vec<&StoredExtractor>> {
    extractors.sort_by_key(|e| (e.expiry_at, e.planet_id, e.pin_id));
    let mut out: Vec<Vec<&StoredExtractor>> = Vec::new();
    for e in extractors {
        match out.last_mut() {
            Some(group) if e.expiry_at < group[0].expiry_at + GROUP_MS => group.push(e),
            _ => out.push(vec![e]),
        }
    }
    out
}

/// What is due at `now`: a warning `warning_ms` before a group's first stop (none when
/// `warning_ms` is 0, or when the group already stopped), and a "stopped" notice when
/// its last extractor has stopped.
pub fn plan(
    extractors: &[StoredExtractor],
    marks: &Marks,
    warning_ms: i64,
    now: i64,
) -> ExtractorPlan {
    let mut plan = ExtractorPlan::default();
    let mut wake = |at: i64| plan.next_at = Some(plan.next_at.map_or(at, |n: i64| n.min(at)));
    let mut by_character: BTreeMap<i64, Vec<&StoredExtractor>> = BTreeMap::new();
    for e in extractors {
        by_character.entry(e.character_id).or_default().push(e);
    }
    let mut due = Vec::new();
    for (character_id, mine) in by_character {
        for group in groups(mine) {
            let first = group[0].expiry_at;
            let last = group[group.len() - 1].expiry_at;
            let unstopped: Vec<StoredExtractor> = group
                .iter()
                .filter(|e| !marked(marks, e, STOPPED))
                .map(|e| (*e).clone())
                .collect();
            if !unstopped.is_empty() {
                if last <= now {
                    due.push(Ring {
                        character_id,
                        kind: STOPPED,
                        extractors: unstopped,
                    });
                } else {
                    wake(last);
                }
            }
            if warning_ms > 0 && now < first {
                let unwarned: Vec<StoredExtractor> = group
                    .iter()
                    .filter(|e| !marked(marks, e, WARNING))
                    .map(|e| (*e).clone())
                    .collect();
                if !unwarned.is_empty() {
                    if first - warning_ms <= now {
                        due.push(Ring {
                            character_id,
                            kind: WARNING,
                            extractors: unwarned,
                        });
                    } else {
                        wake(first - warning_ms);
                    }
                }
            }
        }
    }
    plan.due = due;
    plan
}

/// At most this many planets are named in one notification.
const LISTED: usize = 4;

/// The words of a ring. `names` holds character and planet names where known;
/// `clock` writes an instant as the player reads it (`21:40`).
pub fn notice(
    ring: &Ring,
    while_away: bool,
    names: &HashMap<i64, String>,
    clock: impl Fn(i64) -> String,
) -> Notice {
    let who = names
        .get(&ring.character_id)
        .cloned()
        .unwrap_or_else(|| format!("Character {}", ring.character_id));
    let mut planets: Vec<String> = Vec::new();
    for e in &ring.extractors {
        let planet = names
            .get(&e.planet_id)
            .cloned()
            .unwrap_or_else(|| format!("planet {}", e.planet_id));
        if !planets.contains(&planet) {
            planets.push(planet);
        }
    }
    let mut listed = planets
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if planets.len() > LISTED {
        listed.push('…');
    }
    let n = ring.extractors.len();
    let extractors = if n == 1 {
        "1 extractor".to_owned()
    } else {
        format!("{n} extractors")
    };
    let first = ring
        .extractors
        .iter()
        .map(|e| e.expiry_at)
        .min()
        .unwrap_or_default();
    let (kind, title) = match (ring.kind, while_away) {
        (WARNING, _) => (
            NoticeKind::ExtractorsStopping,
            format!("{who}: {extractors} stop at {}", clock(first)),
        ),
        (_, true) => (
            NoticeKind::ExtractorsStoppedWhileAway,
            format!("While you were away: {who}'s {extractors} stopped"),
        ),
        _ => (
            NoticeKind::ExtractorsStopped,
            format!("{who}: {extractors} stopped"),
        ),
    };
    Notice {
        kind,
        title,
        body: listed,
        view: kind.view(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_795_014_400_000;
    const AURA: i64 = 1;

    fn e(planet_id: i64, pin_id: i64, expiry_at: i64) -> StoredExtractor {
        StoredExtractor {
            character_id: AURA,
            planet_id,
            pin_id,
            expiry_at,
        }
    }

    fn mark(marks: &mut Marks, x: &StoredExtractor, kind: &str) {
        marks.insert(
            (x.character_id, x.planet_id, x.pin_id, kind.to_owned()),
            x.expiry_at,
        );
    }

    const TWO_H: i64 = 2 * HOUR_MS;

    #[test]
    fn a_warning_rings_before_the_first_stop_of_a_group_and_covers_the_hour() {
        let stops = [
            e(10, 1, T + 3 * HOUR_MS),
            e(11, 2, T + 3 * HOUR_MS + 40 * 60_000),
            e(12, 3, T + 5 * HOUR_MS),
        ];
        let early = plan(&stops, &Marks::new(), TWO_H, T);
        assert!(early.due.is_empty());
        assert_eq!(
            early.next_at,
            Some(T + HOUR_MS),
            "the first group's warning"
        );
        let at = plan(&stops, &Marks::new(), TWO_H, T + HOUR_MS);
        assert_eq!(at.due.len(), 1);
        assert_eq!(at.due[0].kind, WARNING);
        assert_eq!(at.due[0].extractors.len(), 2, "both stop within the hour");
        assert_eq!(
            at.next_at,
            Some(T + 3 * HOUR_MS),
            "the second group's warning"
        );
    }

    #[test]
    fn stopped_rings_when_the_last_of_the_group_stopped_once_per_cycle() {
        let stops = [e(10, 1, T), e(11, 2, T + 30 * 60_000)];
        let mut marks = Marks::new();
        for s in &stops {
            mark(&mut marks, s, WARNING);
        }
        let first_stopped = plan(&stops, &marks, TWO_H, T);
        assert!(
            first_stopped.due.is_empty(),
            "waits for the last of the group"
        );
        assert_eq!(first_stopped.next_at, Some(T + 30 * 60_000));
        let all = plan(&stops, &marks, TWO_H, T + 30 * 60_000);
        assert_eq!(all.due.len(), 1);
        assert_eq!(all.due[0].kind, STOPPED);
        for s in &stops {
            mark(&mut marks, s, STOPPED);
        }
        assert!(plan(&stops, &marks, TWO_H, T + HOUR_MS).due.is_empty());
        // A restart in game is a new cycle: it warns again before its new stop.
        let restarted = [e(10, 1, T + 10 * HOUR_MS)];
        let p = plan(&restarted, &marks, TWO_H, T + 8 * HOUR_MS);
        assert_eq!(p.due.len(), 1);
        assert_eq!(p.due[0].kind, WARNING);
    }

    #[test]
    fn no_warning_for_a_group_already_stopped_or_when_warnings_are_off() {
        let stopped = [e(10, 1, T - HOUR_MS)];
        let p = plan(&stopped, &Marks::new(), TWO_H, T);
        assert_eq!(p.due.len(), 1);
        assert_eq!(p.due[0].kind, STOPPED);
        let later = [e(10, 1, T + HOUR_MS)];
        let off = plan(&later, &Marks::new(), 0, T);
        assert!(off.due.is_empty());
        assert_eq!(off.next_at, Some(T + HOUR_MS), "only the stop");
    }

    #[test]
    fn the_words_name_the_character_the_count_the_time_and_the_planets() {
        let names = HashMap::from([
            (AURA, "Aura Vexx".to_owned()),
            (10, "Barren IV".to_owned()),
            (11, "Temperate II".to_owned()),
        ]);
        let ring = Ring {
            character_id: AURA,
            kind: WARNING,
            extractors: vec![e(10, 1, T), e(10, 2, T), e(11, 3, T + 60_000)],
        };
        let n = notice(&ring, false, &names, |_| "21:40".to_owned());
        assert_eq!(n.title, "Aura Vexx: 3 extractors stop at 21:40");
        assert_eq!(n.body, "Barren IV, Temperate II");
        assert_eq!(n.kind, NoticeKind::ExtractorsStopping);
        let away = Ring {
            kind: STOPPED,
            ..ring
        };
        let n = notice(&away, true, &names, |_| String::new());
        assert_eq!(
            n.title,
            "While you were away: Aura Vexx's 3 extractors stopped"
        );
    }
}
