//! When a job alarm fires and what it says. Pure: the stored jobs, the ledger and "now"
//! in; the jobs due and the next moment to look out.
//!
//! Jobs ready in the same wall-clock minute make one notification, shown once the last
//! of them is ready (never before a job is ready, at most a minute after).

use std::collections::{HashMap, HashSet};

use super::models::{Notice, NoticeKind};
use crate::industry::models::{activity_name, IndustryJob};
use crate::sync::OwnerKind;

/// A job on a stored board, with whose board it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredJob {
    pub owner_kind: OwnerKind,
    pub owner_id: i64,
    pub job: IndustryJob,
}

/// ESI keeps a finished, undelivered job `active`; `ready` is accepted too. Paused,
/// delivered, cancelled and reverted jobs never ring.
pub fn can_ring(job: &IndustryJob) -> bool {
    matches!(job.status.as_str(), "active" | "ready")
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct JobPlan {
    /// Jobs to announce now (ready and not yet in the ledger).
    pub due: Vec<StoredJob>,
    /// When to look again for the jobs not yet due.
    pub next_at: Option<i64>,
}

fn minute(ms: i64) -> i64 {
    ms.div_euclid(60_000)
}

/// When the group of jobs ending in the earliest minute among `pending` is all ready.
fn group_ready_at<'a>(pending: impl Iterator<Item = &'a StoredJob>) -> Option<i64> {
    let mut first: Option<(i64, i64)> = None; // (minute, latest end in it)
    for j in pending {
        let m = minute(j.job.end_at);
        first = match first {
            Some((fm, _)) if m > fm => first,
            Some((fm, latest)) if m == fm => Some((fm, latest.max(j.job.end_at))),
            _ => Some((m, j.job.end_at)),
        };
    }
    first.map(|(_, latest)| latest)
}

pub fn plan(jobs: &[StoredJob], notified: &HashSet<i64>, now: i64) -> JobPlan {
    let pending: Vec<&StoredJob> = jobs
        .iter()
        .filter(|j| can_ring(&j.job) && !notified.contains(&j.job.job_id))
        .collect();
    match group_ready_at(pending.iter().copied()) {
        None => JobPlan::default(),
        Some(at) if at > now => JobPlan {
            due: Vec::new(),
            next_at: Some(at),
        },
        Some(_) => {
            let (due, later): (Vec<&StoredJob>, Vec<&StoredJob>) =
                pending.into_iter().partition(|j| j.job.end_at <= now);
            JobPlan {
                due: due.into_iter().cloned().collect(),
                next_at: group_ready_at(later.into_iter()),
            }
        }
    }
}

/// At most this many jobs are listed in one notification's body.
const LISTED: usize = 5;

/// The words for jobs that are ready. `names` holds type, character and corporation
/// names where known.
pub fn notice(due: &[StoredJob], while_away: bool, names: &HashMap<i64, String>) -> Notice {
    let what = |j: &IndustryJob| {
        let product = j
            .product_type_id
            .and_then(|id| names.get(&id))
            .or_else(|| names.get(&j.blueprint_type_id))
            .cloned()
            .unwrap_or_else(|| {
                format!("type {}", j.product_type_id.unwrap_or(j.blueprint_type_id))
            });
        format!("{}: {} × {}", activity_name(j.activity_id), j.runs, product)
    };
    let owner = |s: &StoredJob| {
        names
            .get(&s.owner_id)
            .cloned()
            .unwrap_or_else(|| match s.owner_kind {
                OwnerKind::Character => format!("character {}", s.owner_id),
                OwnerKind::Corporation => format!("corporation {}", s.owner_id),
            })
    };
    let mut due: Vec<&StoredJob> = due.iter().collect();
    due.sort_by_key(|s| (s.job.end_at, s.job.job_id));
    let kind = if while_away {
        NoticeKind::JobsReadyWhileAway
    } else {
        NoticeKind::JobsReady
    };
    let lead = if while_away {
        "While you were away: "
    } else {
        ""
    };
    let (title, body) = match due.as_slice() {
        [one] => {
            let place = names.get(&one.job.location_id);
            let body = match place {
                Some(place) => format!("{} · {}", owner(one), place),
                None => owner(one),
            };
            (format!("{lead}job ready — {}", what(&one.job)), body)
        }
        many => {
            let mut lines: Vec<String> = many
                .iter()
                .take(LISTED)
                .map(|s| format!("{} ({})", what(&s.job), owner(s)))
                .collect();
            if many.len() > LISTED {
                lines.push(format!("… and {} more", many.len() - LISTED));
            }
            (format!("{lead}{} jobs ready", many.len()), lines.join("\n"))
        }
    };
    let title = capitalise(&title);
    Notice {
        kind,
        title,
        body,
        view: kind.view(),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_795_014_420_000; // 15:07:00 UTC, a minute boundary

    fn stored(job_id: i64, end_at: i64, status: &str) -> StoredJob {
        StoredJob {
            owner_kind: OwnerKind::Character,
            owner_id: 90_000_001,
            job: IndustryJob {
                job_id,
                activity_id: 1,
                blueprint_type_id: 691,
                product_type_id: Some(587),
                runs: 10,
                start_at: end_at - 3_600_000,
                end_at,
                status: status.into(),
                installer_id: 90_000_001,
                location_id: 60_003_760,
                activity: None,
                blueprint_name: None,
                product_name: None,
                installer_name: None,
                location_name: None,
            },
        }
    }

    fn ids(plan: &JobPlan) -> Vec<i64> {
        plan.due.iter().map(|s| s.job.job_id).collect()
    }

    #[test]
    fn a_job_is_due_at_its_end_and_not_a_millisecond_before() {
        let jobs = [stored(1, T + 10_000, "active")];
        let before = plan(&jobs, &HashSet::new(), T + 9_999);
        assert!(before.due.is_empty());
        assert_eq!(before.next_at, Some(T + 10_000));
        let at = plan(&jobs, &HashSet::new(), T + 10_000);
        assert_eq!(ids(&at), [1]);
        assert_eq!(at.next_at, None);
    }

    #[test]
    fn jobs_of_one_minute_ring_together_when_the_last_is_ready() {
        let jobs = [
            stored(1, T + 5_000, "active"),
            stored(2, T + 50_000, "active"),
            stored(3, T + 65_000, "active"),
        ];
        let early = plan(&jobs, &HashSet::new(), T + 5_000);
        assert!(early.due.is_empty(), "job 1 waits for job 2 of its minute");
        assert_eq!(early.next_at, Some(T + 50_000));
        let group = plan(&jobs, &HashSet::new(), T + 50_000);
        assert_eq!(ids(&group), [1, 2]);
        assert_eq!(group.next_at, Some(T + 65_000));
    }

    #[test]
    fn notified_paused_and_delivered_jobs_never_ring() {
        let jobs = [
            stored(1, T, "active"),
            stored(2, T, "paused"),
            stored(3, T, "delivered"),
            stored(4, T, "ready"),
        ];
        let p = plan(&jobs, &HashSet::from([1]), T + 1);
        assert_eq!(ids(&p), [4]);
    }

    #[test]
    fn after_a_long_sleep_everything_ready_rings_at_once() {
        let jobs = [stored(1, T, "active"), stored(2, T + 600_000, "active")];
        let p = plan(&jobs, &HashSet::new(), T + 3_600_000);
        assert_eq!(ids(&p), [1, 2]);
    }

    #[test]
    fn the_words_name_activity_runs_product_and_owner() {
        let names = HashMap::from([
            (587, "Rifter".to_owned()),
            (90_000_001, "Aura Vexx".to_owned()),
            (60_003_760, "Jita IV - Moon 4".to_owned()),
        ]);
        let one = notice(&[stored(1, T, "active")], false, &names);
        assert_eq!(one.title, "Job ready — Manufacturing: 10 × Rifter");
        assert_eq!(one.body, "Aura Vexx · Jita IV - Moon 4");
        assert_eq!(one.kind, NoticeKind::JobsReady);

        let mut corp = stored(2, T, "active");
        corp.owner_kind = OwnerKind::Corporation;
        corp.owner_id = 98_000_001;
        let two = notice(&[stored(1, T, "active"), corp], true, &names);
        assert_eq!(two.title, "While you were away: 2 jobs ready");
        assert_eq!(
            two.body,
            "Manufacturing: 10 × Rifter (Aura Vexx)\nManufacturing: 10 × Rifter (corporation 98000001)"
        );
        assert_eq!(two.kind, NoticeKind::JobsReadyWhileAway);

        let seven: Vec<StoredJob> = (0..7).map(|i| stored(i, T, "active")).collect();
        let long = notice(&seven, false, &names);
        assert_eq!(long.body.lines().count(), 6);
        assert!(long.body.ends_with("… and 2 more"));
    }
}
