//! Access-token validation against the keys EVE's login publishes: the key set's address
//! from its metadata document (`/.well-known/oauth-authorization-server`, cached), keys
//! cached by `kid` with the algorithm each declares (CCP publishes RS256 and ES256 keys),
//! re-fetched once for an unknown `kid` and — CCP's key id being a constant — once for a
//! signature that fails against a cached key (at most every few minutes); `iss` in either
//! accepted form; `aud` holding both our client id and "EVE Online"; `exp` by server time.

use std::collections::HashMap;
use std::sync::Arc;

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, JwkSet, KeyAlgorithm};
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
/// A signature failing against a cached key fetches the key set again at most this often.
const REFETCH_AFTER_BAD_SIGNATURE_MS: i64 = 5 * 60_000;
/// A token naming a key id not in the set fetches it again at most this often (a flood of
/// made-up ids must not become a flood of requests to EVE's login).
const REFETCH_FOR_UNKNOWN_KID_MS: i64 = 60_000;
/// Cached keys are fetched again after this long, whatever happens.
const KEYS_KEPT_MS: i64 = 24 * 3_600_000;

#[derive(Deserialize)]
struct Metadata {
    jwks_uri: String,
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
    #[serde(default)]
    iat: Option<i64>,
    #[serde(default)]
    nbf: Option<i64>,
}

#[derive(Default)]
struct KeyCache {
    /// The key set's address, from the metadata document.
    jwks_url: Option<String>,
    keys: HashMap<String, (Algorithm, DecodingKey)>,
    /// When the key set was fetched last.
    fetched_at: Option<i64>,
    /// When the key set was last fetched because a signature failed.
    refetched_for_signature_at: Option<i64>,
    /// When it was last fetched for a key id it did not hold.
    refetched_for_unknown_at: Option<i64>,
}

pub struct JwtVerifier {
    http: reqwest::Client,
    metadata_url: String,
    clock: Arc<dyn Clock>,
    /// Learns server time from the login's answers (their `Date`): a first sign-in on a
    /// computer whose clock is off checks `iat` and `exp` in the servers' time.
    server_clock: Option<Arc<crate::clock::ServerClock>>,
    cache: Mutex<KeyCache>,
}

/// The algorithm a published key is for: the one it declares, else the one its kind
/// implies. Only those EVE uses are taken.
fn algorithm_of(jwk: &jsonwebtoken::jwk::Jwk) -> Option<Algorithm> {
    match jwk.common.key_algorithm {
        Some(KeyAlgorithm::RS256) => Some(Algorithm::RS256),
        Some(KeyAlgorithm::ES256) => Some(Algorithm::ES256),
        Some(_) => None,
        None => match &jwk.algorithm {
            AlgorithmParameters::RSA(_) => Some(Algorithm::RS256),
            AlgorithmParameters::EllipticCurve(ec) if ec.curve == EllipticCurve::P256 => {
                Some(Algorithm::ES256)
            }
            _ => None,
        },
    }
}

impl JwtVerifier {
    /// `metadata_url`: EVE's login's metadata document, which names the key set.
    pub fn new(http: reqwest::Client, metadata_url: String, clock: Arc<dyn Clock>) -> Self {
        Self {
            http,
            metadata_url,
            clock,
            server_clock: None,
            cache: Mutex::new(KeyCache::default()),
        }
    }

    /// Teaches `server_clock` (the one `clock` reads) from the login's answers.
    pub fn learning_into(mut self, server_clock: Arc<crate::clock::ServerClock>) -> Self {
        self.server_clock = Some(server_clock);
        self
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, AuthError> {
        let response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| AuthError::Jwks(e.without_url().to_string()))?;
        if let (Some(clock), Some(date)) = (
            &self.server_clock,
            crate::esi::headers::date_ms(response.headers()),
        ) {
            clock.observe(date);
        }
        if !response.status().is_success() {
            return Err(AuthError::Jwks(format!(
                "HTTP {}",
                response.status().as_u16()
            )));
        }
        response
            .json()
            .await
            .map_err(|e| AuthError::Jwks(e.without_url().to_string()))
    }

    async fn refresh_keys(&self, cache: &mut KeyCache) -> Result<(), AuthError> {
        let url = match cache.jwks_url.clone() {
            Some(url) => url,
            None => {
                let metadata: Metadata = self.get_json(&self.metadata_url).await?;
                cache.jwks_url = Some(metadata.jwks_uri.clone());
                metadata.jwks_uri
            }
        };
        let set: JwkSet = match self.get_json(&url).await {
            Ok(set) => set,
            Err(e) => {
                // The address may have moved: read the metadata again next time.
                cache.jwks_url = None;
                return Err(e);
            }
        };
        cache.keys.clear();
        cache.fetched_at = Some(self.clock.now_ms());
        for jwk in &set.keys {
            let (Some(kid), Some(alg)) = (jwk.common.key_id.clone(), algorithm_of(jwk)) else {
                continue;
            };
            if let Ok(key) = DecodingKey::from_jwk(jwk) {
                cache.keys.insert(kid, (alg, key));
            }
        }
        Ok(())
    }

    /// The key a token names, fetching the key set when it is not known (or, once in a
    /// while, when `stale` says the cached one failed).
    async fn key(&self, kid: &str, stale: bool) -> Result<(Algorithm, DecodingKey), AuthError> {
        let mut cache = self.cache.lock().await;
        let now = self.clock.now_ms();
        let refetch = if stale {
            let due = cache
                .refetched_for_signature_at
                .map_or(true, |at| now - at >= REFETCH_AFTER_BAD_SIGNATURE_MS);
            if due {
                cache.refetched_for_signature_at = Some(now);
            }
            due
        } else if cache.fetched_at.map_or(true, |at| now - at >= KEYS_KEPT_MS) {
            true
        } else if !cache.keys.contains_key(kid) {
            let due = cache
                .refetched_for_unknown_at
                .map_or(true, |at| now - at >= REFETCH_FOR_UNKNOWN_KID_MS);
            if due {
                cache.refetched_for_unknown_at = Some(now);
            }
            due
        } else {
            false
        };
        if refetch {
            self.refresh_keys(&mut cache).await?;
        }
        cache.keys.get(kid).cloned().ok_or(AuthError::UnknownKey)
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
        if !matches!(header.alg, Algorithm::RS256 | Algorithm::ES256) {
            return Err(AuthError::MalformedToken);
        }
        let kid = header.kid.ok_or(AuthError::UnknownKey)?;
        let decode = |(alg, key): (Algorithm, DecodingKey)| {
            if alg != header.alg {
                return Err(AuthError::BadSignature);
            }
            let mut validation = Validation::new(alg);
            validation.validate_exp = false;
            validation.validate_aud = false;
            validation.required_spec_claims.clear();
            jsonwebtoken::decode::<RawClaims>(token, &key, &validation)
                .map(|d| d.claims)
                .map_err(|e| match e.kind() {
                    jsonwebtoken::errors::ErrorKind::InvalidSignature => AuthError::BadSignature,
                    _ => AuthError::MalformedToken,
                })
        };
        let claims = match decode(self.key(&kid, false).await?) {
            // The key behind this id may have been replaced: the key set once more.
            Err(AuthError::BadSignature) => decode(self.key(&kid, true).await?)?,
            other => other?,
        };

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
        let now_secs = self.clock.now_ms() / 1000;
        if claims.exp.saturating_add(LEEWAY_SECS) <= now_secs {
            return Err(AuthError::Expired);
        }
        // Not valid yet (or issued in the future): refused, with the same leeway.
        if [claims.nbf, claims.iat]
            .into_iter()
            .flatten()
            .any(|t| t > now_secs.saturating_add(LEEWAY_SECS))
        {
            return Err(AuthError::NotYetValid);
        }
        let expires_at_ms = claims
            .exp
            .checked_mul(1000)
            .ok_or(AuthError::MalformedToken)?;
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
            expires_at_ms,
        })
    }
}
