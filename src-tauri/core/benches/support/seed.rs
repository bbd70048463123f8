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
            // Every feature's permissions, as a player who turned them all on granted them.
            scopes: cynosure_core::catalog::wanted_scopes(
                &cynosure_core::settings::models::Settings {
                    features: cynosure_core::catalog::FEATURES
                        .iter()
                        .map(|f| f.feature)
                        .collect(),
                    ..Default::default()
                },
            )
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

/// Every feature board of `id`, as of `now`: clones (3 jump clones with implants), implants,
/// fatigue, 20 open and 5 ended market orders, 20 contracts, two laid-out colonies.
pub async fn features(core: &Cynosure, id: i64, now: i64) {
    use cynosure_core::clones::models::{ClonesBoard, FatigueBoard, StoredJumpClone};
    use cynosure_core::contracts::models::{Contract, ContractStatus, ContractType};
    use cynosure_core::markets::models::{EndedOrder, MarketOrder, OrderEnd, OrdersBoard};
    let clones = ClonesBoard {
        home_location_id: Some(60_003_760),
        jump_clones: (0..3)
            .map(|j| StoredJumpClone {
                jump_clone_id: id * 10 + j,
                location_id: 60_008_494,
                implants: vec![9899, 9941],
            })
            .collect(),
        last_clone_jump_at: Some(now - 10 * HOUR),
        last_station_change_at: None,
    };
    board(core, Slice::Clones, id, &clones, now).await;
    board(core, Slice::Implants, id, &vec![9942, 9943], now).await;
    let fatigue = FatigueBoard {
        expires_at: Some(now + HOUR),
        last_jump_at: Some(now - HOUR),
    };
    board(core, Slice::Fatigue, id, &fatigue, now).await;
    let order = |o: i64| MarketOrder {
        order_id: id * 100 + o,
        type_id: 587 + o % 7,
        is_buy: o % 3 == 0,
        price: 1_000.0 + o as f64,
        volume_remain: 5,
        volume_total: 10,
        location_id: 60_003_760,
        region_id: 10_000_002,
        range: "region".into(),
        issued_at: now - 10 * 24 * HOUR,
        expires_at: now + o * HOUR,
        escrow: None,
        is_corporation: false,
    };
    let orders = OrdersBoard {
        open: (0..20).map(order).collect(),
        ended: (20..25)
            .map(|o| EndedOrder {
                order: order(o),
                left_at: now - HOUR,
                end: Some(OrderEnd::Filled),
            })
            .collect(),
    };
    board(core, Slice::MarketOrders, id, &orders, now).await;
    let contracts: Vec<Contract> = (0..20)
        .map(|k| Contract {
            contract_id: id * 100 + k,
            kind: ContractType::ItemExchange,
            status: ContractStatus::Outstanding,
            title: Some(format!("Lot {k}")),
            issuer_id: id,
            issuer_corporation_id: 98_700_000,
            assignee_id: 0,
            acceptor_id: 0,
            for_corporation: false,
            issued_at: now - 24 * HOUR,
            expires_at: now + k * HOUR,
            accepted_at: None,
            completed_at: None,
            days_to_complete: None,
            start_location_id: Some(60_003_760),
            end_location_id: Some(60_003_760),
            price: Some(1_000_000.0),
            reward: None,
            collateral: None,
            buyout: None,
            volume: Some(10.0),
        })
        .collect();
    board(core, Slice::Contracts, id, &contracts, now).await;
    board(core, Slice::Planets, id, &planets(id, now), now).await;
}

/// Two colonies of `id`, each with two extractors on a program and a factory, laid out.
pub fn planets(id: i64, now: i64) -> cynosure_core::planets::models::PlanetsBoard {
    use cynosure_core::planets::models::{Amount, Colony, Extractor, Factory, Layout};
    let colony = |k: i64| Colony {
        planet_id: 40_000_000 + id % 1000 * 10 + k,
        planet_type: "barren".into(),
        solar_system_id: 30_000_142,
        upgrade_level: 4,
        num_pins: 12,
        last_update: now - HOUR,
        layout: Some(Layout {
            extractors: (0..2)
                .map(|e| Extractor {
                    pin_id: id * 100 + k * 10 + e,
                    type_id: 3060,
                    product_type_id: Some(2268 + e),
                    product_name: None,
                    heads: 10,
                    cycle_secs: Some(1800),
                    qty_per_cycle: Some(5_000),
                    install_at: Some(now - 10 * HOUR),
                    expiry_at: Some(now + (k + e + 1) * HOUR),
                })
                .collect(),
            factories: vec![Factory {
                pin_id: id * 100 + k * 10 + 9,
                type_id: 2473,
                schematic_id: Some(121),
            }],
            stored: vec![Amount {
                type_id: 2393,
                amount: 1_200,
                name: None,
            }],
        }),
        planet_name: None,
    };
    cynosure_core::planets::models::PlanetsBoard {
        colonies: (0..2).map(colony).collect(),
    }
}
