//! Free industry slots, from stored skills and stored jobs: zero requests.
//!
//! The game's numbers, from CCP's Static Data Export (its dogma attributes and effects,
//! export of 2026-01-20 as kept by cjkilman/eve-sde-dump): a character has one slot of each kind
//! (attributes 196 manufacture slots, 467 "Maximum Active Laboratories", 2664 reaction
//! slots on the Character type), and each level of two skills per kind adds one (effects
//! 568, 566 and 6893 add the skill's level). Research, copying, reverse engineering and
//! invention all use the laboratory (science) slots; ESI reports reactions as activity 9
//! or 11 (esi/esi-issues#894).
//!
//! A job holds its slot until it is delivered; ESI keeps an ended, undelivered job
//! `active` (esi/esi-issues#752). Jobs a character installs for its corporation use the
//! character's own slots, but only the corporation's board lists them
//! (esi/esi-issues#1138).

pub mod commands;
pub mod models;

use std::collections::BTreeMap;

use crate::industry::models::IndustryJob;
use crate::skills::models::SkillsBoard;
use models::{SlotKind, SlotUse};

/// Mass Production, Advanced Mass Production.
const MANUFACTURING_SKILLS: [i64; 2] = [3387, 24625];
/// Laboratory Operation, Advanced Laboratory Operation.
const SCIENCE_SKILLS: [i64; 2] = [3406, 24624];
/// Mass Reactions, Advanced Mass Reactions.
const REACTION_SKILLS: [i64; 2] = [45748, 45749];

impl SlotKind {
    fn skills(self) -> [i64; 2] {
        match self {
            Self::Manufacturing => MANUFACTURING_SKILLS,
            Self::Science => SCIENCE_SKILLS,
            Self::Reactions => REACTION_SKILLS,
        }
    }

    /// The slot an industry activity takes (`None`: an activity unknown to us).
    pub fn of_activity(activity_id: i64) -> Option<Self> {
        match activity_id {
            1 => Some(Self::Manufacturing),
            3 | 4 | 5 | 7 | 8 => Some(Self::Science),
            9 | 11 => Some(Self::Reactions),
            _ => None,
        }
    }
}

/// How many slots of a kind the skills give: one, and one per active level of the
/// kind's two skills (an Alpha clone's active level counts, not the trained one).
pub fn total(kind: SlotKind, skills: &SkillsBoard) -> u32 {
    let levels: i64 = skills
        .skills
        .iter()
        .filter(|s| kind.skills().contains(&s.skill_id))
        .map(|s| s.active_level.clamp(0, 5))
        .sum();
    1 + u32::try_from(levels).unwrap_or(0)
}

/// Whether a job on a stored board still holds its slot (not delivered, cancelled or
/// reverted; ESI's default listing has only these, but `include_completed` has been
/// ignored at times: esi/esi-issues#563).
pub fn holds_slot(job: &IndustryJob) -> bool {
    matches!(job.status.as_str(), "active" | "paused" | "ready")
}

/// The undelivered jobs holding one kind of slot: those with an end, and the paused ones
/// (no end).
#[derive(Debug, Default)]
pub struct Held<'a> {
    pub ending: Vec<&'a IndustryJob>,
    pub paused: u32,
}

/// The jobs a character installed (personal and corporate), by the kind of slot each
/// holds; jobs that hold none, or of an activity unknown to us, are left out.
pub fn held_by_kind<'a>(
    installed: impl IntoIterator<Item = &'a IndustryJob>,
) -> BTreeMap<SlotKind, Held<'a>> {
    let mut held: BTreeMap<SlotKind, Held<'a>> = BTreeMap::new();
    for job in installed.into_iter().filter(|j| holds_slot(j)) {
        let Some(kind) = SlotKind::of_activity(job.activity_id) else {
            continue;
        };
        let h = held.entry(kind).or_default();
        if job.status == "paused" {
            h.paused += 1;
        } else {
            h.ending.push(job);
        }
    }
    held
}

/// One character's slots: `skills` for the totals and the undelivered jobs the
/// character installed (personal and corporate) for their use.
pub fn slots_of<'a>(
    skills: &SkillsBoard,
    installed: impl IntoIterator<Item = &'a IndustryJob>,
) -> Vec<SlotUse> {
    let mut held = held_by_kind(installed);
    SlotKind::ALL
        .into_iter()
        .map(|kind| {
            let h = held.remove(&kind).unwrap_or_default();
            let mut busy_until: Vec<i64> = h.ending.iter().map(|j| j.end_at).collect();
            busy_until.sort_unstable();
            SlotUse {
                kind,
                total: total(kind, skills),
                busy_until,
                paused: h.paused,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::models::TrainedSkill;

    fn skill(skill_id: i64, active: i64, trained: i64) -> TrainedSkill {
        TrainedSkill {
            skill_id,
            name: None,
            group: None,
            skillpoints: 0,
            trained_level: trained,
            active_level: active,
        }
    }

    fn job(job_id: i64, activity_id: i64, status: &str, end_at: i64) -> IndustryJob {
        IndustryJob {
            job_id,
            activity_id,
            blueprint_type_id: 691,
            product_type_id: None,
            runs: 1,
            start_at: 0,
            end_at,
            status: status.into(),
            installer_id: 1,
            location_id: 60_003_760,
            activity: None,
            blueprint_name: None,
            product_name: None,
            installer_name: None,
            location_name: None,
        }
    }

    #[test]
    fn each_level_of_the_two_skills_of_a_kind_adds_a_slot_to_the_one_every_pilot_has() {
        let skills = SkillsBoard {
            total_sp: 0,
            unallocated_sp: 0,
            skills: vec![
                skill(3387, 5, 5),  // Mass Production V
                skill(24625, 2, 2), // Advanced Mass Production II
                skill(3406, 4, 4),  // Laboratory Operation IV
                skill(3380, 5, 5),  // Industry: no slot
            ],
        };
        assert_eq!(total(SlotKind::Manufacturing, &skills), 8);
        assert_eq!(total(SlotKind::Science, &skills), 5);
        assert_eq!(total(SlotKind::Reactions, &skills), 1);
    }

    #[test]
    fn an_alpha_clone_has_the_slots_of_its_active_levels() {
        let skills = SkillsBoard {
            total_sp: 0,
            unallocated_sp: 0,
            skills: vec![skill(3387, 2, 5), skill(24625, 0, 4)],
        };
        assert_eq!(total(SlotKind::Manufacturing, &skills), 3);
    }

    #[test]
    fn undelivered_jobs_hold_their_kind_of_slot_until_delivered() {
        let skills = SkillsBoard {
            total_sp: 0,
            unallocated_sp: 0,
            skills: vec![],
        };
        let jobs = [
            job(1, 1, "active", 500),
            job(2, 1, "active", 100), // ended, not delivered: still holds it
            job(3, 8, "active", 300),
            job(4, 5, "paused", 200),
            job(5, 11, "ready", 50),
            job(6, 1, "delivered", 40),
            job(7, 3, "cancelled", 40),
            job(8, 42, "active", 40), // an activity we do not know
        ];
        let slots = slots_of(&skills, &jobs);
        let of = |k: SlotKind| slots.iter().find(|s| s.kind == k).unwrap().clone();
        assert_eq!(of(SlotKind::Manufacturing).busy_until, vec![100, 500]);
        assert_eq!(of(SlotKind::Science).busy_until, vec![300]);
        assert_eq!(of(SlotKind::Science).paused, 1);
        assert_eq!(of(SlotKind::Reactions).busy_until, vec![50]);
        assert!(slots.iter().all(|s| s.total == 1));
    }
}
