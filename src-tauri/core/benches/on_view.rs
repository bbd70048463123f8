//! The on-view read of the job boards (what `jobs_on_view` returns before any network
//! call): 50 characters × 20 jobs, against 5 × 20 in the same run for scale. And the job
//! alarm's idle look at the same boards (what it costs each time it wakes with nothing
//! due, at most once a minute).
//!
//! And the on-view reads of the feature boards (clones, market orders, contracts) and the
//! free slots, at the same two sizes.
//!
//! `cargo bench -p cynosure-core --bench on_view`

#[path = "support/seed.rs"]
mod seed;

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use cynosure_core::alarms::task::Alarms;
use cynosure_core::industry::commands::jobs_read;
use cynosure_core::{Config, Cynosure, ManualClock, Paths};

const NOW: i64 = 1_795_014_400_000;

async fn seeded(dir: &std::path::Path, characters: i64, jobs: i64) -> Cynosure {
    seeded_at(dir, characters, jobs, NOW).await
}

/// The boards, with the core's clock at `clock_ms` (jobs end from `NOW` on).
async fn seeded_at(dir: &std::path::Path, characters: i64, jobs: i64, clock_ms: i64) -> Cynosure {
    let mut config = Config::new(Paths::in_dir(dir), Arc::new(ManualClock::new(clock_ms)));
    config.vault = cynosure_core::auth::VaultChoice::File;
    let core = Cynosure::open(config).await.unwrap();
    for c in 0..characters {
        let id = 2_112_000_000 + c;
        seed::character(
            &core,
            id,
            &format!("Pilot {c}"),
            98_700_000 + c % 5,
            NOW + c,
        )
        .await;
        let board = seed::jobs(id, jobs, NOW - seed::HOUR, |j| NOW + j * 60_000);
        seed::board(
            &core,
            cynosure_core::sync::Slice::CharacterJobs,
            id,
            &board,
            NOW,
        )
        .await;
    }
    for t in 0..7 {
        cynosure_core::store::names::upsert(
            core.db(),
            587 + t,
            &format!("Product {t}"),
            "inventory_type",
        )
        .await
        .unwrap();
    }
    core
}

fn on_view(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("jobs_on_view stored read");
    for characters in [5, 50] {
        let dir = tempfile::tempdir().unwrap();
        let core = runtime.block_on(seeded(dir.path(), characters, 20));
        let view = runtime.block_on(jobs_read(&core)).unwrap();
        assert_eq!(
            view.owners
                .iter()
                .flat_map(|o| o.jobs.iter().flatten())
                .count() as i64,
            characters * 20
        );
        group.bench_function(format!("{characters} characters x 20 jobs"), |b| {
            b.to_async(&runtime)
                .iter(|| async { jobs_read(&core).await.unwrap() })
        });
        runtime.block_on(core.close());
    }
    group.finish();
}

fn alarm_idle_tick(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("job alarm idle tick");
    for characters in [5, 50] {
        let dir = tempfile::tempdir().unwrap();
        // A minute before the first job ends: nothing due, nothing to refresh.
        let core = runtime.block_on(seeded_at(dir.path(), characters, 20, NOW - 60_000));
        let alarms = Alarms::new(NOW - 60_000);
        let tick = runtime.block_on(alarms.tick(&core)).unwrap();
        assert!(tick.notices.is_empty());
        assert_eq!(tick.next_at, Some(NOW));
        group.bench_function(format!("{characters} characters x 20 jobs"), |b| {
            b.to_async(&runtime)
                .iter(|| async { alarms.tick(&core).await.unwrap() })
        });
        runtime.block_on(core.close());
    }
    group.finish();
}

/// Every feature board of `characters` characters: clones (3 jump clones with implants),
/// implants, fatigue, 20 open and 5 ended market orders, 20 contracts.
async fn seed_features(core: &Cynosure, characters: i64) {
    use cynosure_core::clones::models::{ClonesBoard, FatigueBoard, StoredJumpClone};
    use cynosure_core::contracts::models::{Contract, ContractStatus, ContractType};
    use cynosure_core::markets::models::{EndedOrder, MarketOrder, OrderEnd, OrdersBoard};
    use cynosure_core::sync::Slice;
    for c in 0..characters {
        let id = 2_112_000_000 + c;
        let clones = ClonesBoard {
            home_location_id: Some(60_003_760),
            jump_clones: (0..3)
                .map(|j| StoredJumpClone {
                    jump_clone_id: id * 10 + j,
                    location_id: 60_008_494,
                    implants: vec![9899, 9941],
                })
                .collect(),
            last_clone_jump_at: Some(NOW - 10 * seed::HOUR),
            last_station_change_at: None,
        };
        seed::board(core, Slice::Clones, id, &clones, NOW).await;
        seed::board(core, Slice::Implants, id, &vec![9942, 9943], NOW).await;
        let fatigue = FatigueBoard {
            expires_at: Some(NOW + seed::HOUR),
            last_jump_at: Some(NOW - seed::HOUR),
        };
        seed::board(core, Slice::Fatigue, id, &fatigue, NOW).await;
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
            issued_at: NOW - 10 * 24 * seed::HOUR,
            expires_at: NOW + o * seed::HOUR,
            escrow: None,
            is_corporation: false,
        };
        let orders = OrdersBoard {
            open: (0..20).map(order).collect(),
            ended: (20..25)
                .map(|o| EndedOrder {
                    order: order(o),
                    left_at: NOW - seed::HOUR,
                    end: Some(OrderEnd::Filled),
                })
                .collect(),
        };
        seed::board(core, Slice::MarketOrders, id, &orders, NOW).await;
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
                issued_at: NOW - 24 * seed::HOUR,
                expires_at: NOW + k * seed::HOUR,
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
        seed::board(core, Slice::Contracts, id, &contracts, NOW).await;
        seed::board(core, Slice::Skills, id, &seed::skills(), NOW).await;
    }
}

fn feature_boards(c: &mut Criterion) {
    use cynosure_core::clones::commands::clones_read;
    use cynosure_core::contracts::commands::contracts_read;
    use cynosure_core::markets::commands::orders_read;
    use cynosure_core::slots::commands::slots_read;
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("feature boards stored read");
    for characters in [5, 50] {
        let dir = tempfile::tempdir().unwrap();
        let core = runtime.block_on(async {
            let core = seeded(dir.path(), characters, 20).await;
            seed_features(&core, characters).await;
            core
        });
        let orders = runtime.block_on(orders_read(&core)).unwrap();
        assert_eq!(
            orders
                .characters
                .iter()
                .flat_map(|c| c.open.iter().flatten())
                .count() as i64,
            characters * 20
        );
        let contracts = runtime.block_on(contracts_read(&core)).unwrap();
        assert_eq!(
            contracts
                .characters
                .iter()
                .flat_map(|c| c.contracts.iter().flatten())
                .count() as i64,
            characters * 20
        );
        let clones = runtime.block_on(clones_read(&core)).unwrap();
        assert!(clones.characters.iter().all(|c| c.jump_clones.is_some()));
        group.bench_function(format!("clones, {characters} characters"), |b| {
            b.to_async(&runtime)
                .iter(|| async { clones_read(&core).await.unwrap() })
        });
        group.bench_function(
            format!("market orders, {characters} characters x 25"),
            |b| {
                b.to_async(&runtime)
                    .iter(|| async { orders_read(&core).await.unwrap() })
            },
        );
        group.bench_function(format!("contracts, {characters} characters x 20"), |b| {
            b.to_async(&runtime)
                .iter(|| async { contracts_read(&core).await.unwrap() })
        });
        group.bench_function(format!("free slots, {characters} characters"), |b| {
            b.to_async(&runtime)
                .iter(|| async { slots_read(&core).await.unwrap() })
        });
        runtime.block_on(core.close());
    }
    group.finish();
}

criterion_group!(benches, on_view, alarm_idle_tick, feature_boards);
criterion_main!(benches);
