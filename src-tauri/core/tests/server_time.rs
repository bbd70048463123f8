//! A computer whose clock is wrong (issue #18, case 5): `Expires` and token expiry are the
//! servers' times, so the core learns the offset from each answer's `Date` and reads
//! server time. With the computer's clock ten minutes fast or slow, two hours of a visible
//! window and background passes send no request inside a cache window and no expired
//! token (the simulator audits both), and the offset survives a restart.

mod common;

use std::sync::Arc;

use common::day::Day;
use common::{Rig, Skewed, TestVault};
use cynosure_sim::world::{AURA, BRAKK, HOUR_MS, MINUTE_MS};
use cynosure_sim::Rule;

const SKEW_MS: i64 = 10 * MINUTE_MS;

async fn two_hours_with_the_clock_off_by(by_ms: i64) -> Day {
    let rig = Rig::start_with(TestVault::File, |config| {
        config.clock = Arc::new(Skewed {
            clock: config.clock.clone(),
            by_ms,
        })
    })
    .await;
    for c in [AURA, BRAKK] {
        rig.login(c).await.0.expect("linked");
    }
    let mut day = Day::new(rig);
    day.show();
    day.open_overview().await;
    let until = day.rig.sim.clock().now_ms() + 2 * HOUR_MS;
    day.run_until(until).await;
    day.hide();
    day
}

fn assert_polite(day: &Day, by_ms: i64) {
    let breaches: Vec<_> = day
        .rig
        .sim
        .breaches()
        .into_iter()
        .filter(|b| matches!(b.rule, Rule::EarlyRequest | Rule::ExpiredToken))
        .collect();
    assert!(
        breaches.is_empty(),
        "clock off by {by_ms} ms: {} breaches, first {:?}",
        breaches.len(),
        breaches.first()
    );
    let requests = day.rig.sim.requests();
    let count = |route: &str| requests.iter().filter(|r| r.route == route).count();
    // It kept working: online status about once a minute for two hours, boards and
    // tokens renewed.
    assert!(count("esi.online") >= 2 * 110, "{}", count("esi.online"));
    assert!(
        count("esi.character_jobs") >= 2 * 7,
        "{}",
        count("esi.character_jobs")
    );
    let refreshes = requests
        .iter()
        .filter(|r| r.route == "sso.token" && r.grant_type.as_deref() == Some("refresh_token"))
        .count();
    assert!(refreshes >= 2 * 5, "{refreshes} token refreshes");
    assert!(
        requests.iter().all(|r| r.status != 401),
        "no request refused for its token"
    );
    let learnt = day.core().gate().server_clock().offset_ms();
    assert!(
        (-by_ms - 1_000..=-by_ms).contains(&learnt),
        "learnt offset {learnt} for a clock off by {by_ms}"
    );
    assert!((day.core().now_ms() - day.rig.sim.clock().now_ms()).abs() <= 1_000);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clock_ten_minutes_fast_never_asks_inside_a_cache_window() {
    let day = two_hours_with_the_clock_off_by(SKEW_MS).await;
    assert_polite(&day, SKEW_MS);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clock_ten_minutes_slow_never_sends_an_expired_token() {
    let day = two_hours_with_the_clock_off_by(-SKEW_MS).await;
    assert_polite(&day, -SKEW_MS);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_offset_is_kept_for_the_next_start() {
    let rig = Rig::start_with(TestVault::File, |config| {
        config.clock = Arc::new(Skewed {
            clock: config.clock.clone(),
            by_ms: SKEW_MS,
        })
    })
    .await;
    rig.login(AURA).await.0.expect("linked");
    let learnt = rig.core.gate().server_clock().offset_ms();
    assert!((-SKEW_MS - 1_000..=-SKEW_MS).contains(&learnt), "{learnt}");
    let mut rig = rig;
    rig.restart_with(|config| {
        config.clock = Arc::new(Skewed {
            clock: config.clock.clone(),
            by_ms: SKEW_MS,
        })
    })
    .await;
    // Before any answer: the stored offset, so the first stale-gate decisions are right.
    assert_eq!(rig.core.gate().server_clock().offset_ms(), learnt);
    assert!((rig.core.now_ms() - rig.sim.clock().now_ms()).abs() <= 1_000);
    assert_eq!(
        cynosure_core::settings::commands::app_info(&rig.core).server_offset_ms,
        learnt
    );
}
