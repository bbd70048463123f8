//! RS256 access-token validation against the SSO's JWKS: keys cached by `kid` and
//! re-fetched once when a token names a key we do not know; `iss` in either accepted
//! form; `aud` holding both our client id and "EVE Online"; `exp` by our clock.

use std::collections::HashMap;
use std::sync::Arc;

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use tokio::sync::Mutex;

use super::{AuthError, VerifiedCharacter};
use crate::Clock;

const ISSUERS: &[&str] = &[
    "login.eveonline.com",
    "https://login.eveonline.com",
    "https://login.eveonline.com/",
];
/// Tolerated clock difference with the SSO.
const LEEWAY_SECS: i64 = 30;

#[derive(Deserialize)]
struct Jwks {
    keys: Vec<Jwk>,
}

#[derive(Deserialize)]
struct Jwk {
    kid: String,
    #[serde(default)]
    kty: String,
    #[serde(default)]
    n: String,
    #[serde(default)]
    e: String,
}

#[derive(Deserialize)]
struct RawClaims {
    sub: String,
    name: String,
    owner: String,
    #[serde(default)]
    scp: Option<serde_json::Value>,
    aud: serde_json::Value,
    iss: String,
    exp: i64,
}

pub struct JwtVerifier {
    http: reqwest::Client,
    jwks_url: String,
    clock: Arc<dyn Clock>,
    keys: Mutex<HashMap<String, DecodingKey>>,
}

impl JwtVerifier {
    pub fn new(http: reqwest::Client, jwks_url: String, clock: Arc<dyn Clock>) -> Self {
        Self {
            http,
            jwks_url,
            clock,
            keys: Mutex::new(HashMap::new()),
        }
    }

    async fn refresh_keys(&self, keys: &mut HashMap<String, DecodingKey>) -> Result<(), AuthError> {
        let response = self
            .http
            .get(&self.jwks_url)
            .send()
            .await
            .map_err(|e| AuthError::Jwks(e.without_url().to_string()))?;
        if !response.status().is_success() {
            return Err(AuthError::Jwks(format!(
                "HTTP {}",
                response.status().as_u16()
            )));
        }
        let jwks: Jwks = response
            .json()
            .await
            .map_err(|e| AuthError::Jwks(e.without_url().to_string()))?;
        keys.clear();
        for key in jwks.keys.into_iter().filter(|k| k.kty == "RSA") {
            if let Ok(decoding) = DecodingKey::from_rsa_components(&key.n, &key.e) {
                keys.insert(key.kid, decoding);
            }
        }
        Ok(())
    }

    /// Checks an access token issued to `client_id` and returns what it says about its
    /// character.
    #[tracing::instrument(skip_all, err)]
    pub async fn verify(
        &self,
        token: &str,
        client_id: &str,
    ) -> Result<VerifiedCharacter, AuthError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| AuthError::MalformedToken)?;
        if header.alg != Algorithm::RS256 {
            return Err(AuthError::MalformedToken);
        }
        let kid = header.kid.ok_or(AuthError::UnknownKey)?;
        let key = {
            let mut keys = self.keys.lock().await;
            if !keys.contains_key(&kid) {
                self.refresh_keys(&mut keys).await?;
            }
            keys.get(&kid).cloned().ok_or(AuthError::UnknownKey)?
        };

        let mut validation = Validation::new(Algorithm::RS256);
        validation.validate_exp = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        let claims = jsonwebtoken::decode::<RawClaims>(token, &key, &validation)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::InvalidSignature => AuthError::BadSignature,
                _ => AuthError::MalformedToken,
            })?
            .claims;

        if !ISSUERS.contains(&claims.iss.as_str()) {
            return Err(AuthError::WrongIssuer);
        }
        let audiences: Vec<&str> = match &claims.aud {
            serde_json::Value::String(s) => vec![s.as_str()],
            serde_json::Value::Array(items) => items.iter().filter_map(|v| v.as_str()).collect(),
            _ => vec![],
        };
        if !audiences.contains(&client_id) || !audiences.contains(&"EVE Online") {
            return Err(AuthError::WrongAudience);
        }
        if claims.exp + LEEWAY_SECS <= self.clock.now_ms() / 1000 {
            return Err(AuthError::Expired);
        }
        let character_id = claims
            .sub
            .strip_prefix("CHARACTER:EVE:")
            .and_then(|id| id.parse().ok())
            .ok_or(AuthError::MalformedToken)?;
        let scopes = match claims.scp {
            Some(serde_json::Value::String(s)) => s.split_whitespace().map(str::to_owned).collect(),
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => vec![],
        };
        Ok(VerifiedCharacter {
            character_id,
            name: claims.name,
            owner_hash: claims.owner,
            scopes,
            expires_at_ms: claims.exp * 1000,
        })
    }
}
