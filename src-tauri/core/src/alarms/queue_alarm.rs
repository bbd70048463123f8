//! When a skill-queue alert is due and what it says. Pure: the stored queues, the
//! ledger and "now" in. Each alert rings once per queue end time; a queue seen training
//! again forgets its "empty" alert, so the next run-out rings again.

use std::collections::HashMap;

use super::models::{span, Notice, NoticeKind};
use crate::skills::models::QueuedSkill;

const HOUR_MS: i64 = 3_600_000;

/// Ledger kinds.
pub const EMPTY: &str = "empty";
pub const ENDING: &str = "ending";

/// How a stored queue stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueEnd {
    /// Skills queued with no finish times: not training, and not running out either.
    Paused,
    /// Nothing left to train: ran out at this time, or found empty (`None`).
    Empty(Option<i64>),
    /// Training until this time.
    Training(i64),
}

pub fn queue_end(queue: &[QueuedSkill], now: i64) -> QueueEnd {
    if queue.is_empty() {
        return QueueEnd::Empty(None);
    }
    match queue.iter().filter_map(|q| q.finish_at).max() {
        None => QueueEnd::Paused,
        Some(end) if end <= now => QueueEnd::Empty(Some(end)),
        Some(end) => QueueEnd::Training(end),
    }
}

/// A character's stored queue.
#[derive(Debug, Clone)]
pub struct StoredQueue {
    pub character_id: i64,
    pub name: String,
    pub queue: Vec<QueuedSkill>,
}

/// An alert to ring (and record in the ledger as `mark`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueAlert {
    pub character_id: i64,
    pub kind: &'static str,
    pub mark: i64,
    pub notice: Notice,
}

#[derive(Debug, Default)]
pub struct QueuePlan {
    pub alerts: Vec<QueueAlert>,
    /// Characters whose "empty" alert is forgotten (their queue trains again).
    pub forget_empty: Vec<i64>,
    pub next_at: Option<i64>,
}

pub fn plan(
    queues: &[StoredQueue],
    marks: &HashMap<(i64, String), i64>,
    warning_hours: u32,
    now: i64,
) -> QueuePlan {
    let mut out = QueuePlan::default();
    let wake = |at: i64, out: &mut QueuePlan| {
        out.next_at = Some(out.next_at.map_or(at, |n| n.min(at)));
    };
    for q in queues {
        let mark = |kind: &str| marks.get(&(q.character_id, kind.to_owned())).copied();
        match queue_end(&q.queue, now) {
            QueueEnd::Paused => {}
            QueueEnd::Training(end) => {
                if mark(EMPTY).is_some() {
                    out.forget_empty.push(q.character_id);
                }
                wake(end, &mut out);
                if warning_hours > 0 && mark(ENDING) != Some(end) {
                    let warn_at = end - i64::from(warning_hours) * HOUR_MS;
                    if warn_at <= now {
                        out.alerts.push(QueueAlert {
                            character_id: q.character_id,
                            kind: ENDING,
                            mark: end,
                            notice: ending(&q.name, end - now),
                        });
                    } else {
                        wake(warn_at, &mut out);
                    }
                }
            }
            QueueEnd::Empty(end) => {
                // Rung already for this stretch of emptiness, unless the queue trained
                // (unseen) and ran out again after the alert.
                let rung = match (mark(EMPTY), end) {
                    (None, _) => false,
                    (Some(m), Some(end)) => m != 0 && m >= end,
                    (Some(_), None) => true,
                };
                if !rung {
                    out.alerts.push(QueueAlert {
                        character_id: q.character_id,
                        kind: EMPTY,
                        mark: end.unwrap_or(0),
                        notice: empty(&q.name, end.map(|e| now - e)),
                    });
                }
            }
        }
    }
    out
}

const KEEP_TRAINING: &str = "Add skills in game to keep training.";

fn ending(name: &str, left_ms: i64) -> Notice {
    let left = span(left_ms);
    Notice {
        kind: NoticeKind::QueueEnding,
        title: format!("Skill queue ends in {left} — {name}"),
        body: format!("The last skill in {name}'s queue finishes in {left}. {KEEP_TRAINING}"),
        view: NoticeKind::QueueEnding.view(),
    }
}

fn empty(name: &str, ago_ms: Option<i64>) -> Notice {
    let body = match ago_ms {
        Some(ago) => format!(
            "{name}'s last queued skill finished {} ago. {KEEP_TRAINING}",
            span(ago)
        ),
        None => format!("{name} is not training anything. {KEEP_TRAINING}"),
    };
    Notice {
        kind: NoticeKind::QueueEmpty,
        title: format!("Skill queue empty — {name}"),
        body,
        view: NoticeKind::QueueEmpty.view(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_795_014_400_000;

    fn queue(finish: &[Option<i64>]) -> StoredQueue {
        StoredQueue {
            character_id: 1,
            name: "Aura Vexx".into(),
            queue: finish
                .iter()
                .enumerate()
                .map(|(i, f)| QueuedSkill {
                    skill_id: 3300,
                    name: None,
                    finished_level: 1,
                    position: i as i64,
                    start_at: f.map(|f| f - HOUR_MS),
                    finish_at: *f,
                    level_start_sp: None,
                    level_end_sp: None,
                    training_start_sp: None,
                })
                .collect(),
        }
    }

    fn marks(pairs: &[(&str, i64)]) -> HashMap<(i64, String), i64> {
        pairs
            .iter()
            .map(|(k, v)| ((1, (*k).to_owned()), *v))
            .collect()
    }

    #[test]
    fn a_training_queue_warns_n_hours_ahead_then_rings_empty_at_its_end() {
        let end = T + 30 * HOUR_MS;
        let q = [queue(&[Some(T + HOUR_MS), Some(end)])];
        let quiet = plan(&q, &marks(&[]), 24, T);
        assert!(quiet.alerts.is_empty());
        assert_eq!(quiet.next_at, Some(end - 24 * HOUR_MS));

        let warn = plan(&q, &marks(&[]), 24, end - 24 * HOUR_MS);
        assert_eq!(warn.alerts.len(), 1);
        assert_eq!(warn.alerts[0].kind, ENDING);
        assert_eq!(
            warn.alerts[0].notice.title,
            "Skill queue ends in 1 d — Aura Vexx"
        );
        assert_eq!(warn.next_at, Some(end));

        let warned = plan(&q, &marks(&[(ENDING, end)]), 24, end - HOUR_MS);
        assert!(warned.alerts.is_empty(), "once per queue end");

        let out = plan(&q, &marks(&[(ENDING, end)]), 24, end);
        assert_eq!(out.alerts.len(), 1);
        assert_eq!(out.alerts[0].kind, EMPTY);
        assert_eq!(out.alerts[0].mark, end);
        assert_eq!(out.alerts[0].notice.title, "Skill queue empty — Aura Vexx");
        let rung = plan(&q, &marks(&[(ENDING, end), (EMPTY, end)]), 24, end + 1);
        assert!(rung.alerts.is_empty());
    }

    #[test]
    fn no_warning_when_the_hours_are_zero() {
        let q = [queue(&[Some(T + HOUR_MS)])];
        let p = plan(&q, &marks(&[]), 0, T);
        assert!(p.alerts.is_empty());
        assert_eq!(p.next_at, Some(T + HOUR_MS));
    }

    #[test]
    fn an_emptied_list_after_the_alert_stays_quiet_and_training_again_forgets_it() {
        let empty_list = [queue(&[])];
        assert!(plan(&empty_list, &marks(&[(EMPTY, T)]), 24, T + 1)
            .alerts
            .is_empty());
        let found_empty = plan(&empty_list, &marks(&[]), 24, T);
        assert_eq!(found_empty.alerts[0].mark, 0);
        assert!(found_empty.alerts[0]
            .notice
            .body
            .contains("not training anything"));

        let training = [queue(&[Some(T + 2 * HOUR_MS)])];
        let p = plan(&training, &marks(&[(EMPTY, T)]), 0, T + 1);
        assert_eq!(p.forget_empty, [1]);
        // Trained unseen after the alert and ran out again: rings again.
        let again = [queue(&[Some(T + 2 * HOUR_MS)])];
        let p = plan(&again, &marks(&[(EMPTY, T)]), 0, T + 3 * HOUR_MS);
        assert_eq!(p.alerts.len(), 1);
    }

    #[test]
    fn a_paused_queue_never_rings() {
        let q = [queue(&[None, None])];
        let p = plan(&q, &marks(&[]), 24, T);
        assert!(p.alerts.is_empty() && p.next_at.is_none());
    }
}
