//! Clones and jumps (the `clones` feature): each character's home station, jump clones
//! with their implants, the active clone's implants, when the next clone jump is
//! available and when jump fatigue ends. Three character boards on the owner-sync
//! engine; the cooldown comes from the stored skills.
//!
//! The game's numbers, from CCP's Static Data Export (export of 2026-01-20, as kept by
//! cjkilman/eve-sde-dump): attribute 1921 "Clone Jump Cool Down" is 24 (hours) on the
//! Character type, and Infomorph Synchronizing's effect 5527 subtracts its level from
//! it; Infomorph Psychology, Advanced and Elite Infomorph Psychology each add their level
//! to attribute 979 "Maximum Jump Clones" (effect 2311).

pub mod commands;
pub mod descriptors;
pub mod models;

use crate::skills::models::SkillsBoard;

/// Hours between clone jumps with no training.
pub const BASE_COOLDOWN_HOURS: i64 = 24;
/// Infomorph Synchronizing: an hour less per level.
const INFOMORPH_SYNCHRONIZING: i64 = 33399;
/// Infomorph Psychology, Advanced Infomorph Psychology, Elite Infomorph Psychology.
const JUMP_CLONE_SKILLS: [i64; 3] = [24242, 33407, 73910];

fn level(skills: &SkillsBoard, skill_id: i64) -> i64 {
    skills
        .skills
        .iter()
        .find(|s| s.skill_id == skill_id)
        .map_or(0, |s| s.active_level.clamp(0, 5))
}

/// Hours between clone jumps for these skills.
pub fn cooldown_hours(skills: &SkillsBoard) -> i64 {
    BASE_COOLDOWN_HOURS - level(skills, INFOMORPH_SYNCHRONIZING)
}

/// How many jump clones these skills allow.
pub fn max_jump_clones(skills: &SkillsBoard) -> i64 {
    JUMP_CLONE_SKILLS.iter().map(|id| level(skills, *id)).sum()
}

/// When the next clone jump is available: the last jump plus the cooldown (`None`: never
/// jumped, so available).
pub fn next_jump_at(last_clone_jump_at: Option<i64>, skills: &SkillsBoard) -> Option<i64> {
    last_clone_jump_at.map(|at| at + cooldown_hours(skills) * 3_600_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::models::TrainedSkill;

    fn skills(levels: &[(i64, i64)]) -> SkillsBoard {
        SkillsBoard {
            total_sp: 0,
            unallocated_sp: 0,
            skills: levels
                .iter()
                .map(|(skill_id, l)| TrainedSkill {
                    skill_id: *skill_id,
                    name: None,
                    group: None,
                    skillpoints: 0,
                    trained_level: *l,
                    active_level: *l,
                })
                .collect(),
        }
    }

    #[test]
    fn each_level_of_infomorph_synchronizing_takes_an_hour_off_the_days_wait() {
        assert_eq!(cooldown_hours(&skills(&[])), 24);
        assert_eq!(cooldown_hours(&skills(&[(33399, 2)])), 22);
        assert_eq!(cooldown_hours(&skills(&[(33399, 5)])), 19);
        assert_eq!(
            next_jump_at(Some(1_000), &skills(&[(33399, 2)])),
            Some(1_000 + 22 * 3_600_000)
        );
        assert_eq!(next_jump_at(None, &skills(&[])), None);
    }

    #[test]
    fn the_three_infomorph_psychology_skills_each_add_a_clone_per_level() {
        assert_eq!(max_jump_clones(&skills(&[])), 0);
        assert_eq!(
            max_jump_clones(&skills(&[(24242, 5), (33407, 5), (73910, 2)])),
            12
        );
    }
}
