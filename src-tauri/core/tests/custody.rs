//! Token custody against the simulator, with the real Secret Service: sign-in through
//! the loopback listener, single-flight refresh, rotation across a restart,
//! re-authorisation, unlink, and every bad input refused without a change.

mod common;

use std::sync::Arc;

use common::{follow, visit, Rig, TestVault};
use cynosure_core::auth::commands::{auth_login_cancel, auth_status, auth_unlink};
use cynosure_core::auth::AuthError;
use cynosure_core::esi::{routes, Fetched};
use cynosure_core::roster::commands::roster_list;
use cynosure_core::roster::models::{AuthState, TokenHealth};
use cynosure_core::roster::RosterError;
use cynosure_sim::world::{AURA, BRAKK, CORA};
use cynosure_testkit::query_param;

macro_rules! assert_err {
    ($result:expr, $pattern:pat $(if $guard:expr)?) => {{
        let result = $result;
        assert!(
            matches!(result, Err($pattern) $(if $guard)?),
            "expected {}, got {:?}",
            stringify!($pattern),
            result.as_ref().map(|_| "Ok").map_err(|e| e.to_string())
        );
    }};
}

async fn roster_ids(rig: &Rig) -> Vec<i64> {
    roster_list(&rig.core)
        .await
        .unwrap()
        .iter()
        .map(|c| c.character_id)
        .collect()
}

#[tokio::test]
async fn sign_in_links_characters_of_two_accounts() {
    let rig = Rig::start(TestVault::Keychain).await;

    let (outcome, page, url) = rig.login(AURA).await;
    let outcome = outcome.unwrap();
    assert_eq!(outcome.character.name, "Aura Vexx");
    assert!(!outcome.relinked && !outcome.transferred);
    assert_eq!(page.0, 200);
    assert!(
        page.1.contains("Aura Vexx is linked to Cynosure"),
        "{}",
        page.1
    );

    // The authorize URL: PKCE S256, a state, every scope, our callback.
    assert_eq!(
        query_param(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert!(query_param(&url, "state").is_some_and(|s| s.len() >= 16));
    let scopes = query_param(&url, "scope").unwrap();
    for s in cynosure_core::catalog::wanted_scopes(&Default::default()) {
        assert!(scopes.split(' ').any(|g| g == s), "scope {s} asked for");
    }
    assert_eq!(
        query_param(&url, "redirect_uri"),
        Some(format!("http://localhost:{}/callback", rig.port))
    );

    let (outcome, _, _) = rig.login(CORA).await;
    assert_eq!(outcome.unwrap().character.character_id, CORA);

    let roster = roster_list(&rig.core).await.unwrap();
    assert_eq!(roster.len(), 2);
    assert_eq!(
        roster[0].corporation_name.as_deref(),
        Some("Brave Industries")
    );
    assert_ne!(roster[0].corporation_id, roster[1].corporation_id);
    assert!(roster.iter().all(|c| c.token_health == TokenHealth::Ok));
    assert!(roster[0]
        .portrait_url
        .ends_with(&format!("/characters/{AURA}/portrait?size=128")));

    // The refresh tokens are in the keychain, as a new process sees it.
    let vault = rig.vault();
    assert!(vault.load(AURA).unwrap().is_some());
    assert!(vault.load(CORA).unwrap().is_some());
    // The code was exchanged once, with the PKCE verifier (the simulator checks it).
    assert_eq!(rig.requests_of("sso.token").len(), 2);
    assert!(rig.requests_of("sso.token").iter().all(|r| r.status == 200));
    // The listener is gone after the sign-in.
    assert!(visit(&rig.callback("code=x&state=y"), false).await.is_err());
}

#[tokio::test]
async fn fifty_concurrent_vends_of_an_expiring_token_refresh_once() {
    let rig = Rig::start(TestVault::Keychain).await;
    rig.login(AURA).await.0.unwrap();

    // Inside its lifetime the token is vended without asking SSO.
    rig.core.custody().vend(&rig.core, AURA).await.unwrap();
    assert_eq!(rig.refreshes(), 0, "no refresh while the token is fresh");

    // 20 minutes' token, 19.5 minutes later: near expiry.
    rig.sim.clock().advance_secs(1170);
    let mut vends = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let core = rig.core.clone();
        vends.spawn(async move { core.custody().vend(&core, AURA).await });
    }
    let mut tokens = Vec::new();
    while let Some(r) = vends.join_next().await {
        tokens.push(r.unwrap().unwrap());
    }
    assert_eq!(rig.refreshes(), 1, "exactly one refresh for 50 vends");
    assert!(tokens.iter().all(|t| t.secret() == tokens[0].secret()));

    // The vended token works at ESI.
    let online = rig
        .core
        .gate()
        .get::<serde_json::Value>(
            routes::ONLINE,
            &format!("/characters/{AURA}/online"),
            Some(AURA),
            Some(tokens[0].secret()),
            None,
        )
        .await
        .unwrap();
    assert!(matches!(online, Fetched::Fresh { .. }));
}

#[tokio::test]
async fn the_rotated_refresh_token_survives_a_restart() {
    let mut rig = Rig::start(TestVault::Keychain).await;
    rig.login(AURA).await.0.unwrap();
    let first = rig.vault().load(AURA).unwrap().unwrap();

    rig.sim.clock().advance_secs(1300);
    rig.core.custody().vend(&rig.core, AURA).await.unwrap();
    let rotated = rig.vault().load(AURA).unwrap().unwrap();
    assert!(
        rotated != first,
        "the rotated refresh token replaced the spent one"
    );

    rig.restart().await;
    rig.sim.clock().advance_secs(1300);
    // The new process has no access token: it refreshes with the rotated token (the
    // simulator refuses the spent one).
    rig.core.custody().vend(&rig.core, AURA).await.unwrap();
    assert_eq!(rig.refreshes(), 2);
    assert!(rig.requests_of("sso.token").iter().all(|r| r.status == 200));
}

#[tokio::test]
async fn a_dead_grant_asks_for_reauthorisation_and_keeps_the_character() {
    let rig = Rig::start(TestVault::Keychain).await;
    let added = rig.login(AURA).await.0.unwrap().character.added_at;
    rig.sim.revoke_character_grants(AURA);
    rig.sim.clock().advance_secs(1300);

    assert_err!(
        rig.core.custody().vend(&rig.core, AURA).await,
        AuthError::ReauthRequired {
            character_id: AURA,
            ..
        }
    );
    let roster = roster_list(&rig.core).await.unwrap();
    assert_eq!(roster.len(), 1, "the character and its data stay");
    assert_eq!(roster[0].auth_state, AuthState::ReauthRequired);
    assert_eq!(roster[0].token_health, TokenHealth::ReauthRequired);
    // Asking again does not hammer SSO.
    let refreshes = rig.refreshes();
    assert_err!(
        rig.core.custody().vend(&rig.core, AURA).await,
        AuthError::ReauthRequired { .. }
    );
    assert_eq!(rig.refreshes(), refreshes);

    // Re-authorise: the same character, its history kept.
    let outcome = rig.login(AURA).await.0.unwrap();
    assert!(outcome.relinked && !outcome.transferred);
    assert_eq!(outcome.character.added_at, added);
    assert_eq!(outcome.character.auth_state, AuthState::Ok);
    rig.sim.clock().advance_secs(1300);
    rig.core.custody().vend(&rig.core, AURA).await.unwrap();
}

#[tokio::test]
async fn a_character_sold_to_another_account_starts_afresh() {
    let rig = Rig::start(TestVault::Keychain).await;
    let first = rig.login(AURA).await.0.unwrap().character;
    rig.sim.clock().advance_secs(60);
    rig.sim.with_world(|w| {
        w.characters.get_mut(&AURA).unwrap().owner_hash = "sim-owner-account-z".into();
    });
    let outcome = rig.login(AURA).await.0.unwrap();
    assert!(outcome.transferred && !outcome.relinked);
    assert!(outcome.character.added_at > first.added_at);
}

#[tokio::test]
async fn unlink_revokes_and_removes_the_character() {
    let rig = Rig::start(TestVault::Keychain).await;
    rig.login(AURA).await.0.unwrap();
    rig.login(CORA).await.0.unwrap();
    rig.sim.clear_log();

    let outcome = auth_unlink(&rig.core, AURA).await.unwrap();
    assert!(outcome.revoked);
    let revokes = rig.requests_of("sso.revoke");
    assert_eq!(revokes.len(), 1);
    assert_eq!(
        revokes[0].character_id,
        Some(AURA),
        "the refresh token was revoked"
    );
    assert_eq!(roster_ids(&rig).await, vec![CORA]);
    assert!(
        rig.vault().load(AURA).unwrap().is_none(),
        "gone from the keychain"
    );
    assert!(rig.vault().load(CORA).unwrap().is_some(), "the other stays");
    assert_err!(
        rig.core.custody().vend(&rig.core, AURA).await,
        AuthError::Roster(RosterError::UnknownCharacter(AURA))
    );

    // An id that is not linked is refused and changes nothing.
    assert_err!(
        auth_unlink(&rig.core, BRAKK).await,
        AuthError::Roster(RosterError::UnknownCharacter(BRAKK))
    );
    assert_eq!(roster_ids(&rig).await, vec![CORA]);
}

#[tokio::test]
async fn callbacks_with_a_wrong_or_missing_state_are_ignored() {
    let rig = Rig::start(TestVault::Keychain).await;
    let (task, url) = rig.login_by_hand().await;
    let state = query_param(&url, "state").unwrap();

    let (status, body) = visit(&rig.callback("code=forged&state=not-ours"), false)
        .await
        .unwrap();
    assert_eq!(status, 400);
    assert!(body.contains("does not belong"));
    let (status, _) = visit(&rig.callback("code=forged"), false).await.unwrap();
    assert_eq!(status, 400);
    let (status, _) = visit(&format!("http://localhost:{}/favicon.ico", rig.port), false)
        .await
        .unwrap();
    assert_eq!(status, 404);
    assert!(
        rig.requests_of("sso.token").is_empty(),
        "no code was exchanged"
    );

    // The real redirect still completes the sign-in.
    let page = follow(&url).await;
    assert_eq!(page.0, 200);
    task.await.unwrap().unwrap();

    // A replayed callback: nobody listens any more; and during a later sign-in the old
    // state is refused.
    let replay = rig.callback(&format!("code=whatever&state={state}"));
    assert!(visit(&replay, false).await.is_err());
    let (task, _) = rig.login_by_hand().await;
    assert_eq!(visit(&replay, false).await.unwrap().0, 400);
    assert!(auth_login_cancel(&rig.core));
    assert_err!(task.await.unwrap(), AuthError::LoginCancelled);
    assert_eq!(roster_ids(&rig).await, vec![AURA]);
    assert_eq!(rig.requests_of("sso.token").len(), 1);
}

#[tokio::test]
async fn a_callback_without_a_code_or_with_an_error_changes_nothing() {
    let rig = Rig::start(TestVault::Keychain).await;

    let (task, url) = rig.login_by_hand().await;
    let state = query_param(&url, "state").unwrap();
    let (status, _) = visit(&rig.callback(&format!("state={state}")), false)
        .await
        .unwrap();
    assert_eq!(status, 400);
    assert_err!(task.await.unwrap(), AuthError::MissingCode);

    rig.sim.deny_next_login();
    let (outcome, page, _) = rig.login(AURA).await;
    assert_err!(outcome, AuthError::Denied(ref e) if e == "access_denied");
    assert!(page.1.contains("did not authorise"));

    assert!(roster_ids(&rig).await.is_empty());
    assert!(rig.vault().load(AURA).unwrap().is_none());
    assert!(rig.requests_of("sso.token").is_empty());
}

#[tokio::test]
async fn a_token_response_without_a_refresh_token_is_refused() {
    let rig = Rig::start(TestVault::Keychain).await;
    rig.sim.omit_refresh_token_next();
    let (outcome, page, _) = rig.login(AURA).await;
    assert_err!(outcome, AuthError::NoRefreshToken);
    assert!(page.1.contains("Sign-in failed"));
    assert!(roster_ids(&rig).await.is_empty());
    assert!(rig.vault().load(AURA).unwrap().is_none());
}

#[tokio::test]
async fn a_token_from_another_issuer_is_refused() {
    let rig = Rig::start(TestVault::Keychain).await;
    rig.sim.set_issuer("https://login.evil.example");
    assert_err!(rig.login(AURA).await.0, AuthError::WrongIssuer);
    assert!(roster_ids(&rig).await.is_empty());
    assert!(rig.vault().load(AURA).unwrap().is_none());

    // The other accepted form of EVE's issuer works.
    rig.sim.set_issuer("https://login.eveonline.com");
    rig.login(AURA).await.0.unwrap();
}

#[tokio::test]
async fn a_sign_in_times_out_and_can_be_cancelled() {
    let rig = Rig::start_with(TestVault::Keychain, |c| {
        c.login_timeout = std::time::Duration::from_millis(300);
    })
    .await;
    let (task, _) = rig.login_by_hand().await;
    assert_err!(task.await.unwrap(), AuthError::LoginTimedOut { .. });
    assert!(!auth_status(&rig.core).login_pending);

    // A second sign-in replaces a waiting one.
    let rig = Rig::start(TestVault::Keychain).await;
    let (first, _) = rig.login_by_hand().await;
    let (second, _) = rig.login_by_hand().await;
    assert_err!(first.await.unwrap(), AuthError::LoginCancelled);
    assert!(auth_status(&rig.core).login_pending);
    assert!(auth_login_cancel(&rig.core));
    assert_err!(second.await.unwrap(), AuthError::LoginCancelled);
    assert!(!auth_login_cancel(&rig.core), "nothing left to cancel");
}

#[tokio::test]
async fn without_a_client_id_sign_in_explains_what_to_do() {
    let rig = Rig::start_with(TestVault::Keychain, |c| c.client_id = None).await;
    let status = auth_status(&rig.core);
    assert!(!status.client_id_configured);
    assert_eq!(
        status.callback_url,
        format!("http://localhost:{}/callback", rig.port)
    );
    let core = Arc::clone(&rig.core);
    let r = cynosure_core::auth::commands::auth_login(&core, |_| Ok(())).await;
    assert_err!(r, AuthError::NoClientId);
    assert!(rig.sim.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn missing_scopes_show_as_token_health() {
    let rig = Rig::start(TestVault::Keychain).await;
    rig.login(AURA).await.0.unwrap();
    // Stored with fewer scopes (e.g. linked by an older version that asked for less).
    let mut c = cynosure_core::roster::commands::linked_character(&rig.core, AURA)
        .await
        .unwrap();
    c.scopes
        .retain(|s| s != "esi-industry.read_corporation_jobs.v1");
    cynosure_core::store::roster::upsert(rig.core.db(), &c)
        .await
        .unwrap();
    let entry = &roster_list(&rig.core).await.unwrap()[0];
    assert_eq!(entry.token_health, TokenHealth::MissingScopes);
    assert_eq!(
        entry.missing_scopes,
        vec!["esi-industry.read_corporation_jobs.v1"]
    );
}

#[tokio::test]
async fn re_authorising_revokes_the_refresh_token_it_replaces() {
    let rig = Rig::start(TestVault::File).await;
    rig.login(AURA).await.0.unwrap();
    let first = rig.sim.refresh_tokens_issued();
    assert_eq!(first.len(), 1);
    rig.login(AURA).await.0.unwrap();
    assert_eq!(
        rig.requests_of("sso.revoke").len(),
        1,
        "the old one revoked"
    );
    // EVE's login no longer takes the old refresh token.
    let answer = reqwest::Client::new()
        .post(format!("{}/v2/oauth/token", rig.sim.base_url()))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", first[0].as_str()),
            ("client_id", cynosure_sim::DEFAULT_CLIENT_ID),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    // The new one works.
    rig.sim.clock().advance_ms(21 * 60_000);
    rig.core
        .custody()
        .vend(&rig.core, AURA)
        .await
        .expect("refreshed");
}

#[tokio::test(flavor = "multi_thread")]
async fn idle_local_connections_do_not_stall_a_sign_in() {
    let rig = Rig::start(TestVault::File).await;
    let (task, url) = rig.login_by_hand().await;
    // Thirty connections that never say anything.
    let mut idle = vec![];
    for _ in 0..30 {
        idle.push(
            tokio::net::TcpStream::connect(("127.0.0.1", rig.port))
                .await
                .unwrap(),
        );
    }
    // The browser comes back with the code: the sign-in ends without waiting them out
    // (one at a time they would hold it for minutes).
    let page = tokio::time::timeout(std::time::Duration::from_secs(20), follow(&url))
        .await
        .expect("the browser's redirect is answered");
    assert_eq!(page.0, 200, "{}", page.1);
    let outcome = task.await.unwrap().unwrap();
    assert_eq!(outcome.character.character_id, AURA);
    drop(idle);
}

#[tokio::test]
async fn the_callback_page_keeps_the_code_to_itself() {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let rig = Rig::start(TestVault::File).await;
    let (task, url) = rig.login_by_hand().await;
    let state = query_param(&url, "state").unwrap();
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", rig.port))
        .await
        .unwrap();
    s.write_all(
        format!(
            "GET /elsewhere HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
            rig.port
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(
        answer.contains("\r\nReferrer-Policy: no-referrer\r\n"),
        "{answer}"
    );
    assert!(
        answer.contains("\r\nContent-Security-Policy: default-src 'none'"),
        "{answer}"
    );
    // A page that points another name at this port (DNS rebinding) is not answered as
    // ours, even with the right path and state.
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", rig.port))
        .await
        .unwrap();
    s.write_all(
        format!("GET /callback?state={state}&code=y HTTP/1.1\r\nHost: evil.example\r\n\r\n")
            .as_bytes(),
    )
    .await
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(!task.is_finished(), "the sign-in still waits");
    auth_login_cancel(&rig.core);
    assert!(task.await.unwrap().is_err());
}

#[tokio::test]
async fn a_callback_port_whose_ipv6_side_is_taken_fails_the_sign_in() {
    let rig = Rig::start(TestVault::File).await;
    // Another program holds [::1]:port (where this computer has IPv6 at all).
    let Ok(_squatter) = std::net::TcpListener::bind(("::1", rig.port)) else {
        eprintln!("no IPv6 loopback here: nothing to test");
        return;
    };
    let err = cynosure_core::auth::commands::auth_login(&rig.core, |_| Ok(()))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, AuthError::CallbackPort { reason, .. } if reason.contains("IPv6")),
        "{err}"
    );
}
