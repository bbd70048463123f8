//! Access-token validation against the simulator's JWKS: every bad token is refused with
//! its own error; the key set is found through EVE's login's metadata document, fetched
//! again for an unknown `kid` and — rarely — for a signature failing against a cached key
//! (a key replaced under CCP's constant key id); ES256 keys are honoured as published.

use std::sync::Arc;

use base64::Engine as _;
use cynosure_core::auth::{AuthError, JwtVerifier, VerifiedCharacter};
use cynosure_core::Clock;
use cynosure_sim::world::{AURA, CORA};
use cynosure_sim::{Sim, SimClock, SimConfig, DEFAULT_CLIENT_ID};

const NOW: i64 = 1_795_014_400_000;
const SCOPES: &[&str] = &["esi-skills.read_skills.v1", "esi-location.read_online.v1"];

#[derive(Debug)]
struct SimTime(Arc<SimClock>);

impl Clock for SimTime {
    fn now_ms(&self) -> i64 {
        self.0.now_ms()
    }
}

/// The verifier, expecting tokens for one client id.
struct Verifier(JwtVerifier, String);

impl Verifier {
    async fn verify(&self, token: &str) -> Result<VerifiedCharacter, AuthError> {
        self.0.verify(token, &self.1).await
    }
}

macro_rules! assert_refused {
    ($result:expr, $pattern:pat $(if $guard:expr)?) => {{
        let result = $result;
        assert!(
            matches!(result, Err($pattern) $(if $guard)?),
            "expected {}, got {:?}",
            stringify!($pattern),
            result.as_ref().map(|c| c.character_id).map_err(|e| e.to_string())
        );
    }};
}

async fn setup(client_id: &str) -> (Sim, Verifier) {
    let sim = Sim::start(SimConfig {
        clock: SimClock::frozen_at(NOW),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let verifier = Verifier(
        JwtVerifier::new(
            reqwest::Client::new(),
            format!("{}/.well-known/oauth-authorization-server", sim.base_url()),
            Arc::new(SimTime(sim.clock_handle())),
        ),
        client_id.into(),
    );
    (sim, verifier)
}

fn jwks_fetches(sim: &Sim) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.route == "sso.jwks")
        .count()
}

#[tokio::test]
async fn a_valid_token_names_its_character_owner_and_scopes() {
    let (sim, verifier) = setup(DEFAULT_CLIENT_ID).await;
    let token = sim.issue_tokens(AURA, SCOPES).unwrap().access_token;
    let who = verifier.verify(&token).await.unwrap();
    assert_eq!(who.character_id, AURA);
    assert_eq!(who.name, "Aura Vexx");
    assert_eq!(who.owner_hash, "sim-owner-account-a");
    assert_eq!(who.scopes, SCOPES);
    assert_eq!(who.expires_at_ms, NOW + 1_200_000);
    // The keys are cached.
    verifier
        .verify(&sim.issue_tokens(CORA, SCOPES).unwrap().access_token)
        .await
        .unwrap();
    assert_eq!(jwks_fetches(&sim), 1);
}

#[tokio::test]
async fn both_issuer_forms_are_accepted_and_others_refused() {
    let (sim, verifier) = setup(DEFAULT_CLIENT_ID).await;
    sim.set_issuer("https://login.eveonline.com");
    verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await
        .unwrap();
    sim.set_issuer("https://login.example.com");
    let r = verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await;
    assert_refused!(r, AuthError::WrongIssuer);
}

#[tokio::test]
async fn a_token_for_another_application_is_refused() {
    let (sim, verifier) = setup("some-other-client").await;
    let r = verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await;
    assert_refused!(r, AuthError::WrongAudience);
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let (sim, verifier) = setup(DEFAULT_CLIENT_ID).await;
    let token = sim.issue_tokens(AURA, SCOPES).unwrap().access_token;
    sim.clock().advance_secs(1200 + 31);
    assert_refused!(verifier.verify(&token).await, AuthError::Expired);
}

#[tokio::test]
async fn a_tampered_token_fails_its_signature() {
    let (sim, verifier) = setup(DEFAULT_CLIENT_ID).await;
    let token = sim.issue_tokens(AURA, SCOPES).unwrap().access_token;
    let parts: Vec<&str> = token.split('.').collect();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut claims: serde_json::Value =
        serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
    claims["sub"] = "CHARACTER:EVE:1".into();
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        b64.encode(serde_json::to_vec(&claims).unwrap()),
        parts[2]
    );
    assert_refused!(verifier.verify(&forged).await, AuthError::BadSignature);
    assert_refused!(
        verifier.verify("not-a-jwt").await,
        AuthError::MalformedToken
    );
}

#[tokio::test]
async fn a_rotated_key_is_fetched_once_and_an_unknown_kid_stays_refused() {
    let (sim, verifier) = setup(DEFAULT_CLIENT_ID).await;
    verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await
        .unwrap();
    sim.rotate_signing_key();
    verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await
        .unwrap();
    assert_eq!(jwks_fetches(&sim), 2, "re-fetched once for the new kid");

    let token = sim.issue_tokens(AURA, SCOPES).unwrap().access_token;
    let parts: Vec<&str> = token.split('.').collect();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = b64.encode(br#"{"alg":"RS256","kid":"never-published","typ":"JWT"}"#);
    let unknown = format!("{header}.{}.{}", parts[1], parts[2]);
    assert_refused!(verifier.verify(&unknown).await, AuthError::UnknownKey);
    assert_eq!(
        jwks_fetches(&sim),
        2,
        "the set was fetched for an unknown id just now"
    );
    // A minute on: once more for it, and no more for a flood of made-up ids.
    sim.clock().advance_secs(60);
    for _ in 0..5 {
        assert_refused!(verifier.verify(&unknown).await, AuthError::UnknownKey);
    }
    assert_eq!(jwks_fetches(&sim), 3, "one more fetch, then refused");
}

#[tokio::test]
async fn cached_keys_are_fetched_again_after_a_day() {
    let (sim, verifier) = setup(DEFAULT_CLIENT_ID).await;
    verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await
        .unwrap();
    sim.clock().advance_secs(23 * 3600);
    verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await
        .unwrap();
    assert_eq!(jwks_fetches(&sim), 1);
    sim.clock().advance_secs(3600);
    verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await
        .unwrap();
    assert_eq!(jwks_fetches(&sim), 2, "a day old: fetched again");
}

#[tokio::test]
async fn a_token_issued_in_the_future_is_refused() {
    let (sim, _) = setup(DEFAULT_CLIENT_ID).await;
    /// A verifier ten minutes behind the login that issued the token.
    #[derive(Debug)]
    struct Behind(Arc<SimClock>);
    impl Clock for Behind {
        fn now_ms(&self) -> i64 {
            self.0.now_ms() - 600_000
        }
    }
    let verifier = JwtVerifier::new(
        reqwest::Client::new(),
        format!("{}/.well-known/oauth-authorization-server", sim.base_url()),
        Arc::new(Behind(sim.clock_handle())),
    );
    let token = sim.issue_tokens(AURA, SCOPES).unwrap().access_token;
    assert_refused!(
        verifier.verify(&token, DEFAULT_CLIENT_ID).await,
        AuthError::NotYetValid
    );
}

#[tokio::test]
async fn an_unreachable_jwks_is_a_clear_error() {
    let (sim, verifier) = setup(DEFAULT_CLIENT_ID).await;
    sim.add_fault(cynosure_sim::Fault {
        route: "sso.jwks".into(),
        kind: cynosure_sim::FaultKind::Status { status: 503 },
        times: None,
    });
    let r = verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await;
    assert_refused!(&r, AuthError::Jwks(m) if m == "HTTP 503");
    let ipc: cynosure_core::IpcError = r.unwrap_err().into();
    assert_eq!(ipc.code, "auth.jwks_unavailable");
}

#[tokio::test]
async fn the_key_set_is_found_through_the_metadata_document() {
    let (sim, verifier) = setup(DEFAULT_CLIENT_ID).await;
    // Its address moved: only the metadata document says where.
    sim.move_key_set();
    verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await
        .unwrap();
    let metadata = sim
        .requests()
        .iter()
        .filter(|r| r.route == "sso.metadata")
        .count();
    assert_eq!(metadata, 1);
    // Cached: another token asks nothing.
    verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await
        .unwrap();
    assert_eq!(sim.requests().len(), 2, "{:?}", sim.requests());
}

#[tokio::test]
async fn a_key_replaced_under_the_same_kid_is_picked_up_once() {
    let (sim, verifier) = setup(DEFAULT_CLIENT_ID).await;
    verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await
        .unwrap();
    assert_eq!(jwks_fetches(&sim), 1);
    sim.replace_signing_key();
    let who = verifier
        .verify(&sim.issue_tokens(AURA, SCOPES).unwrap().access_token)
        .await
        .expect("the new key under the old id");
    assert_eq!(who.character_id, AURA);
    assert_eq!(jwks_fetches(&sim), 2, "fetched again once");

    // A token whose signature is simply wrong: refused; the key set is not fetched on
    // every such token, at most once in five minutes.
    let token = sim.issue_tokens(AURA, SCOPES).unwrap().access_token;
    let (rest, _) = token.rsplit_once('.').unwrap();
    let forged = format!("{rest}.{}", "A".repeat(342));
    for _ in 0..3 {
        assert_refused!(verifier.verify(&forged).await, AuthError::BadSignature);
    }
    assert_eq!(jwks_fetches(&sim), 2, "just fetched: not again");
    sim.clock().advance_secs(5 * 60);
    for _ in 0..3 {
        assert_refused!(verifier.verify(&forged).await, AuthError::BadSignature);
    }
    assert_eq!(jwks_fetches(&sim), 3, "once more after five minutes");
}

#[tokio::test]
async fn an_es256_token_is_checked_against_the_es256_key() {
    let (sim, verifier) = setup(DEFAULT_CLIENT_ID).await;
    sim.sign_with_es256(true);
    let token = sim.issue_tokens(CORA, SCOPES).unwrap().access_token;
    let header: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(token.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header["alg"], "ES256");
    assert_eq!(verifier.verify(&token).await.unwrap().character_id, CORA);

    // An RS256 header naming the ES256 key is refused (the key says which algorithm).
    let parts: Vec<&str> = token.split('.').collect();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let kid = header["kid"].as_str().unwrap();
    let swapped = b64.encode(format!(r#"{{"alg":"RS256","kid":"{kid}","typ":"JWT"}}"#));
    let confused = format!("{swapped}.{}.{}", parts[1], parts[2]);
    assert!(verifier.verify(&confused).await.is_err());
}
