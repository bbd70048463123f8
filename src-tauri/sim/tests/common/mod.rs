#![allow(dead_code)]

use base64::Engine as _;
use cynosure_sim::{Sim, SimClock, SimConfig};
use cynosure_testkit::http_client;
use sha2::Digest as _;

pub const NOW: i64 = 1_795_014_400_000; // 15:06:40 UTC, away from the daily downtime
pub const CALLBACK: &str = "http://127.0.0.1:47999/callback";

pub async fn sim() -> Sim {
    Sim::start(SimConfig {
        clock: SimClock::frozen_at(NOW),
        callbacks: vec![CALLBACK.into()],
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

pub fn challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()))
}

/// Every scope a served route needs.
pub static ALL_SCOPES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(cynosure_sim::esi::scopes);

/// Follows authorize like a browser would and returns the callback's query.
pub async fn authorize(sim: &Sim, verifier: &str, state: &str) -> reqwest::Url {
    let response = http_client(false)
        .get(format!("{}/v2/oauth/authorize", sim.base_url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", &sim.client_id()),
            ("redirect_uri", CALLBACK),
            ("scope", &ALL_SCOPES.join(" ")),
            ("state", state),
            ("code_challenge", &challenge(verifier)),
            ("code_challenge_method", "S256"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    reqwest::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap()
}

pub async fn token(sim: &Sim, form: &[(&str, &str)]) -> (u16, serde_json::Value) {
    let r = http_client(false)
        .post(format!("{}/v2/oauth/token", sim.base_url()))
        .form(form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or_default())
}

pub async fn esi(
    sim: &Sim,
    path: &str,
    token: Option<&str>,
    etag: Option<&str>,
) -> reqwest::Response {
    let mut req = http_client(false)
        .get(format!("{}{path}", sim.base_url()))
        .header("X-Compatibility-Date", "2026-08-18")
        .header("User-Agent", "sim-tests/1");
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(e) = etag {
        req = req.header("If-None-Match", e);
    }
    req.send().await.unwrap()
}
