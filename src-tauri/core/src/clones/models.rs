use serde::{Deserialize, Serialize};

use crate::sync::SyncInfo;

/// A character's clones as stored. Times are Unix epoch ms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ClonesBoard {
    pub home_location_id: Option<i64>,
    pub jump_clones: Vec<StoredJumpClone>,
    /// `None` for a character who never jumped clones.
    pub last_clone_jump_at: Option<i64>,
    pub last_station_change_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StoredJumpClone {
    pub jump_clone_id: i64,
    pub location_id: i64,
    pub implants: Vec<i64>,
}

/// Jump fatigue as stored (`None`s: never fatigued).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FatigueBoard {
    pub expires_at: Option<i64>,
    pub last_jump_at: Option<i64>,
}

/// An id with its name, when known (a station, an implant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Named {
    pub id: i64,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct JumpClone {
    pub jump_clone_id: i64,
    /// A station (named) or an Upwell structure (ESI names it only to those with docking
    /// access: shown as a structure).
    pub location: Named,
    pub implants: Vec<Named>,
}

/// One character on the clones board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CharacterClones {
    pub character_id: i64,
    pub name: String,
    /// `None` until the first read (of each board).
    pub home: Option<Named>,
    pub jump_clones: Option<Vec<JumpClone>>,
    pub implants: Option<Vec<Named>>,
    /// How many jump clones the skills allow (`None`: skills not read).
    pub max_jump_clones: Option<i64>,
    /// Hours between clone jumps, from the skills (`None`: skills not read).
    pub cooldown_hours: Option<i64>,
    /// When the next clone jump is available (`None`: now, or not known yet).
    pub next_jump_at: Option<i64>,
    pub fatigue_ends_at: Option<i64>,
    pub sync: SyncInfo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ClonesView {
    /// The feature is on (Settings → Features).
    pub on: bool,
    pub characters: Vec<CharacterClones>,
}
