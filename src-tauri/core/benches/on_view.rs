//! The on-view read of the job boards (what `jobs_on_view` returns before any network
//! call): 50 characters × 20 jobs, against 5 × 20 in the same run for scale. And the job
//! alarm's idle look at the same boards (what it costs each time it wakes with nothing
//! due, at most once a minute).
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

criterion_group!(benches, on_view, alarm_idle_tick);
criterion_main!(benches);
