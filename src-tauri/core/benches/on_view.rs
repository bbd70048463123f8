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
use std::time::{Duration, Instant};

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
    // No network: what a view spawns behind its answer (the roster's corporation check)
    // fails at once on a closed port, as the start-up benchmark's app does.
    config.gate = cynosure_core::esi::config::GateConfig {
        max_retries: 0,
        ..cynosure_core::esi::config::GateConfig::at("http://127.0.0.1:9")
    };
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

/// Every feature board of `characters` characters, and their skills.
async fn seed_features(core: &Cynosure, characters: i64) {
    for c in 0..characters {
        let id = 2_112_000_000 + c;
        seed::features(core, id, NOW).await;
        seed::board(
            core,
            cynosure_core::sync::Slice::Skills,
            id,
            &seed::skills(),
            NOW,
        )
        .await;
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

/// The percentiles of `samples` reads, each timed on its own: criterion reports an
/// interval of the mean, and #22's goal is on the tail.
fn tail<F, Fut>(runtime: &tokio::runtime::Runtime, samples: usize, read: F) -> [Duration; 3]
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            runtime.block_on(read());
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((samples as f64 * q).ceil() as usize).min(samples) - 1];
    [at(0.50), at(0.99), times[samples - 1]]
}

/// Every view's stored read at 100 characters in 20 accounts (#22 part 4): what each
/// view returns before any network call, and the start-up command's first paint.
fn every_board_at_100(c: &mut Criterion) {
    use cynosure_core::clones::commands::clones_read;
    use cynosure_core::contracts::commands::contracts_read;
    use cynosure_core::first_paint::commands::first_paint;
    use cynosure_core::markets::commands::orders_read;
    use cynosure_core::next::commands::next_view;
    use cynosure_core::planets::commands::planets_read;
    use cynosure_core::roster::commands::{account_assign, account_create, roster_list};
    use cynosure_core::skills::commands::skills_read;
    use cynosure_core::slots::commands::slots_read;
    const CHARACTERS: i64 = 100;
    const SAMPLES: usize = 1_000;
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = Arc::new(runtime.block_on(async {
        let core = seeded(dir.path(), CHARACTERS, 20).await;
        seed_features(&core, CHARACTERS).await;
        let mut account = 0;
        for c in 0..CHARACTERS {
            let id = 2_112_000_000 + c;
            if c % 5 == 0 {
                account = account_create(&core, &format!("Account {}", c / 5))
                    .await
                    .unwrap()
                    .account_id;
            }
            account_assign(&core, id, Some(account)).await.unwrap();
        }
        core
    }));
    let paint = runtime.block_on(first_paint(&core)).unwrap();
    assert_eq!(paint.roster.len() as i64, CHARACTERS);
    assert_eq!(paint.accounts.len() as i64, CHARACTERS / 5);
    let planets = runtime.block_on(planets_read(&core)).unwrap();
    assert!(planets.characters.iter().all(|c| c.colonies.is_some()));

    let mut tails = Vec::new();
    let mut group = c.benchmark_group("every board at 100 characters");
    macro_rules! board {
        ($name:literal, $read:expr) => {{
            group.bench_function($name, |b| {
                b.to_async(&runtime).iter(|| async { $read.await.unwrap() })
            });
            tails.push((
                $name,
                tail(&runtime, SAMPLES, || async {
                    $read.await.unwrap();
                }),
            ));
        }};
    }
    board!("first paint (start-up)", first_paint(&core));
    board!("roster", roster_list(&core));
    board!("skills", skills_read(&core));
    board!("industry jobs", jobs_read(&core));
    board!("free slots", slots_read(&core));
    board!("planets", planets_read(&core));
    board!("clones", clones_read(&core));
    board!("market orders", orders_read(&core));
    board!("contracts", contracts_read(&core));
    board!("next login", next_view(&core));
    group.finish();
    println!("\nevery board at {CHARACTERS} characters, {SAMPLES} reads each, timed one by one:");
    println!("| board | p50 | p99 | max |");
    println!("| --- | ---: | ---: | ---: |");
    for (name, [p50, p99, max]) in tails {
        println!("| {name} | {p50:.2?} | {p99:.2?} | {max:.2?} |");
    }
    runtime.block_on(async { Arc::try_unwrap(core).ok().unwrap().close().await });
}

criterion_group!(
    benches,
    on_view,
    alarm_idle_tick,
    feature_boards,
    every_board_at_100
);
criterion_main!(benches);
