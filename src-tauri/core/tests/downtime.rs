//! EVE's daily downtime and bursts (issue #18, case 8): from 11:00 UTC no ESI or SSO
//! request goes out (every failure would spend the error limit) but one probe five minutes
//! in; a sign-in says "daily downtime" instead of failing halfway; when the probe finds
//! ESI back, the downtime is over for the day. A start with many characters does not send
//! EVE's login all their refreshes at once.

mod common;

use common::{Rig, TestVault, NOW};
use cynosure_core::skills::descriptors::SKILLQUEUE;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_core::ErrorCode as _;
use cynosure_sim::world::{AURA, HOUR_MS, MINUTE_MS};
use cynosure_sim::{Sim, SimClock};

const DAY0: i64 = NOW - NOW.rem_euclid(24 * HOUR_MS);
const ELEVEN: i64 = DAY0 + 11 * HOUR_MS;

async fn rig(esi_down: bool) -> Rig {
    let rig = Rig::start_on(
        TestVault::File,
        |sim| {
            sim.clock = SimClock::frozen_at(ELEVEN - 30 * MINUTE_MS);
            sim.options.downtime = esi_down;
        },
        |_| {},
    )
    .await;
    rig.login(AURA).await.0.unwrap();
    rig.sim.clear_log();
    rig
}

fn to(sim: &Sim, at: i64) {
    sim.clock().advance_ms(at - sim.clock().now_ms());
}

async fn queue_error(rig: &Rig) -> Option<String> {
    cynosure_core::skills::commands::skills_read(&rig.core)
        .await
        .unwrap()
        .characters[0]
        .queue_sync
        .error
        .as_ref()
        .map(|e| e.code.clone())
}

#[tokio::test]
async fn nothing_is_asked_during_the_downtime_but_one_probe() {
    let rig = rig(true).await;
    // 11:00:30 and 11:03: nothing leaves (the access token from 10:30 has expired too:
    // no refresh at EVE's login either).
    for at in [ELEVEN + 30_000, ELEVEN + 3 * MINUTE_MS] {
        to(&rig.sim, at);
        refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
        assert!(rig.sim.requests().is_empty(), "{:?}", rig.sim.requests());
        let code = queue_error(&rig).await;
        assert!(
            matches!(code.as_deref(), Some("auth.downtime" | "esi.downtime")),
            "{code:?}"
        );
    }
    // 11:05: one probe (ESI still down: 503).
    to(&rig.sim, ELEVEN + 5 * MINUTE_MS);
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    let esi: Vec<u16> = rig
        .sim
        .requests()
        .iter()
        .filter(|r| r.route.starts_with("esi."))
        .map(|r| r.status)
        .collect();
    assert_eq!(esi, vec![503], "one probe");
    assert_eq!(queue_error(&rig).await.as_deref(), Some("esi.downtime"));
    // 11:10: nothing more.
    rig.sim.clear_log();
    to(&rig.sim, ELEVEN + 10 * MINUTE_MS);
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    assert!(rig.sim.requests().is_empty());
    // 11:15: reads again.
    to(&rig.sim, ELEVEN + 15 * MINUTE_MS + 1_000);
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    assert_eq!(queue_error(&rig).await, None);
}

#[tokio::test]
async fn a_probe_that_finds_esi_back_ends_the_downtime_early() {
    // ESI is back within minutes, as on most days.
    let rig = rig(false).await;
    to(&rig.sim, ELEVEN + 5 * MINUTE_MS);
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    assert_eq!(queue_error(&rig).await, None, "the probe read the board");
    rig.sim.clear_log();
    to(&rig.sim, ELEVEN + 7 * MINUTE_MS);
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    assert!(
        rig.sim
            .requests()
            .iter()
            .any(|r| r.route == "esi.skillqueue"),
        "reads go on"
    );
}

#[tokio::test]
async fn a_sign_in_during_the_downtime_says_so() {
    let rig = rig(true).await;
    to(&rig.sim, ELEVEN + 2 * MINUTE_MS);
    let mut opened = false;
    let err = cynosure_core::auth::commands::auth_login(&rig.core, |_| {
        opened = true;
        Ok(())
    })
    .await
    .unwrap_err();
    assert!(!opened, "no browser sent to a login that is down");
    assert_eq!(err.code(), "auth.downtime");
    assert!(
        err.to_string()
            .starts_with("EVE is in its daily downtime until 11:15 UTC"),
        "{err}"
    );
    assert!(rig.sim.requests().is_empty(), "not even the browser went");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_start_with_many_characters_does_not_burst_eves_login() {
    const PILOTS: i64 = 8;
    let rig = Rig::start_on(
        TestVault::File,
        |sim| {
            sim.world = Some(cynosure_sim::World::crowd(NOW, PILOTS));
            // EVE's login over the internet: each answer takes a moment.
            sim.options.token_latency_ms = 100;
        },
        |_| {},
    )
    .await;
    for i in 0..PILOTS {
        rig.login(cynosure_sim::world::CROWD_FIRST + i)
            .await
            .0
            .unwrap();
    }
    // The next start: every access token has expired, every board is due at once.
    rig.sim.clock().advance_ms(30 * MINUTE_MS);
    rig.sim.clear_log();
    let (queues, ()) = tokio::join!(
        refresh_stale(&rig.core, &SKILLQUEUE),
        cynosure_core::industry::commands::refresh_jobs(&rig.core)
    );
    queues.unwrap();
    let refreshes = rig
        .sim
        .requests()
        .iter()
        .filter(|r| r.route == "sso.token")
        .count();
    assert_eq!(refreshes, PILOTS as usize, "one refresh per character");
    assert!(
        rig.sim.token_requests_at_once() <= 2,
        "{} refreshes at once",
        rig.sim.token_requests_at_once()
    );
}
