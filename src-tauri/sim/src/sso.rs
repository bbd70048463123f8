//! EVE SSO v2, as CCP's SSO documentation describes it (docs/design.md §3): metadata,
//! authorize with auto-consent, the token endpoint (authorization_code + PKCE S256, refresh_token with
//! rotation), revoke, JWKS, and RS256 access tokens with the real claims.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::Rng as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::{Inner, Shared};
use std::sync::Arc;

pub const CODE_LIFETIME_MS: i64 = 5 * 60_000;
pub const ACCESS_TOKEN_SECS: i64 = 1200;

/// Test-only RSA keys (they sign nothing outside this simulator); rotation cycles them.
const KEYS: [(&str, &str); 2] = [
    (
        include_str!("../keys/sim-key-1.pem"),
        include_str!("../keys/sim-key-1.jwk.json"),
    ),
    (
        include_str!("../keys/sim-key-2.pem"),
        include_str!("../keys/sim-key-2.jwk.json"),
    ),
];

/// The ES256 key CCP publishes beside the RSA one (a test-only key here), and its id.
const EC_KEY: (&str, &str) = (
    include_str!("../keys/sim-ec-key.pem"),
    include_str!("../keys/sim-ec-key.jwk.json"),
);
pub const EC_KID: &str = "sim-ec-signature-key";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub scp: Vec<String>,
    pub jti: String,
    pub kid: String,
    pub sub: String,
    pub azp: String,
    pub tenant: String,
    pub tier: String,
    pub region: String,
    pub aud: Vec<String>,
    pub name: String,
    pub owner: String,
    pub exp: i64,
    pub iat: i64,
    pub iss: String,
}

impl Claims {
    pub fn character_id(&self) -> Option<i64> {
        self.sub.strip_prefix("CHARACTER:EVE:")?.parse().ok()
    }
}

#[derive(Debug)]
pub(crate) struct Code {
    client_id: String,
    character_id: i64,
    scopes: Vec<String>,
    challenge: String,
    issued_ms: i64,
    used: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct RefreshGrant {
    pub client_id: String,
    pub character_id: i64,
    pub scopes: Vec<String>,
    /// Rotated out or revoked.
    pub dead: bool,
}

#[derive(Debug)]
pub(crate) struct SsoState {
    pub client_id: String,
    pub callbacks: Vec<String>,
    pub issuer: String,
    pub login_as: i64,
    pub deny_next: bool,
    /// The next token response leaves out `refresh_token` (a misbehaving SSO).
    pub omit_refresh_next: bool,
    codes: HashMap<String, Code>,
    /// Every access token issued, for leak scans.
    pub access_issued: Vec<String>,
    /// Keep every token issued (for leak scans); off in long runs, where it would only
    /// grow.
    pub keep_history: bool,
    pub token_log: Option<std::path::PathBuf>,
    pub refresh: HashMap<String, RefreshGrant>,
    pub key_generation: usize,
    /// The key behind each RSA key id moved on by this much: a key replaced under the same
    /// `kid` (CCP's key id is a constant).
    pub key_swap: usize,
    /// Sign new access tokens with the published ES256 key.
    pub sign_es256: bool,
    /// The key set moved: the metadata document names its new address and the old one
    /// answers 404.
    pub jwks_moved: bool,
}

impl SsoState {
    pub fn new(client_id: String, callbacks: Vec<String>, login_as: i64) -> Self {
        Self {
            client_id,
            callbacks,
            issuer: "login.eveonline.com".into(),
            login_as,
            deny_next: false,
            omit_refresh_next: false,
            codes: HashMap::new(),
            access_issued: Vec::new(),
            keep_history: true,
            token_log: None,
            refresh: HashMap::new(),
            key_generation: 0,
            key_swap: 0,
            sign_es256: false,
            jwks_moved: false,
        }
    }

    pub fn kid(generation: usize) -> String {
        if generation == 0 {
            "JWT-Signature-Key".into()
        } else {
            format!("JWT-Signature-Key-{}", generation + 1)
        }
    }

    /// The keys JWKS publishes: the current one and the one before it.
    fn published(&self) -> Vec<(String, &'static str, &'static str)> {
        let g = self.key_generation;
        let key = |g: usize| KEYS[(g + self.key_swap) % 2];
        let mut keys = vec![(Self::kid(g), key(g).0, key(g).1)];
        if g > 0 {
            keys.push((Self::kid(g - 1), key(g - 1).0, key(g - 1).1));
        }
        keys
    }
}

fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::thread_rng().fill(&mut buf[..]);
    base64::engine::general_purpose::STANDARD.encode(buf)
}

/// Issues an access token and a fresh refresh token for a character.
pub(crate) fn issue(
    inner: &mut Inner,
    now_ms: i64,
    character_id: i64,
    scopes: &[String],
) -> Option<TokenResponse> {
    let character = inner.world.characters.get(&character_id)?.clone();
    let sso = &mut inner.sso;
    let kid = if sso.sign_es256 {
        EC_KID.to_owned()
    } else {
        SsoState::kid(sso.key_generation)
    };
    let claims = Claims {
        scp: scopes.to_vec(),
        jti: format!("{:032x}", rand::random::<u128>()),
        kid: kid.clone(),
        sub: format!("CHARACTER:EVE:{character_id}"),
        azp: sso.client_id.clone(),
        tenant: "tranquility".into(),
        tier: "live".into(),
        region: "world".into(),
        aud: vec![sso.client_id.clone(), "EVE Online".into()],
        name: character.name.clone(),
        owner: character.owner_hash.clone(),
        exp: now_ms / 1000 + ACCESS_TOKEN_SECS,
        iat: now_ms / 1000,
        iss: sso.issuer.clone(),
    };
    let (alg, key) = if sso.sign_es256 {
        (
            Algorithm::ES256,
            EncodingKey::from_ec_pem(EC_KEY.0.as_bytes()).ok()?,
        )
    } else {
        let pem = KEYS[(sso.key_generation + sso.key_swap) % 2].0;
        (
            Algorithm::RS256,
            EncodingKey::from_rsa_pem(pem.as_bytes()).ok()?,
        )
    };
    let mut header = Header::new(alg);
    header.kid = Some(kid);
    header.typ = Some("JWT".into());
    let access_token = jsonwebtoken::encode(&header, &claims, &key).ok()?;
    let refresh_token = random_token(16);
    sso.refresh.insert(
        refresh_token.clone(),
        RefreshGrant {
            client_id: sso.client_id.clone(),
            character_id,
            scopes: scopes.to_vec(),
            dead: false,
        },
    );
    if sso.keep_history {
        sso.access_issued.push(access_token.clone());
    }
    if let Some(path) = &sso.token_log {
        use std::io::Write as _;
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = writeln!(f, "{access_token}\n{refresh_token}");
        }
    }
    Some(TokenResponse {
        access_token,
        expires_in: ACCESS_TOKEN_SECS - 1,
        token_type: "Bearer".into(),
        refresh_token,
    })
}

/// Checks an access token as ESI does: signature by a published key, not expired.
pub(crate) fn verify(inner: &Inner, token: &str, now_ms: i64) -> Result<Claims, &'static str> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| "authentication failure")?;
    let kid = header.kid.ok_or("authentication failure")?;
    let (alg, key) = if kid == EC_KID {
        let jwk: serde_json::Value =
            serde_json::from_str(EC_KEY.1).map_err(|_| "authentication failure")?;
        let key = DecodingKey::from_ec_components(
            jwk["x"].as_str().unwrap_or_default(),
            jwk["y"].as_str().unwrap_or_default(),
        )
        .map_err(|_| "authentication failure")?;
        (Algorithm::ES256, key)
    } else {
        let (_, _, jwk) = inner
            .sso
            .published()
            .into_iter()
            .find(|(k, _, _)| *k == kid)
            .ok_or("authentication failure")?;
        let jwk: serde_json::Value =
            serde_json::from_str(jwk).map_err(|_| "authentication failure")?;
        let key = DecodingKey::from_rsa_components(
            jwk["n"].as_str().unwrap_or_default(),
            jwk["e"].as_str().unwrap_or_default(),
        )
        .map_err(|_| "authentication failure")?;
        (Algorithm::RS256, key)
    };
    if header.alg != alg {
        return Err("authentication failure");
    }
    let mut validation = Validation::new(alg);
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Claims>(token, &key, &validation)
        .map_err(|_| "authentication failure")?;
    if data.claims.exp <= now_ms / 1000 {
        return Err("token is expired");
    }
    Ok(data.claims)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub expires_in: i64,
    pub token_type: String,
    pub refresh_token: String,
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(serde_json::json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

pub(crate) async fn metadata(State(shared): State<Arc<Shared>>) -> Response {
    let base = &shared.base_url;
    shared.log_simple(
        "GET",
        "/.well-known/oauth-authorization-server",
        "sso.metadata",
        200,
    );
    let issuer = shared.lock().sso.issuer.clone();
    Json(serde_json::json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{base}/v2/oauth/authorize"),
        "token_endpoint": format!("{base}/v2/oauth/token"),
        "response_types_supported": ["code", "token"],
        "jwks_uri": format!("{base}/oauth/{}", if shared.lock().sso.jwks_moved { "keys" } else { "jwks" }),
        "revocation_endpoint": format!("{base}/v2/oauth/revoke"),
        "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "client_secret_jwt"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "client_secret_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["HS256"],
        "code_challenge_methods_supported": ["S256"]
    }))
    .into_response()
}

/// The key set at its old address: gone once it moved (`jwks_moved`).
pub(crate) async fn jwks_old_address(State(shared): State<Arc<Shared>>) -> Response {
    if shared.lock().sso.jwks_moved {
        shared.log_simple("GET", "/oauth/jwks", "sso.jwks", 404);
        return StatusCode::NOT_FOUND.into_response();
    }
    jwks(State(shared)).await
}

pub(crate) async fn jwks(State(shared): State<Arc<Shared>>) -> Response {
    if let Some(response) = shared.fault_response("sso.jwks").await {
        shared.log_simple("GET", "/oauth/jwks", "sso.jwks", response.status().as_u16());
        return response;
    }
    shared.log_simple("GET", "/oauth/jwks", "sso.jwks", 200);
    let mut keys: Vec<serde_json::Value> = shared
        .lock()
        .sso
        .published()
        .into_iter()
        .map(|(kid, _, jwk)| {
            let jwk: serde_json::Value = serde_json::from_str(jwk).unwrap_or_default();
            serde_json::json!({"alg": "RS256", "e": jwk["e"], "kid": kid, "kty": "RSA", "n": jwk["n"], "use": "sig"})
        })
        .collect();
    // As CCP's: an ES256 key beside the RSA one, and a member no standard defines.
    let ec: serde_json::Value = serde_json::from_str(EC_KEY.1).unwrap_or_default();
    keys.push(serde_json::json!({"alg": "ES256", "crv": "P-256", "kid": EC_KID, "kty": "EC", "use": "sig", "x": ec["x"], "y": ec["y"]}));
    Json(serde_json::json!({ "keys": keys, "SkipUnresolvedJsonWebKeys": true })).into_response()
}

fn page(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        format!("<!doctype html><title>EVE SSO (simulator)</title><p>{text}</p>"),
    )
        .into_response()
}

pub(crate) async fn authorize(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let now = shared.clock.now_ms();
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
    let mut inner = shared.lock();
    let status = |s: StatusCode| s.as_u16();
    let response = (|| {
        if get("client_id") != inner.sso.client_id {
            return page(StatusCode::BAD_REQUEST, "Unknown client_id.");
        }
        let redirect = get("redirect_uri");
        if !inner.sso.callbacks.iter().any(|c| c == redirect) {
            return page(
                StatusCode::BAD_REQUEST,
                "The redirect_uri does not match the application's callback URL.",
            );
        }
        if get("response_type") != "code" || get("state").is_empty() {
            return page(
                StatusCode::BAD_REQUEST,
                "response_type=code and a state are required.",
            );
        }
        if get("code_challenge_method") != "S256" || get("code_challenge").is_empty() {
            return page(
                StatusCode::BAD_REQUEST,
                "PKCE with code_challenge_method=S256 is required.",
            );
        }
        let mut target = url::Url::parse(redirect).expect("registered callbacks are URLs");
        if std::mem::take(&mut inner.sso.deny_next) {
            target
                .query_pairs_mut()
                .append_pair("error", "access_denied")
                .append_pair("state", get("state"));
        } else {
            let code = random_token(16).replace(['+', '/', '='], "");
            let scopes = get("scope").split_whitespace().map(str::to_owned).collect();
            let login_as = inner.sso.login_as;
            inner.sso.codes.insert(
                code.clone(),
                Code {
                    client_id: get("client_id").into(),
                    character_id: login_as,
                    scopes,
                    challenge: get("code_challenge").into(),
                    issued_ms: now,
                    used: false,
                },
            );
            target
                .query_pairs_mut()
                .append_pair("code", &code)
                .append_pair("state", get("state"));
        }
        (StatusCode::FOUND, [(header::LOCATION, target.to_string())]).into_response()
    })();
    let code = status(response.status());
    let character = Some(inner.sso.login_as);
    drop(inner);
    shared.log(crate::log_entry(
        now,
        "GET",
        "/v2/oauth/authorize",
        "sso.authorize",
        code,
        character,
    ));
    response
}

fn form(headers: &HeaderMap, body: &[u8]) -> Option<HashMap<String, String>> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    is_form.then(|| url::form_urlencoded::parse(body).into_owned().collect())
}

pub(crate) async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use std::sync::atomic::Ordering;
    let at_once = shared.token_in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    shared
        .token_in_flight_max
        .fetch_max(at_once, Ordering::SeqCst);
    let latency = shared.lock().options.token_latency_ms;
    if latency > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(latency)).await;
    }
    shared.token_in_flight.fetch_sub(1, Ordering::SeqCst);
    let now = shared.clock.now_ms();
    let params = form(&headers, &body);
    let grant_type = params.as_ref().and_then(|p| p.get("grant_type").cloned());
    let fault = shared.fault_response("sso.token").await;
    let (response, character) = match fault {
        Some(r) => (r, None),
        None => {
            let (response, character, omit) = {
                let mut inner = shared.lock();
                let (response, character) = token_grant(&mut inner, now, params);
                let omit = response.status().is_success()
                    && std::mem::take(&mut inner.sso.omit_refresh_next);
                (response, character, omit)
            };
            if omit {
                (without_refresh_token(response).await, character)
            } else {
                (response, character)
            }
        }
    };
    let mut entry = crate::log_entry(
        now,
        "POST",
        "/v2/oauth/token",
        "sso.token",
        response.status().as_u16(),
        character,
    );
    entry.grant_type = grant_type;
    shared.log(entry);
    response
}

async fn without_refresh_token(response: Response) -> Response {
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap_or_default();
    let mut body: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    if let Some(object) = body.as_object_mut() {
        object.remove("refresh_token");
    }
    Json(body).into_response()
}

fn token_grant(
    inner: &mut Inner,
    now: i64,
    params: Option<HashMap<String, String>>,
) -> (Response, Option<i64>) {
    let Some(p) = params else {
        return (
            oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "The request must be application/x-www-form-urlencoded.",
            ),
            None,
        );
    };
    let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
    if get("client_id") != inner.sso.client_id {
        return (
            oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Unknown or missing client_id.",
            ),
            None,
        );
    }
    match get("grant_type") {
        "authorization_code" => {
            let Some(code) = inner.sso.codes.get_mut(get("code")) else {
                return (
                    oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "Unknown authorization code.",
                    ),
                    None,
                );
            };
            let character = code.character_id;
            if code.used {
                return (
                    oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "Authorization code already used.",
                    ),
                    Some(character),
                );
            }
            code.used = true;
            if now - code.issued_ms > CODE_LIFETIME_MS {
                return (
                    oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "Authorization code expired.",
                    ),
                    Some(character),
                );
            }
            if code.client_id != get("client_id") {
                return (
                    oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "Code issued to another client.",
                    ),
                    Some(character),
                );
            }
            let verifier = get("code_verifier").trim_end_matches('=');
            let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
            if verifier.is_empty() || challenge != code.challenge {
                return (
                    oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "PKCE verification failed.",
                    ),
                    Some(character),
                );
            }
            let scopes = code.scopes.clone();
            match issue(inner, now, character, &scopes) {
                Some(t) => (Json(t).into_response(), Some(character)),
                None => (
                    oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "Unknown character.",
                    ),
                    Some(character),
                ),
            }
        }
        "refresh_token" => {
            let presented = get("refresh_token").to_owned();
            let Some(grant) = inner.sso.refresh.get(&presented).cloned() else {
                return (
                    oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "Invalid refresh token.",
                    ),
                    None,
                );
            };
            if grant.dead || grant.client_id != get("client_id") {
                return (
                    oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "Invalid refresh token.",
                    ),
                    Some(grant.character_id),
                );
            }
            // Rotation: the presented token is spent (and, without a token history,
            // forgotten: an unknown token gets the same `invalid_grant`).
            if inner.sso.keep_history {
                if let Some(g) = inner.sso.refresh.get_mut(&presented) {
                    g.dead = true;
                }
            } else {
                inner.sso.refresh.remove(&presented);
            }
            match issue(inner, now, grant.character_id, &grant.scopes) {
                Some(t) => (Json(t).into_response(), Some(grant.character_id)),
                None => (
                    oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "Unknown character.",
                    ),
                    Some(grant.character_id),
                ),
            }
        }
        "" => (
            oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "grant_type is required.",
            ),
            None,
        ),
        other => (
            oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                &format!("Grant type {other} is not supported."),
            ),
            None,
        ),
    }
}

pub(crate) async fn revoke(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let now = shared.clock.now_ms();
    let params = form(&headers, &body);
    let mut character = None;
    let response = match params {
        None => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The request must be application/x-www-form-urlencoded.",
        ),
        Some(p) => {
            let mut inner = shared.lock();
            if p.get("client_id").map(String::as_str) != Some(inner.sso.client_id.as_str()) {
                oauth_error(
                    StatusCode::UNAUTHORIZED,
                    "invalid_client",
                    "Unknown or missing client_id.",
                )
            } else {
                if let Some(grant) = p.get("token").and_then(|t| inner.sso.refresh.get_mut(t)) {
                    grant.dead = true;
                    character = Some(grant.character_id);
                }
                StatusCode::OK.into_response()
            }
        }
    };
    shared.log(crate::log_entry(
        now,
        "POST",
        "/v2/oauth/revoke",
        "sso.revoke",
        response.status().as_u16(),
        character,
    ));
    response
}
