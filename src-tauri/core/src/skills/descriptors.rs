//! What the engine needs to know about the skills and skill-queue boards.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::models::{Attributes, QueuedSkill, SkillsBoard, TrainedSkill};
use crate::esi::routes;
use crate::sync::{Deadline, DeadlineKind, Descriptor, Slice};

pub const SKILLS: Descriptor = Descriptor::character(
    Slice::Skills,
    routes::SKILLS,
    "esi-skills.read_skills.v1",
    normalize_skills,
)
.named(skills_name_ids);

pub const SKILLQUEUE: Descriptor = Descriptor::character(
    Slice::Skillqueue,
    routes::SKILLQUEUE,
    "esi-skills.read_skillqueue.v1",
    normalize_queue,
)
.named(queue_name_ids)
.with_deadlines(|owner, board, _| queue_deadlines(owner, board));

/// Covered by the skills scope (CCP's spec names it for the route).
pub const ATTRIBUTES: Descriptor = Descriptor::character(
    Slice::Attributes,
    routes::ATTRIBUTES,
    "esi-skills.read_skills.v1",
    normalize_attributes,
);

#[derive(Deserialize)]
struct EsiAttributes {
    charisma: i64,
    intelligence: i64,
    memory: i64,
    perception: i64,
    willpower: i64,
    #[serde(default)]
    bonus_remaps: Option<i64>,
    #[serde(default)]
    last_remap_date: Option<DateTime<Utc>>,
    #[serde(default)]
    accrued_remap_cooldown_date: Option<DateTime<Utc>>,
}

fn normalize_attributes(body: Value) -> Result<String, String> {
    let esi: EsiAttributes = serde_json::from_value(body).map_err(|e| e.to_string())?;
    serde_json::to_string(&Attributes {
        charisma: esi.charisma,
        intelligence: esi.intelligence,
        memory: esi.memory,
        perception: esi.perception,
        willpower: esi.willpower,
        bonus_remaps: esi.bonus_remaps.unwrap_or(0),
        last_remap_at: esi.last_remap_date.map(|d| d.timestamp_millis()),
        accrued_remap_at: esi
            .accrued_remap_cooldown_date
            .map(|d| d.timestamp_millis()),
    })
    .map_err(|e| e.to_string())
}

#[derive(Deserialize)]
struct EsiSkills {
    skills: Vec<EsiSkill>,
    total_sp: i64,
    #[serde(default)]
    unallocated_sp: Option<i64>,
}

#[derive(Deserialize)]
struct EsiSkill {
    skill_id: i64,
    skillpoints_in_skill: i64,
    trained_skill_level: i64,
    active_skill_level: i64,
}

#[derive(Deserialize)]
struct EsiQueued {
    skill_id: i64,
    finished_level: i64,
    queue_position: i64,
    #[serde(default)]
    start_date: Option<DateTime<Utc>>,
    #[serde(default)]
    finish_date: Option<DateTime<Utc>>,
    #[serde(default)]
    level_start_sp: Option<i64>,
    #[serde(default)]
    level_end_sp: Option<i64>,
    #[serde(default)]
    training_start_sp: Option<i64>,
}

fn normalize_skills(body: Value) -> Result<String, String> {
    let esi: EsiSkills = serde_json::from_value(body).map_err(|e| e.to_string())?;
    let mut skills: Vec<TrainedSkill> = esi
        .skills
        .into_iter()
        .map(|s| TrainedSkill {
            skill_id: s.skill_id,
            name: None,
            skillpoints: s.skillpoints_in_skill,
            group: None,
            trained_level: s.trained_skill_level,
            active_level: s.active_skill_level,
        })
        .collect();
    skills.sort_by_key(|s| s.skill_id);
    serde_json::to_string(&SkillsBoard {
        total_sp: esi.total_sp,
        unallocated_sp: esi.unallocated_sp.unwrap_or(0),
        skills,
    })
    .map_err(|e| e.to_string())
}

fn normalize_queue(body: Value) -> Result<String, String> {
    let esi: Vec<EsiQueued> = serde_json::from_value(body).map_err(|e| e.to_string())?;
    let mut queue: Vec<QueuedSkill> = esi
        .into_iter()
        .map(|q| QueuedSkill {
            skill_id: q.skill_id,
            name: None,
            finished_level: q.finished_level,
            position: q.queue_position,
            start_at: q.start_date.map(|d| d.timestamp_millis()),
            finish_at: q.finish_date.map(|d| d.timestamp_millis()),
            level_start_sp: q.level_start_sp,
            level_end_sp: q.level_end_sp,
            training_start_sp: q.training_start_sp,
        })
        .collect();
    queue.sort_by_key(|q| q.position);
    serde_json::to_string(&queue).map_err(|e| e.to_string())
}

fn skills_name_ids(board: &str) -> Vec<i64> {
    serde_json::from_str::<SkillsBoard>(board)
        .map(|b| b.skills.iter().map(|s| s.skill_id).collect())
        .unwrap_or_default()
}

fn queue_name_ids(board: &str) -> Vec<i64> {
    serde_json::from_str::<Vec<QueuedSkill>>(board)
        .map(|q| q.iter().map(|e| e.skill_id).collect())
        .unwrap_or_default()
}

/// The queue's end, when it is training.
fn queue_deadlines(character_id: i64, board: &str) -> Vec<Deadline> {
    serde_json::from_str::<Vec<QueuedSkill>>(board)
        .ok()
        .and_then(|q| q.iter().filter_map(|e| e.finish_at).max())
        .map(|at| Deadline {
            character_id,
            kind: DeadlineKind::QueueEnds,
            at,
        })
        .into_iter()
        .collect()
}
