//! A 403 is not always "role lost" (issue #18, case 2), and a refused token is never sent
//! again (case 8): ESI has answered 403 with `sso_status` when EVE's login could not vouch
//! for a token — a sign-in problem, met with one fresh token; a role 403 for a reader
//! whose only qualifying role is Director is said in words and not asked again hourly.

mod common;

use common::{Rig, TestVault};
use cynosure_core::industry::commands::{jobs_read, refresh_jobs};
use cynosure_core::skills::descriptors::SKILLQUEUE;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_core::sync::{GateState, OwnerKind};
use cynosure_sim::world::{AURA, CORP_BRAVE, HOUR_MS, MINUTE_MS};
use cynosure_sim::{Fault, FaultKind, Sim};

fn count(sim: &Sim, route: &str) -> usize {
    sim.requests().iter().filter(|r| r.route == route).count()
}

fn refreshes(sim: &Sim) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.route == "sso.token" && r.grant_type.as_deref() == Some("refresh_token"))
        .count()
}

fn fail_queue(sim: &Sim, status: u16, body: &str, times: u32) {
    sim.add_fault(Fault {
        route: "esi.skillqueue".into(),
        kind: FaultKind::EsiError {
            status,
            body: body.into(),
        },
        times: Some(times),
    });
}

const SSO_403: &str = r#"{"error":"unexpected end of JSON input","sso_status":401}"#;

async fn queue_error(rig: &Rig) -> Option<String> {
    let view = cynosure_core::skills::commands::skills_read(&rig.core)
        .await
        .unwrap();
    view.characters[0]
        .queue_sync
        .error
        .as_ref()
        .map(|e| e.code.clone())
}

#[tokio::test]
async fn a_token_403_is_a_sign_in_problem_met_with_one_fresh_token() {
    let rig = Rig::linked(&[AURA]).await;
    fail_queue(&rig.sim, 403, SSO_403, 1);
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    assert_eq!(count(&rig.sim, "esi.skillqueue"), 2, "asked again once");
    assert_eq!(refreshes(&rig.sim), 1, "with a fresh token");
    assert_eq!(queue_error(&rig).await, None, "the board was read");
}

#[tokio::test]
async fn a_token_403_that_persists_is_said_as_a_sign_in_problem_not_a_role() {
    let rig = Rig::linked(&[AURA]).await;
    fail_queue(&rig.sim, 403, SSO_403, 2);
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    assert_eq!(count(&rig.sim, "esi.skillqueue"), 2);
    assert_eq!(refreshes(&rig.sim), 1, "one fresh token, not a loop");
    assert_eq!(
        queue_error(&rig).await.as_deref(),
        Some("esi.token_refused")
    );
}

#[tokio::test]
async fn after_a_401_the_refused_token_is_not_sent_again() {
    let rig = Rig::linked(&[AURA]).await;
    fail_queue(
        &rig.sim,
        401,
        r#"{"error":"authorization not provided"}"#,
        1,
    );
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    assert_eq!(refreshes(&rig.sim), 1);
    assert_eq!(queue_error(&rig).await, None);
}

#[tokio::test]
async fn a_director_only_reader_esi_refuses_is_said_in_words_and_not_asked_hourly() {
    let rig = Rig::start_on(
        TestVault::File,
        |sim| {
            // CCP's spec asks for Factory_Manager; the simulator takes it at its word.
            sim.options.director_for_corp_jobs = false;
        },
        |_| {},
    )
    .await;
    rig.sim.with_world(|w| {
        w.characters.get_mut(&AURA).unwrap().roles = vec!["Director".into()];
    });
    rig.login(AURA).await.0.unwrap();
    refresh_jobs(&rig.core).await;
    assert_eq!(count(&rig.sim, "esi.corporation_jobs"), 1);
    let corp = |view: cynosure_core::industry::models::JobsView| {
        view.owners
            .into_iter()
            .find(|o| o.owner_kind == OwnerKind::Corporation && o.owner_id == CORP_BRAVE)
            .expect("Brave Industries' board")
    };
    let board = corp(jobs_read(&rig.core).await.unwrap());
    assert_eq!(board.sync.gate_state, GateState::NeedsRole);
    let error = board.sync.error.expect("said in words");
    assert_eq!(error.code, "esi.director_refused");
    assert!(
        error.message.contains("Aura Vexx's Director role")
            && error.message.contains("Factory Manager"),
        "{}",
        error.message
    );

    // Hours of background passes: the corporation is not asked again.
    for _ in 0..8 {
        rig.sim.clock().advance_ms(15 * MINUTE_MS);
        refresh_jobs(&rig.core).await;
    }
    assert_eq!(count(&rig.sim, "esi.corporation_jobs"), 1);

    // Given Factory Manager in game: read as soon as ESI's copy of her roles shows it.
    rig.sim.with_world(|w| {
        w.characters.get_mut(&AURA).unwrap().roles =
            vec!["Director".into(), "Factory_Manager".into()];
    });
    rig.sim.clock().advance_ms(HOUR_MS);
    refresh_jobs(&rig.core).await;
    assert_eq!(count(&rig.sim, "esi.corporation_jobs"), 2);
    let board = corp(jobs_read(&rig.core).await.unwrap());
    assert_eq!(board.sync.gate_state, GateState::Ok);
    assert_eq!(board.sync.error, None);
    assert!(board.jobs.is_some());
}
