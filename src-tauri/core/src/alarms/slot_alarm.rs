//! When an idle industry slot is announced, and what it says. Pure: the stored slots,
//! the ledger and "now" in.
//!
//! A slot is idle from the moment its job ended until a new job of its kind is
//! installed. After the player's idle time (Settings) with a slot of that kind still
//! free and nothing installed since, one notice per character names its idle kinds.
//! Each idle spell (the latest job end of a kind) is announced once; the ledger keeps
//! that moment after the job is delivered and leaves its board.

use std::collections::{BTreeMap, HashMap};

use super::models::{span, Notice, NoticeKind};
use crate::slots::models::SlotKind;
use crate::store::notified::SlotMark;

/// One kind of slot of one character, as the stored boards have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSlots {
    pub character_id: i64,
    pub kind: SlotKind,
    pub total: u32,
    /// (start, end) of each undelivered job holding one of these slots.
    pub jobs: Vec<(i64, i64)>,
    /// Paused jobs: they hold a slot with no end.
    pub paused: u32,
}

/// Idle slots to announce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdleSlots {
    pub character_id: i64,
    pub kind: SlotKind,
    /// When the last job of the kind ended.
    pub freed_at: i64,
    pub idle: u32,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SlotPlan {
    /// Job ends seen for the first time (to remember after delivery).
    pub seen: Vec<(i64, SlotKind, i64)>,
    pub due: Vec<IdleSlots>,
    pub next_at: Option<i64>,
}

pub fn plan(
    slots: &[StoredSlots],
    marks: &HashMap<(i64, SlotKind), SlotMark>,
    idle_ms: i64,
    now: i64,
) -> SlotPlan {
    let mut plan = SlotPlan::default();
    for s in slots {
        let mark = marks.get(&(s.character_id, s.kind));
        let ended = s.jobs.iter().map(|j| j.1).filter(|end| *end <= now).max();
        if let Some(end) = ended {
            if !mark.is_some_and(|m| end <= m.freed_at) {
                plan.seen.push((s.character_id, s.kind, end));
            }
        }
        let Some(freed_at) = ended.max(mark.map(|m| m.freed_at)) else {
            continue;
        };
        let settled = mark.is_some_and(|m| m.freed_at == freed_at && m.settled);
        let running = s.jobs.iter().filter(|j| j.1 > now).count() as u32 + s.paused;
        let idle = s.total.saturating_sub(running);
        let retaken = s.jobs.iter().any(|j| j.0 >= freed_at);
        if settled || idle == 0 || retaken {
            continue;
        }
        let due_at = freed_at + idle_ms;
        if due_at <= now {
            plan.due.push(IdleSlots {
                character_id: s.character_id,
                kind: s.kind,
                freed_at,
                idle,
            });
        } else {
            plan.next_at = Some(plan.next_at.map_or(due_at, |n| n.min(due_at)));
        }
    }
    plan
}

/// One character's notice: "Aura Vexx: 2 manufacturing slots idle" (several kinds: "3
/// industry slots idle"), each kind and for how long in the body.
pub fn notices(
    due: &[IdleSlots],
    names: &HashMap<i64, String>,
    while_away_before: i64,
    now: i64,
) -> Vec<Notice> {
    let mut by_character: BTreeMap<i64, Vec<&IdleSlots>> = BTreeMap::new();
    for d in due {
        by_character.entry(d.character_id).or_default().push(d);
    }
    by_character
        .into_iter()
        .map(|(character_id, mut idle)| {
            idle.sort_by_key(|d| d.kind);
            let who = names
                .get(&character_id)
                .cloned()
                .unwrap_or_else(|| format!("Character {character_id}"));
            let n: u32 = idle.iter().map(|d| d.idle).sum();
            let what = match idle.as_slice() {
                [one] => slots(one.idle, one.kind.word()),
                _ => slots(n, "industry"),
            };
            let while_away = idle.iter().all(|d| d.freed_at < while_away_before);
            let (kind, title) = if while_away {
                (
                    NoticeKind::SlotsIdleWhileAway,
                    format!("While you were away: {who}'s {what} went idle"),
                )
            } else {
                (NoticeKind::SlotsIdle, format!("{who}: {what} idle"))
            };
            let body = idle
                .iter()
                .map(|d| {
                    format!(
                        "{} idle for {}",
                        slots(d.idle, d.kind.word()),
                        span(now - d.freed_at)
                    )
                })
                .collect::<Vec<_>>()
                .join(" · ");
            Notice {
                kind,
                title,
                body,
                view: kind.view(),
            }
        })
        .collect()
}

fn slots(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word} slot")
    } else {
        format!("{n} {word} slots")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600_000;
    const T: i64 = 1_795_014_400_000;
    const AURA: i64 = 1;

    fn manufacturing(total: u32, jobs: &[(i64, i64)]) -> StoredSlots {
        StoredSlots {
            character_id: AURA,
            kind: SlotKind::Manufacturing,
            total,
            jobs: jobs.to_vec(),
            paused: 0,
        }
    }

    #[test]
    fn a_slot_idle_for_the_players_time_after_its_job_ended_is_due_once() {
        let slots = [manufacturing(2, &[(T - 5 * H, T), (T - H, T + 10 * H)])];
        let none = HashMap::new();
        // Just ended: seen, not yet due; wakes at the end of the idle time.
        let at_end = plan(&slots, &none, 2 * H, T);
        assert_eq!(at_end.seen, vec![(AURA, SlotKind::Manufacturing, T)]);
        assert!(at_end.due.is_empty());
        assert_eq!(at_end.next_at, Some(T + 2 * H));
        // Two hours on: one slot idle, due.
        let later = plan(&slots, &none, 2 * H, T + 2 * H);
        assert_eq!(
            later.due,
            vec![IdleSlots {
                character_id: AURA,
                kind: SlotKind::Manufacturing,
                freed_at: T,
                idle: 1
            }]
        );
        // Settled: never again for this spell.
        let marks = HashMap::from([(
            (AURA, SlotKind::Manufacturing),
            SlotMark {
                freed_at: T,
                settled: true,
            },
        )]);
        let after = plan(&slots, &marks, 2 * H, T + 3 * H);
        assert!(after.due.is_empty() && after.seen.is_empty() && after.next_at.is_none());
    }

    #[test]
    fn a_job_installed_since_or_every_slot_busy_means_nothing_is_idle() {
        let none = HashMap::new();
        let retaken = [manufacturing(2, &[(T - 5 * H, T), (T + H, T + 9 * H)])];
        assert!(plan(&retaken, &none, 2 * H, T + 3 * H).due.is_empty());
        // One slot, and a paused job holds it.
        let mut paused = manufacturing(1, &[(T - 5 * H, T)]);
        paused.total = 2;
        paused.paused = 1;
        // Two slots: the ended job's and the paused job's; the ended one is idle.
        assert_eq!(
            plan(&[paused.clone()], &none, 2 * H, T + 3 * H).due.len(),
            1
        );
        paused.total = 1;
        assert!(plan(&[paused], &none, 2 * H, T + 3 * H).due.is_empty());
    }

    #[test]
    fn the_ledger_remembers_a_job_end_after_the_job_was_delivered() {
        // The job ended at T and was delivered: the board is empty, the ledger kept T.
        let marks = HashMap::from([(
            (AURA, SlotKind::Manufacturing),
            SlotMark {
                freed_at: T,
                settled: false,
            },
        )]);
        let delivered = [manufacturing(1, &[])];
        let p = plan(&delivered, &marks, 2 * H, T + 2 * H);
        assert_eq!(p.due.len(), 1);
        assert!(p.seen.is_empty());
    }

    #[test]
    fn one_notice_per_character_words_each_kind() {
        let due = [
            IdleSlots {
                character_id: AURA,
                kind: SlotKind::Science,
                freed_at: T - 3 * H,
                idle: 1,
            },
            IdleSlots {
                character_id: AURA,
                kind: SlotKind::Manufacturing,
                freed_at: T - 2 * H,
                idle: 2,
            },
        ];
        let names = HashMap::from([(AURA, "Aura Vexx".to_owned())]);
        let n = notices(&due, &names, T - 10 * H, T);
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].kind, NoticeKind::SlotsIdle);
        assert_eq!(n[0].title, "Aura Vexx: 3 industry slots idle");
        assert_eq!(
            n[0].body,
            "2 manufacturing slots idle for 2 h · 1 science slot idle for 3 h"
        );
        let away = notices(&due[..1], &names, T, T);
        assert_eq!(away[0].kind, NoticeKind::SlotsIdleWhileAway);
        assert_eq!(
            away[0].title,
            "While you were away: Aura Vexx's 1 science slot went idle"
        );
    }
}
