//! Stored boards as a player's database holds them after a few days, written through the
//! store as a sync run writes them: for the benchmarks and the start-up benchmark's
//! data folder (`examples/seed_boards.rs`).
#![allow(dead_code)]

use cynosure_core::industry::models::IndustryJob;
use cynosure_core::roster::models::{AuthState, LinkedCharacter};
use cynosure_core::skills::models::{QueuedSkill, SkillsBoard, TrainedSkill};
use cynosure_core::store::boards::{self, BoardKey};
use cynosure_core::sync::{OwnerKind, Slice};
use cynosure_core::Cynosure;

pub const HOUR: i64 = 3_600_000;

/// A linked character (no token: nothing here talks to ESI).
pub async fn character(core: &Cynosure, id: i64, name: &str, corporation_id: i64, added_at: i64) {
    cynosure_core::store::roster::upsert(
        core.db(),
        &LinkedCharacter {
            character_id: id,
            name: name.to_owned(),
            corporation_id,
            owner_hash: format!("owner-{id}"),
            scopes: cynosure_core::catalog::wanted_scopes(&Default::default())
                .into_iter()
                .map(str::to_owned)
                .collect(),
            auth_state: AuthState::Ok,
            added_at,
            account_id: None,
        },
    )
    .await
    .unwrap();
}

/// A character board, saved as a fresh read at `now` (cached for 5 minutes).
pub async fn board<T: serde::Serialize>(
    core: &Cynosure,
    slice: Slice,
    id: i64,
    body: &T,
    now: i64,
) {
    let key = BoardKey {
        owner_kind: OwnerKind::Character,
        owner_id: id,
        slice,
    };
    let generation = boards::claim(core.db(), key, now, now)
        .await
        .unwrap()
        .expect("no run holds a new board");
    boards::save(
        core.db(),
        key,
        generation,
        &serde_json::to_string(body).unwrap(),
        Some("seed"),
        now + 300_000,
        now,
    )
    .await
    .unwrap();
}

/// `count` active manufacturing jobs of `id`, the j-th ending at `end_at(j)`.
pub fn jobs(id: i64, count: i64, start_at: i64, end_at: impl Fn(i64) -> i64) -> Vec<IndustryJob> {
    (0..count)
        .map(|j| IndustryJob {
            job_id: id * 100 + j,
            activity_id: 1,
            blueprint_type_id: 691 + j % 7,
            product_type_id: Some(587 + j % 7),
            runs: 10,
            start_at,
            end_at: end_at(j),
            status: "active".into(),
            installer_id: id,
            location_id: 60_003_760,
            activity: None,
            blueprint_name: None,
            product_name: None,
            installer_name: None,
            location_name: None,
        })
        .collect()
}

/// 40 trained skills.
pub fn skills() -> SkillsBoard {
    SkillsBoard {
        total_sp: 40 * 45_255,
        unallocated_sp: 0,
        skills: (0..40)
            .map(|s| TrainedSkill {
                skill_id: 3300 + s,
                name: None,
                skillpoints: 45_255,
                group: None,
                trained_level: 4,
                active_level: 4,
            })
            .collect(),
    }
}

/// Five queued levels of ten hours each, the first in training at `now`.
pub fn queue(now: i64) -> Vec<QueuedSkill> {
    (0..5)
        .map(|q| QueuedSkill {
            skill_id: 3340 + q,
            name: None,
            finished_level: 5,
            position: q,
            start_at: Some(now + (q - 1) * 10 * HOUR),
            finish_at: Some(now + q * 10 * HOUR),
            level_start_sp: Some(45_255),
            level_end_sp: Some(256_000),
            training_start_sp: Some(45_255),
        })
        .collect()
}
