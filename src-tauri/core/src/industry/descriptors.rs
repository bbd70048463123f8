//! What the engine needs to know about the roles, personal-jobs and corporation-jobs
//! boards.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::models::IndustryJob;
use crate::esi::routes;
use crate::sync::{Deadline, DeadlineKind, Descriptor, Slice};

/// The roles that may read a corporation's industry jobs.
pub const JOB_READER_ROLES: &[&str] = &["Factory_Manager", "Director"];

pub const ROLES: Descriptor = Descriptor::character(
    Slice::Roles,
    routes::ROLES,
    "esi-characters.read_corporation_roles.v1",
    normalize_roles,
)
.unannounced();

pub const CHARACTER_JOBS: Descriptor = Descriptor::character(
    Slice::CharacterJobs,
    routes::CHARACTER_JOBS,
    "esi-industry.read_character_jobs.v1",
    normalize_jobs,
)
.named(job_name_ids)
.with_deadlines(|owner, board, _| job_deadlines(board, Some(owner)));

pub const CORPORATION_JOBS: Descriptor = Descriptor::corporation(
    Slice::CorporationJobs,
    routes::CORPORATION_JOBS,
    "esi-industry.read_corporation_jobs.v1",
    normalize_jobs,
    &ROLES,
    JOB_READER_ROLES,
)
.named(job_name_ids)
.with_deadlines(|_, board, _| job_deadlines(board, None))
.paged();

#[derive(Deserialize)]
struct EsiRoles {
    #[serde(default)]
    roles: Vec<String>,
}

/// Stored as the sorted list of (general) roles.
fn normalize_roles(body: Value) -> Result<String, String> {
    let mut roles = serde_json::from_value::<EsiRoles>(body)
        .map_err(|e| e.to_string())?
        .roles;
    roles.sort();
    serde_json::to_string(&roles).map_err(|e| e.to_string())
}

#[derive(Deserialize)]
struct EsiJob {
    job_id: i64,
    activity_id: i64,
    blueprint_type_id: i64,
    #[serde(default)]
    product_type_id: Option<i64>,
    runs: i64,
    start_date: DateTime<Utc>,
    end_date: DateTime<Utc>,
    status: String,
    installer_id: i64,
    /// Personal jobs.
    #[serde(default)]
    station_id: Option<i64>,
    /// Corporation jobs.
    #[serde(default)]
    location_id: Option<i64>,
    facility_id: i64,
}

fn normalize_jobs(body: Value) -> Result<String, String> {
    let esi: Vec<EsiJob> = serde_json::from_value(body).map_err(|e| e.to_string())?;
    let mut jobs: Vec<IndustryJob> = esi
        .into_iter()
        .map(|j| IndustryJob {
            job_id: j.job_id,
            activity_id: j.activity_id,
            blueprint_type_id: j.blueprint_type_id,
            product_type_id: j.product_type_id,
            runs: j.runs,
            start_at: j.start_date.timestamp_millis(),
            end_at: j.end_date.timestamp_millis(),
            status: j.status,
            installer_id: j.installer_id,
            location_id: j.station_id.or(j.location_id).unwrap_or(j.facility_id),
            activity: None,
            blueprint_name: None,
            product_name: None,
            installer_name: None,
            location_name: None,
        })
        .collect();
    jobs.sort_by_key(|j| j.job_id);
    jobs.dedup_by_key(|j| j.job_id);
    serde_json::to_string(&jobs).map_err(|e| e.to_string())
}

fn job_name_ids(board: &str) -> Vec<i64> {
    serde_json::from_str::<Vec<IndustryJob>>(board)
        .map(|jobs| {
            jobs.iter()
                .flat_map(|j| {
                    let location = crate::names::is_station(j.location_id).then_some(j.location_id);
                    [
                        Some(j.blueprint_type_id),
                        j.product_type_id,
                        Some(j.installer_id),
                        location,
                    ]
                })
                .flatten()
                .collect()
        })
        .unwrap_or_default()
}

/// Each job that will be (or is) ready to deliver, for its owner (a personal job) or its
/// installer (a corporation job).
fn job_deadlines(board: &str, owner: Option<i64>) -> Vec<Deadline> {
    serde_json::from_str::<Vec<IndustryJob>>(board)
        .map(|jobs| {
            jobs.iter()
                .filter(|j| matches!(j.status.as_str(), "active" | "ready"))
                .map(|j| Deadline {
                    character_id: owner.unwrap_or(j.installer_id),
                    kind: DeadlineKind::JobReady,
                    at: j.end_at,
                })
                .collect()
        })
        .unwrap_or_default()
}
