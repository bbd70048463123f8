//! The simulator's SSO against the rules of CCP's SSO documentation: PKCE S256, single-use
//! codes valid five minutes, refresh-token rotation, revocation, JWKS and real claims.

mod common;

use common::*;
use cynosure_sim::world::{AURA, CORA};
use cynosure_testkit::{http_client, query_param};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};

async fn decode(sim: &cynosure_sim::Sim, token: &str) -> cynosure_sim::Claims {
    let header = jsonwebtoken::decode_header(token).unwrap();
    let jwks: serde_json::Value = http_client(false)
        .get(format!("{}/oauth/jwks", sim.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let key = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == header.kid.clone().unwrap().as_str())
        .expect("the token's kid is published");
    assert_eq!(key["alg"], "RS256");
    let key =
        DecodingKey::from_rsa_components(key["n"].as_str().unwrap(), key["e"].as_str().unwrap())
            .unwrap();
    let mut v = Validation::new(Algorithm::RS256);
    v.set_audience(&[sim.client_id()]);
    v.set_issuer(&["login.eveonline.com"]);
    v.validate_exp = false;
    jsonwebtoken::decode(token, &key, &v).unwrap().claims
}

#[tokio::test]
async fn metadata_points_at_the_simulator() {
    let sim = sim().await;
    let m: serde_json::Value = http_client(false)
        .get(format!(
            "{}/.well-known/oauth-authorization-server",
            sim.base_url()
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(m["issuer"], "login.eveonline.com");
    assert_eq!(
        m["token_endpoint"],
        format!("{}/v2/oauth/token", sim.base_url())
    );
    assert_eq!(
        m["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
}

#[tokio::test]
async fn a_pkce_login_yields_tokens_with_the_real_claims() {
    let sim = sim().await;
    let verifier = "a-verifier-with-plenty-of-entropy-0123456789";
    let callback = authorize(&sim, verifier, "st4te").await;
    assert!(callback.as_str().starts_with(CALLBACK));
    assert_eq!(query_param(&callback, "state").as_deref(), Some("st4te"));
    let code = query_param(&callback, "code").unwrap();

    let (status, body) = token(
        &sim,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", &sim.client_id()),
            ("code_verifier", verifier),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["refresh_token"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    let claims = decode(&sim, body["access_token"].as_str().unwrap()).await;
    assert_eq!(claims.sub, format!("CHARACTER:EVE:{AURA}"));
    assert_eq!(claims.name, "Aura Vexx");
    assert_eq!(claims.aud, vec![sim.client_id(), "EVE Online".to_string()]);
    assert_eq!(claims.azp, sim.client_id());
    assert_eq!(claims.exp - claims.iat, 1200);
    assert_eq!(claims.iat, NOW / 1000);
    assert_eq!(claims.scp.len(), ALL_SCOPES.len());
    assert_eq!(
        (
            claims.tenant.as_str(),
            claims.tier.as_str(),
            claims.region.as_str()
        ),
        ("tranquility", "live", "world")
    );
}

#[tokio::test]
async fn a_wrong_verifier_a_replayed_code_and_an_expired_code_get_invalid_grant() {
    let sim = sim().await;
    let cid = sim.client_id();
    let code = query_param(&authorize(&sim, "right-verifier", "s").await, "code").unwrap();
    let (status, body) = token(
        &sim,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", &cid),
            ("code_verifier", "wrong-verifier"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    // Single use: even the right verifier now fails.
    let (status, body) = token(
        &sim,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", &cid),
            ("code_verifier", "right-verifier"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    let code = query_param(&authorize(&sim, "v2", "s").await, "code").unwrap();
    let (status, _) = token(
        &sim,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", &cid),
            ("code_verifier", "v2"),
        ],
    )
    .await;
    assert_eq!(status, 200, "a fresh code works once");
    let code = query_param(&authorize(&sim, "v3", "s").await, "code").unwrap();
    sim.clock().advance_secs(301);
    let (status, body) = token(
        &sim,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", &cid),
            ("code_verifier", "v3"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "codes live five minutes"
    );
}

#[tokio::test]
async fn unknown_clients_and_callbacks_are_rejected_without_a_redirect() {
    let sim = sim().await;
    for (client, redirect) in [
        ("someone-else", CALLBACK),
        (sim.client_id().as_str(), "http://127.0.0.1:1/evil"),
    ] {
        let r = http_client(false)
            .get(format!("{}/v2/oauth/authorize", sim.base_url()))
            .query(&[
                ("response_type", "code"),
                ("client_id", client),
                ("redirect_uri", redirect),
                ("scope", ""),
                ("state", "s"),
                ("code_challenge", "x"),
                ("code_challenge_method", "S256"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        assert!(r.headers().get("location").is_none());
    }
}

#[tokio::test]
async fn a_denied_login_redirects_with_access_denied() {
    let sim = sim().await;
    sim.deny_next_login();
    let callback = authorize(&sim, "v", "st").await;
    assert_eq!(
        query_param(&callback, "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(query_param(&callback, "state").as_deref(), Some("st"));
    assert_eq!(query_param(&callback, "code"), None);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_rotated_out_token_gets_invalid_grant() {
    let sim = sim().await;
    let cid = sim.client_id();
    let first = sim.issue_tokens(CORA, &ALL_SCOPES).unwrap();
    let (status, second) = token(
        &sim,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &first.refresh_token),
            ("client_id", &cid),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_ne!(
        second["refresh_token"],
        first.refresh_token.as_str(),
        "rotated"
    );
    let (status, body) = token(
        &sim,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &first.refresh_token),
            ("client_id", &cid),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let (status, _) = token(
        &sim,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", second["refresh_token"].as_str().unwrap()),
            ("client_id", &cid),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let log = sim.requests();
    assert_eq!(
        log.iter()
            .filter(|r| r.grant_type.as_deref() == Some("refresh_token"))
            .count(),
        3
    );
}

#[tokio::test]
async fn a_revoked_refresh_token_stops_working() {
    let sim = sim().await;
    let cid = sim.client_id();
    let t = sim.issue_tokens(AURA, &ALL_SCOPES).unwrap();
    let r = http_client(false)
        .post(format!("{}/v2/oauth/revoke", sim.base_url()))
        .form(&[
            ("token_type_hint", "refresh_token"),
            ("token", &t.refresh_token),
            ("client_id", &cid),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (status, body) = token(
        &sim,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &t.refresh_token),
            ("client_id", &cid),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(
        sim.requests()
            .iter()
            .filter(|r| r.route == "sso.revoke")
            .count(),
        1
    );
}

#[tokio::test]
async fn the_token_endpoint_wants_a_form() {
    let sim = sim().await;
    let r = http_client(false)
        .post(format!("{}/v2/oauth/token", sim.base_url()))
        .json(&serde_json::json!({"grant_type": "refresh_token"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
}

#[tokio::test]
async fn key_rotation_publishes_a_new_kid_and_keeps_the_old_one() {
    let sim = sim().await;
    let before = sim.issue_tokens(AURA, &ALL_SCOPES).unwrap();
    let new_kid = sim.rotate_signing_key();
    let after = sim.issue_tokens(AURA, &ALL_SCOPES).unwrap();
    assert_eq!(
        jsonwebtoken::decode_header(&before.access_token)
            .unwrap()
            .kid
            .as_deref(),
        Some("JWT-Signature-Key")
    );
    assert_eq!(
        jsonwebtoken::decode_header(&after.access_token)
            .unwrap()
            .kid,
        Some(new_kid)
    );
    decode(&sim, &before.access_token).await;
    decode(&sim, &after.access_token).await;
}
