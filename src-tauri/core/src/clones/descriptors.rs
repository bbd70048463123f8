//! What the engine needs to know about the clones, implants and fatigue boards.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::models::{ClonesBoard, FatigueBoard, StoredJumpClone};
use crate::esi::routes;
use crate::names::is_station;
use crate::skills::models::SkillsBoard;
use crate::sync::{Deadline, DeadlineKind, Descriptor, Slice};

pub const CLONES: Descriptor = Descriptor::character(
    Slice::Clones,
    routes::CLONES,
    "esi-clones.read_clones.v1",
    normalize_clones,
)
.named(clones_name_ids)
.with_deadlines(clone_jump_deadline);

pub const IMPLANTS: Descriptor = Descriptor::character(
    Slice::Implants,
    routes::IMPLANTS,
    "esi-clones.read_implants.v1",
    normalize_implants,
)
.named(implant_name_ids);

pub const FATIGUE: Descriptor = Descriptor::character(
    Slice::Fatigue,
    routes::FATIGUE,
    "esi-characters.read_fatigue.v1",
    normalize_fatigue,
)
.with_deadlines(fatigue_deadline);

// Only stations are named: an Upwell structure's name needs docking access and one
// unknown id fails a whole `/universe/names` batch. The id decides, not
// `location_type` (esi/esi-issues#1184).

#[derive(Deserialize)]
struct EsiLocation {
    #[serde(default)]
    location_id: Option<i64>,
}

#[derive(Deserialize)]
struct EsiJumpClone {
    jump_clone_id: i64,
    location_id: i64,
    implants: Vec<i64>,
}

#[derive(Deserialize)]
struct EsiClones {
    #[serde(default)]
    home_location: Option<EsiLocation>,
    jump_clones: Vec<EsiJumpClone>,
    #[serde(default)]
    last_clone_jump_date: Option<DateTime<Utc>>,
    #[serde(default)]
    last_station_change_date: Option<DateTime<Utc>>,
}

fn normalize_clones(body: Value) -> Result<String, String> {
    let esi: EsiClones = serde_json::from_value(body).map_err(|e| e.to_string())?;
    let mut jump_clones: Vec<StoredJumpClone> = esi
        .jump_clones
        .into_iter()
        .map(|j| {
            let mut implants = j.implants;
            implants.sort_unstable();
            StoredJumpClone {
                jump_clone_id: j.jump_clone_id,
                location_id: j.location_id,
                implants,
            }
        })
        .collect();
    jump_clones.sort_by_key(|j| j.jump_clone_id);
    serde_json::to_string(&ClonesBoard {
        home_location_id: esi.home_location.and_then(|h| h.location_id),
        jump_clones,
        last_clone_jump_at: esi.last_clone_jump_date.map(|d| d.timestamp_millis()),
        last_station_change_at: esi.last_station_change_date.map(|d| d.timestamp_millis()),
    })
    .map_err(|e| e.to_string())
}

fn normalize_implants(body: Value) -> Result<String, String> {
    let mut implants: Vec<i64> = serde_json::from_value(body).map_err(|e| e.to_string())?;
    implants.sort_unstable();
    serde_json::to_string(&implants).map_err(|e| e.to_string())
}

#[derive(Deserialize)]
struct EsiFatigue {
    #[serde(default)]
    jump_fatigue_expire_date: Option<DateTime<Utc>>,
    #[serde(default)]
    last_jump_date: Option<DateTime<Utc>>,
}

fn normalize_fatigue(body: Value) -> Result<String, String> {
    let esi: EsiFatigue = serde_json::from_value(body).map_err(|e| e.to_string())?;
    serde_json::to_string(&FatigueBoard {
        expires_at: esi.jump_fatigue_expire_date.map(|d| d.timestamp_millis()),
        last_jump_at: esi.last_jump_date.map(|d| d.timestamp_millis()),
    })
    .map_err(|e| e.to_string())
}

fn clones_name_ids(board: &str) -> Vec<i64> {
    let Ok(b) = serde_json::from_str::<ClonesBoard>(board) else {
        return Vec::new();
    };
    let places = b
        .home_location_id
        .into_iter()
        .chain(b.jump_clones.iter().map(|j| j.location_id))
        .filter(|id| is_station(*id));
    let implants = b
        .jump_clones
        .iter()
        .flat_map(|j| j.implants.iter().copied());
    places.chain(implants).collect()
}

fn implant_name_ids(board: &str) -> Vec<i64> {
    serde_json::from_str(board).unwrap_or_default()
}

/// The next clone jump, from the last one and the character's stored skills.
fn clone_jump_deadline(
    character_id: i64,
    board: &str,
    other: &dyn Fn(Slice) -> Option<String>,
) -> Vec<Deadline> {
    let Ok(clones) = serde_json::from_str::<ClonesBoard>(board) else {
        return Vec::new();
    };
    let Some(skills) =
        other(Slice::Skills).and_then(|s| serde_json::from_str::<SkillsBoard>(&s).ok())
    else {
        return Vec::new();
    };
    super::next_jump_at(clones.last_clone_jump_at, &skills)
        .map(|at| Deadline {
            character_id,
            kind: DeadlineKind::CloneJump,
            at,
        })
        .into_iter()
        .collect()
}

fn fatigue_deadline(
    character_id: i64,
    board: &str,
    _: &dyn Fn(Slice) -> Option<String>,
) -> Vec<Deadline> {
    serde_json::from_str::<FatigueBoard>(board)
        .ok()
        .and_then(|f| f.expires_at)
        .map(|at| Deadline {
            character_id,
            kind: DeadlineKind::FatigueEnds,
            at,
        })
        .into_iter()
        .collect()
}
