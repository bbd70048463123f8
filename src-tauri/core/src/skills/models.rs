use serde::{Deserialize, Serialize};

use crate::sync::SyncInfo;

/// A character's trained skills, as stored (names are added when read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SkillsBoard {
    pub total_sp: i64,
    pub unallocated_sp: i64,
    pub skills: Vec<TrainedSkill>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrainedSkill {
    pub skill_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub name: Option<String>,
    /// The skill's group (Gunnery, Industry, …), from CCP's static data; filled when
    /// shown, never stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub group: Option<String>,
    pub skillpoints: i64,
    pub trained_level: i64,
    pub active_level: i64,
}

/// One entry of a skill queue. Times are Unix epoch milliseconds; a paused queue has
/// none. An entry whose `finishAt` has passed is complete: the UI derives that.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QueuedSkill {
    pub skill_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub name: Option<String>,
    pub finished_level: i64,
    pub position: i64,
    pub start_at: Option<i64>,
    pub finish_at: Option<i64>,
    pub level_start_sp: Option<i64>,
    pub level_end_sp: Option<i64>,
    pub training_start_sp: Option<i64>,
}

/// A character's attributes as ESI reports them (implants included) and when they may
/// be remapped. Times are Unix epoch ms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Attributes {
    pub charisma: i64,
    pub intelligence: i64,
    pub memory: i64,
    pub perception: i64,
    pub willpower: i64,
    pub bonus_remaps: i64,
    /// `None` for a character who never remapped.
    pub last_remap_at: Option<i64>,
    /// When the yearly remap is available again (passed: available now); `None` as
    /// `last_remap_at`.
    pub accrued_remap_at: Option<i64>,
}

/// One character on the skill board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CharacterSkills {
    pub character_id: i64,
    pub name: String,
    /// `None` until the first read.
    pub skills: Option<SkillsBoard>,
    pub queue: Option<Vec<QueuedSkill>>,
    /// `None` until the first read.
    pub attributes: Option<Attributes>,
    pub skills_sync: SyncInfo,
    pub queue_sync: SyncInfo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SkillsView {
    pub characters: Vec<CharacterSkills>,
    /// The player's own warning time (Settings): a queue ending sooner is shown amber.
    /// 0: never.
    pub queue_warning_hours: u32,
}
