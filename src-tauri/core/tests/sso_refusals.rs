//! What EVE's login answers to a token refresh, trusted only as far as it deserves
//! (issue #18, case 3): `invalid_grant` ends a sign-in; one `invalid_token` (EVE has sent
//! it for good tokens, around downtime) does not, unless it repeats well apart and outside
//! the downtime; `invalid_client` means the application is set up wrong, said in words
//! and asked again less and less often — never every minute.

mod common;

use common::{Rig, TestVault, NOW};
use cynosure_core::auth::AuthError;
use cynosure_core::roster::commands::roster_list;
use cynosure_core::roster::models::AuthState;
use cynosure_core::ErrorCode as _;
use cynosure_sim::world::{AURA, HOUR_MS, MINUTE_MS};
use cynosure_sim::{Fault, FaultKind, Sim, SimClock};

fn refuse(sim: &Sim, status: u16, error: &str, description: &str, times: u32) {
    sim.add_fault(Fault {
        route: "sso.token".into(),
        kind: FaultKind::OAuthError {
            status,
            error: error.into(),
            description: description.into(),
        },
        times: Some(times),
    });
}

fn refreshes(sim: &Sim) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.route == "sso.token" && r.grant_type.as_deref() == Some("refresh_token"))
        .count()
}

async fn auth_state(rig: &Rig) -> AuthState {
    roster_list(&rig.core).await.unwrap()[0].auth_state
}

/// Aura linked, her access token expired: the next vend refreshes.
async fn linked() -> Rig {
    let rig = Rig::start(TestVault::File).await;
    rig.login(AURA).await.0.unwrap();
    rig.sim.clock().advance_ms(21 * MINUTE_MS);
    rig.sim.clear_log();
    rig
}

#[tokio::test]
async fn one_invalid_token_waits_and_tries_again_instead_of_ending_the_sign_in() {
    let rig = linked().await;
    refuse(
        &rig.sim,
        400,
        "invalid_token",
        "The refresh token is expired.",
        1,
    );

    let err = rig.core.custody().vend(&rig.core, AURA).await.unwrap_err();
    assert_eq!(err.code(), "auth.refused_once", "{err}");
    assert!(err.to_string().contains("tries again at"), "{err}");
    assert_eq!(auth_state(&rig).await, AuthState::Ok, "still linked");

    // Within the wait: no request at all.
    rig.sim.clock().advance_ms(2 * MINUTE_MS);
    assert!(rig.core.custody().vend(&rig.core, AURA).await.is_err());
    assert_eq!(refreshes(&rig.sim), 1);

    // After it, the same refresh token works (EVE's login had a bad moment).
    rig.sim.clock().advance_ms(4 * MINUTE_MS);
    rig.core
        .custody()
        .vend(&rig.core, AURA)
        .await
        .expect("refreshed");
    assert_eq!(refreshes(&rig.sim), 2);
    assert_eq!(auth_state(&rig).await, AuthState::Ok);
}

#[tokio::test]
async fn invalid_token_is_believed_only_when_it_repeats_apart_and_outside_the_downtime() {
    let day0 = NOW - NOW.rem_euclid(24 * HOUR_MS);
    let at = |h: i64, m: i64| day0 + h * HOUR_MS + m * MINUTE_MS;
    let rig = Rig::start_on(
        TestVault::File,
        |sim| sim.clock = SimClock::frozen_at(day0 + 10 * HOUR_MS + 20 * MINUTE_MS),
        |_| {},
    )
    .await;
    rig.login(AURA).await.0.unwrap();
    rig.sim.clear_log();
    let to = |t: i64| rig.sim.clock().advance_ms(t - rig.sim.clock().now_ms());
    refuse(
        &rig.sim,
        400,
        "invalid_token",
        "The refresh token is expired.",
        10,
    );
    // 10:50: refused once.
    to(at(10, 50));
    let err = rig.core.custody().vend(&rig.core, AURA).await.unwrap_err();
    assert_eq!(err.code(), "auth.refused_once", "{err}");
    // 11:05, the downtime's one probe: refused again, fifteen minutes after the first,
    // but inside the downtime: not believed.
    to(at(11, 5));
    let err = rig.core.custody().vend(&rig.core, AURA).await.unwrap_err();
    assert_eq!(err.code(), "auth.refused_once", "{err}");
    // 11:10: the downtime's probe is spent; nothing is asked.
    to(at(11, 10));
    let err = rig.core.custody().vend(&rig.core, AURA).await.unwrap_err();
    assert_eq!(err.code(), "auth.downtime", "{err}");
    assert_eq!(auth_state(&rig).await, AuthState::Ok);
    assert_eq!(refreshes(&rig.sim), 2);
    // 11:16, outside the downtime: believed.
    to(at(11, 16));
    let err = rig.core.custody().vend(&rig.core, AURA).await.unwrap_err();
    assert!(matches!(err, AuthError::ReauthRequired { .. }), "{err}");
    assert_eq!(auth_state(&rig).await, AuthState::ReauthRequired);
    assert_eq!(refreshes(&rig.sim), 3);
}

#[tokio::test]
async fn invalid_grant_still_ends_the_sign_in_at_once() {
    let rig = linked().await;
    refuse(
        &rig.sim,
        400,
        "invalid_grant",
        "Invalid refresh token. Token missing/expired.",
        1,
    );
    let err = rig.core.custody().vend(&rig.core, AURA).await.unwrap_err();
    assert!(matches!(err, AuthError::ReauthRequired { .. }), "{err}");
    assert_eq!(auth_state(&rig).await, AuthState::ReauthRequired);
}

#[tokio::test]
async fn an_application_set_up_wrong_is_said_in_words_and_asked_less_and_less() {
    let rig = linked().await;
    refuse(&rig.sim, 401, "invalid_client", "Unknown client", 1_000);
    // A board refresh every minute for an hour.
    let mut seen = None;
    for _ in 0..60 {
        let err = rig.core.custody().vend(&rig.core, AURA).await.unwrap_err();
        assert_eq!(err.code(), "auth.application", "{err}");
        seen = Some(err.to_string());
        rig.sim.clock().advance_ms(MINUTE_MS);
    }
    let said = seen.unwrap();
    assert!(said.contains("set up wrong (invalid_client)"), "{said}");
    // 1, then after 1, 4 and 16 minutes: four questions in an hour, not sixty.
    assert_eq!(refreshes(&rig.sim), 4);
    assert_eq!(
        auth_state(&rig).await,
        AuthState::Ok,
        "no character's fault"
    );

    // Set right again (the fault cleared): the next try after the wait works.
    rig.sim.clear_faults();
    rig.sim.clock().advance_ms(HOUR_MS);
    rig.core
        .custody()
        .vend(&rig.core, AURA)
        .await
        .expect("refreshed");
}
