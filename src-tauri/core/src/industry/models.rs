use serde::{Deserialize, Serialize};

use crate::sync::{OwnerKind, SyncInfo};

/// An industry job as stored (names are added when read). Times are Unix epoch ms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IndustryJob {
    pub job_id: i64,
    pub activity_id: i64,
    pub blueprint_type_id: i64,
    pub product_type_id: Option<i64>,
    pub runs: i64,
    pub start_at: i64,
    pub end_at: i64,
    /// ESI's status: `active` (also for a finished job not yet delivered), `paused`,
    /// `ready`, …
    pub status: String,
    pub installer_id: i64,
    /// The station (personal jobs) or location (corporation jobs).
    pub location_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub activity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub blueprint_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub product_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub installer_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub location_name: Option<String>,
}

/// One owner's jobs: a character's personal jobs or a corporation's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct JobsOwner {
    pub owner_kind: OwnerKind,
    pub owner_id: i64,
    /// The character's or corporation's name, when known.
    pub name: Option<String>,
    /// `None` until the first read.
    pub jobs: Option<Vec<IndustryJob>>,
    pub sync: SyncInfo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct JobsView {
    pub owners: Vec<JobsOwner>,
}

/// Industry activity names by id (the SDE's `industryActivity`).
pub fn activity_name(id: i64) -> &'static str {
    match id {
        1 => "Manufacturing",
        3 => "Time Efficiency Research",
        4 => "Material Efficiency Research",
        5 => "Copying",
        7 => "Reverse Engineering",
        8 => "Invention",
        9 | 11 => "Reactions",
        _ => "Industry",
    }
}
