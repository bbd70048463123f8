//! "Clone jump available": when a character's next clone jump comes due, once per
//! jump. Pure: each character's next jump (from the stored clones and skills), the
//! ledger and "now" in.

use std::collections::HashMap;

use super::models::{Notice, NoticeKind};

/// The ledger's kind.
pub const CLONE_JUMP: &str = "clone_jump";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ClonePlan {
    /// (character, the moment its jump became available).
    pub due: Vec<(i64, i64)>,
    pub next_at: Option<i64>,
}

pub fn plan(next_jumps: &[(i64, i64)], marks: &HashMap<(i64, String), i64>, now: i64) -> ClonePlan {
    let mut plan = ClonePlan::default();
    for &(character_id, at) in next_jumps {
        if marks.get(&(character_id, CLONE_JUMP.to_owned())) == Some(&at) {
            continue;
        }
        if at <= now {
            plan.due.push((character_id, at));
        } else {
            plan.next_at = Some(plan.next_at.map_or(at, |n| n.min(at)));
        }
    }
    plan
}

pub fn notice(who: &str) -> Notice {
    let kind = NoticeKind::CloneJumpAvailable;
    Notice {
        kind,
        title: format!("{who}: clone jump available"),
        body: "The clone jump cooldown is over.".into(),
        view: kind.view(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jump_rings_once_when_it_comes_due() {
        let none = HashMap::new();
        assert_eq!(
            plan(&[(1, 500)], &none, 400),
            ClonePlan {
                due: vec![],
                next_at: Some(500)
            }
        );
        assert_eq!(plan(&[(1, 500)], &none, 500).due, vec![(1, 500)]);
        let rung = HashMap::from([((1, CLONE_JUMP.to_owned()), 500)]);
        assert_eq!(plan(&[(1, 500)], &rung, 900), ClonePlan::default());
        // A later jump is a new moment.
        assert_eq!(plan(&[(1, 90_000)], &rung, 90_000).due, vec![(1, 90_000)]);
    }
}
