use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::Rng as _;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::sync::Semaphore;

use super::budget::Budgets;
use super::{BudgetSnapshot, Fetched, GateConfig, GateError, Route, COMPATIBILITY_DATE};
use crate::clock::{Clock, ServerClock};

/// (path, character) of a conditional read.
type FreshnessKey = (String, Option<i64>);

/// A raw answer that passed the gate (2xx or 304).
struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// One request, as the gate needs it.
struct Call<'a> {
    route: Route,
    method: Method,
    path: String,
    character_id: Option<i64>,
    token: Option<&'a str>,
    etag: Option<&'a str>,
    body: Option<Vec<u8>>,
}

pub struct EsiGate {
    http: reqwest::Client,
    /// For EVE's login: never follows redirects (OAuth 2 token and revoke endpoints must
    /// not be redirected elsewhere).
    sso_http: reqwest::Client,
    config: GateConfig,
    /// Server time (learnt from each answer's `Date`).
    clock: Arc<ServerClock>,
    permits: Semaphore,
    budgets: Mutex<Budgets>,
    /// Per URL (and character): the ETag we were given and until when ESI's cache of it
    /// holds. A conditional read of it before then is answered here, without a request.
    freshness: Mutex<std::collections::HashMap<FreshnessKey, (String, i64)>>,
    downtime: Mutex<DowntimeWatch>,
}

/// Today's daily downtime as the gate has seen it: whether its one probe went out, and
/// whether ESI has answered since the downtime began (then it is over for the day).
#[derive(Debug, Default)]
struct DowntimeWatch {
    day: i64,
    /// When the probe went, and for which character: its token refresh and its read
    /// belong to the one probe.
    probe: Option<(i64, Option<i64>)>,
    over: bool,
}

/// How long a probe's refresh and read may take.
const PROBE_SPAN_MS: i64 = 30_000;

/// The one probe of a downtime goes this long after it began (most are over in minutes).
const PROBE_AFTER_MS: i64 = 5 * 60_000;

impl<'a> Call<'a> {
    fn get(
        route: Route,
        path: String,
        character_id: Option<i64>,
        token: Option<&'a str>,
        etag: Option<&'a str>,
    ) -> Self {
        Self {
            route,
            method: Method::GET,
            path,
            character_id,
            token,
            etag,
            body: None,
        }
    }
}

impl std::fmt::Debug for EsiGate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EsiGate")
            .field("esi_url", &self.config.esi_url)
            .finish_non_exhaustive()
    }
}

const DOWNTIME_START_MIN: i64 = 11 * 60;
const DOWNTIME_END_MIN: i64 = 11 * 60 + 15;

/// What one probe learnt (see [`EsiGate::probe`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probed {
    pub status: u16,
    pub header_names: Vec<String>,
    /// `Expires − Date`: the cache time the server gave.
    pub cache_secs: Option<i64>,
    pub pages: Option<u32>,
    pub rate_limit_group: Option<String>,
    /// Items in a JSON array body.
    pub items: Option<usize>,
}

/// `X-Pages`: how many pages the answer has.
fn x_pages(headers: &HeaderMap) -> Option<u32> {
    headers
        .get("x-pages")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| *n >= 1)
}

/// What a 403 is about, from its body: the token (`sso_status`, or words about the
/// token or authentication), a scope, or else a role — the only reading CCP documents.
fn forbidden(message: String, body: &[u8]) -> GateError {
    let sso_status = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .is_some_and(|v| v.get("sso_status").is_some());
    let lower = message.to_ascii_lowercase();
    if lower.contains("scope") {
        GateError::ScopeRefused { message }
    } else if sso_status
        || [
            "authentication failure",
            "authorization not provided",
            "sso responded",
            "token is expired",
            "invalid token",
            "token expiry",
        ]
        .iter()
        .any(|w| lower.contains(w))
    {
        GateError::TokenRefused { message }
    } else {
        GateError::Forbidden { message }
    }
}

/// The end of today's downtime if `now` is inside it (11:00–11:15 UTC).
pub(crate) fn downtime_until(now: i64) -> Option<i64> {
    let day_start = now - now.rem_euclid(86_400_000);
    let minute = (now - day_start) / 60_000;
    (DOWNTIME_START_MIN..DOWNTIME_END_MIN)
        .contains(&minute)
        .then_some(day_start + DOWNTIME_END_MIN * 60_000)
}

impl EsiGate {
    pub fn new(config: GateConfig, clock: Arc<dyn Clock>) -> Result<Self, GateError> {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-compatibility-date",
            HeaderValue::from_static(COMPATIBILITY_DATE),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .https_only(config.https_only)
            .default_headers(headers)
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .build()
            .map_err(|e| GateError::Network(e.to_string()))?;
        let sso_http = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .https_only(config.https_only)
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| GateError::Network(e.to_string()))?;
        Ok(Self {
            permits: Semaphore::new(config.max_concurrency.max(1)),
            http,
            sso_http,
            config,
            clock: Arc::new(ServerClock::new(clock, 0)),
            budgets: Mutex::new(Budgets::default()),
            freshness: Mutex::default(),
            downtime: Mutex::default(),
        })
    }

    pub fn config(&self) -> &GateConfig {
        &self.config
    }

    /// The client for EVE's login (token, revoke, JWKS): same User-Agent and timeouts,
    /// no redirects.
    pub fn sso_http(&self) -> &reqwest::Client {
        &self.sso_http
    }

    /// Server time: the clock every cache and token decision reads.
    pub fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    pub fn server_clock(&self) -> &ServerClock {
        &self.clock
    }

    pub fn server_clock_handle(&self) -> Arc<ServerClock> {
        self.clock.clone()
    }

    /// Whether a request may go now. During the daily downtime (11:00–11:15 UTC) none
    /// does — ESI and EVE's login are down and every failure would spend the error limit —
    /// but one probe five minutes in; once ESI answers, the downtime is over for the day.
    pub fn downtime_check(&self) -> Result<(), GateError> {
        self.downtime_admit(None).map(|_| ())
    }

    /// As [`Self::downtime_check`], for a request about to go for a character (to ESI, or
    /// its token refresh to EVE's login): it takes the probe when it is the one, and the
    /// probe's own refresh and read both pass.
    pub(crate) fn downtime_admit(&self, sending_for: Option<Option<i64>>) -> Result<(), GateError> {
        let now = self.clock.now_ms();
        let Some(until_ms) = downtime_until(now) else {
            return Ok(());
        };
        let mut watch = self.downtime.lock().unwrap_or_else(|p| p.into_inner());
        let day = now.div_euclid(86_400_000);
        if watch.day != day {
            *watch = DowntimeWatch {
                day,
                ..DowntimeWatch::default()
            };
        }
        let began = until_ms - (DOWNTIME_END_MIN - DOWNTIME_START_MIN) * 60_000;
        if watch.over {
            return Ok(());
        }
        match watch.probe {
            None if now >= began + PROBE_AFTER_MS => {
                if let Some(character) = sending_for {
                    watch.probe = Some((now, character));
                }
                return Ok(());
            }
            Some((at, character))
                if sending_for.is_some_and(|c| c == character) && now < at + PROBE_SPAN_MS =>
            {
                return Ok(());
            }
            _ => {}
        }
        Err(GateError::Downtime { until_ms })
    }

    /// ESI answered during the downtime: it is over for today.
    pub(crate) fn downtime_over(&self) {
        let now = self.clock.now_ms();
        if downtime_until(now).is_some() {
            let mut watch = self.downtime.lock().unwrap_or_else(|p| p.into_inner());
            watch.day = now.div_euclid(86_400_000);
            watch.over = true;
        }
    }

    pub fn budget_snapshot(&self) -> BudgetSnapshot {
        self.budgets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .snapshot(self.clock.now_ms())
    }

    /// A conditional GET: `If-None-Match` with the held ETag; 304 → `NotModified`.
    #[tracing::instrument(skip(self, token, etag), fields(route = route.name), err)]
    pub async fn get<T: DeserializeOwned>(
        &self,
        route: Route,
        path: &str,
        character_id: Option<i64>,
        token: Option<&str>,
        etag: Option<&str>,
    ) -> Result<Fetched<T>, GateError> {
        if let Some(fresh) = self.still_fresh(path, character_id, etag) {
            return Ok(fresh);
        }
        let raw = self
            .send(Call::get(route, path.to_owned(), character_id, token, etag))
            .await?;
        let fetched = self.fetched(route, raw, etag)?;
        self.remember(path, character_id, &fetched);
        Ok(fetched)
    }

    /// `NotModified` without a request when the held ETag is the one ESI gave us and its
    /// cache has not expired: ESI asks clients not to ask again before `Expires`.
    fn still_fresh<T>(
        &self,
        path: &str,
        character_id: Option<i64>,
        etag: Option<&str>,
    ) -> Option<Fetched<T>> {
        let etag = etag?;
        let now = self.clock.now_ms();
        let known = self.freshness.lock().unwrap_or_else(|p| p.into_inner());
        let (known_etag, expires_at_ms) = known.get(&(path.to_owned(), character_id))?;
        (known_etag == etag && *expires_at_ms > now).then(|| Fetched::NotModified {
            etag: Some(known_etag.clone()),
            expires_at_ms: *expires_at_ms,
        })
    }

    fn remember<T>(&self, path: &str, character_id: Option<i64>, fetched: &Fetched<T>) {
        let etag = match fetched {
            Fetched::NotModified { etag, .. } | Fetched::Fresh { etag, .. } => etag.clone(),
        };
        if let Some(etag) = etag {
            self.freshness
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(
                    (path.to_owned(), character_id),
                    (etag, fetched.expires_at_ms()),
                );
        }
    }

    /// Every `X-Pages` page of a paged route, as one list. Each page is checked with its
    /// own ETag (`etag` holds them one per line): a `304` on page 1 does not prove the
    /// later pages unchanged. When any page changed, every page is read whole, and the
    /// pages must share one `Last-Modified` (CCP: they belong to one moment of ESI's
    /// cache); when they do not, ESI refreshed between two pages and all are read again.
    #[tracing::instrument(skip(self, token, etag), fields(route = route.name), err)]
    pub async fn get_all_pages<T: DeserializeOwned>(
        &self,
        route: Route,
        path: &str,
        character_id: Option<i64>,
        token: Option<&str>,
        etag: Option<&str>,
    ) -> Result<Fetched<Vec<T>>, GateError> {
        if let Some(fresh) = self.still_fresh(path, character_id, etag) {
            return Ok(fresh);
        }
        let held: Vec<&str> = etag.map(|e| e.split('\n').collect()).unwrap_or_default();
        // Every page, conditionally where its ETag is held.
        let first = self
            .page(route, path, character_id, token, 1, held.first().copied())
            .await?;
        let pages = x_pages(&first.headers).unwrap_or(held.len().max(1) as u32);
        let tag_of = |n: u32| {
            (held.len() == pages as usize)
                .then(|| held.get(n as usize - 1).copied())
                .flatten()
        };
        let mut answers = vec![first];
        for n in 2..=pages {
            answers.push(
                self.page(route, path, character_id, token, n, tag_of(n))
                    .await?,
            );
        }
        if answers.iter().all(|r| r.status == StatusCode::NOT_MODIFIED) {
            let now = self.clock.now_ms();
            let fetched = Fetched::NotModified {
                etag: etag.map(str::to_owned),
                expires_at_ms: answers
                    .iter()
                    .map(|r| super::headers::expires_at(&r.headers, now, route.cache_secs))
                    .min()
                    .unwrap_or(now),
            };
            self.remember(path, character_id, &fetched);
            return Ok(fetched);
        }
        // Something changed: every page whole, from one moment of ESI's cache (a second
        // reading of them all if the first spanned a refresh).
        for attempt in 0..2 {
            if attempt == 0 {
                for (i, answer) in answers.iter_mut().enumerate() {
                    if answer.status == StatusCode::NOT_MODIFIED {
                        *answer = self
                            .page(route, path, character_id, token, i as u32 + 1, None)
                            .await?;
                    }
                }
            } else {
                tracing::debug!("the pages came from different moments; reading all again");
                let first = self.page(route, path, character_id, token, 1, None).await?;
                let pages = x_pages(&first.headers).unwrap_or(1);
                answers = vec![first];
                for n in 2..=pages {
                    answers.push(self.page(route, path, character_id, token, n, None).await?);
                }
            }
            let moments: std::collections::BTreeSet<Option<&str>> = answers
                .iter()
                .map(|r| r.headers.get("last-modified").and_then(|v| v.to_str().ok()))
                .collect();
            if moments.len() <= 1 {
                return self.assemble(route, path, character_id, answers);
            }
        }
        Err(GateError::Malformed(
            "its pages kept coming from different moments".into(),
        ))
    }

    /// One request for the maintainers' check against the real servers (`cynosure-cli
    /// doctor`): what came back, by name — never a header's value that could hold a
    /// secret, never the body. Through the same door as every request (budgets, downtime,
    /// identity).
    pub async fn probe(
        &self,
        route: Route,
        path: &str,
        character_id: Option<i64>,
        token: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> Result<Probed, GateError> {
        let method = if body.is_some() {
            Method::POST
        } else {
            Method::GET
        };
        let raw = self
            .send(Call {
                route,
                method,
                path: path.to_owned(),
                character_id,
                token,
                etag: None,
                body,
            })
            .await?;
        let date = super::headers::date_ms(&raw.headers);
        let expires = super::headers::http_time_ms(&raw.headers, "expires");
        let mut header_names: Vec<String> =
            raw.headers.keys().map(|k| k.as_str().to_owned()).collect();
        header_names.sort();
        header_names.dedup();
        let items = serde_json::from_slice::<serde_json::Value>(&raw.body)
            .ok()
            .and_then(|v| v.as_array().map(Vec::len));
        Ok(Probed {
            status: raw.status.as_u16(),
            header_names,
            cache_secs: date.zip(expires).map(|(d, e)| (e - d) / 1000),
            pages: x_pages(&raw.headers),
            rate_limit_group: raw
                .headers
                .get("x-ratelimit-group")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            items,
        })
    }

    /// Page `n` of a paged route.
    async fn page(
        &self,
        route: Route,
        path: &str,
        character_id: Option<i64>,
        token: Option<&str>,
        n: u32,
        etag: Option<&str>,
    ) -> Result<Raw, GateError> {
        let call = Call::get(route, format!("{path}?page={n}"), character_id, token, etag);
        self.send(call).await
    }

    /// Whole pages, in order, as one list; their ETags one per line.
    fn assemble<T: DeserializeOwned>(
        &self,
        route: Route,
        path: &str,
        character_id: Option<i64>,
        answers: Vec<Raw>,
    ) -> Result<Fetched<Vec<T>>, GateError> {
        let mut items = Vec::new();
        let mut tags = Vec::new();
        let mut expires = i64::MAX;
        for raw in answers {
            match self.fetched::<Vec<T>>(route, raw, None)? {
                Fetched::Fresh {
                    body,
                    etag,
                    expires_at_ms,
                } => {
                    items.extend(body);
                    tags.push(etag.unwrap_or_default());
                    expires = expires.min(expires_at_ms);
                }
                Fetched::NotModified { .. } => {
                    return Err(GateError::Malformed("a page answered 304 unasked".into()))
                }
            }
        }
        let fetched = Fetched::Fresh {
            body: items,
            etag: tags.iter().all(|t| !t.is_empty()).then(|| tags.join("\n")),
            expires_at_ms: expires,
        };
        self.remember(path, character_id, &fetched);
        Ok(fetched)
    }

    /// A POST with a JSON body (`/universe/names`, `/characters/affiliation`).
    #[tracing::instrument(skip(self, body), fields(route = route.name), err)]
    pub async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        route: Route,
        path: &str,
        body: &B,
    ) -> Result<T, GateError> {
        self.post_until(route, path, body)
            .await
            .map(|(body, _)| body)
    }

    /// As [`Self::post`], with when ESI's cache of the answer expires.
    pub async fn post_until<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        route: Route,
        path: &str,
        body: &B,
    ) -> Result<(T, i64), GateError> {
        let body = serde_json::to_vec(body).map_err(|e| GateError::Malformed(e.to_string()))?;
        let raw = self
            .send(Call {
                route,
                method: Method::POST,
                path: path.to_owned(),
                character_id: None,
                token: None,
                etag: None,
                body: Some(body),
            })
            .await?;
        match self.fetched(route, raw, None)? {
            Fetched::Fresh {
                body,
                expires_at_ms,
                ..
            } => Ok((body, expires_at_ms)),
            Fetched::NotModified { .. } => Err(GateError::Malformed(
                "304 to a request without an ETag".into(),
            )),
        }
    }

    fn fetched<T: DeserializeOwned>(
        &self,
        route: Route,
        raw: Raw,
        held_etag: Option<&str>,
    ) -> Result<Fetched<T>, GateError> {
        let now = self.clock.now_ms();
        let expires_at_ms = super::headers::expires_at(&raw.headers, now, route.cache_secs);
        let etag = raw
            .headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if raw.status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified {
                etag: etag.or(held_etag.map(str::to_owned)),
                expires_at_ms,
            });
        }
        let content_type = raw
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !content_type.starts_with("application/json") {
            return Err(GateError::Malformed(format!(
                "content type {content_type:?} instead of JSON"
            )));
        }
        let body =
            serde_json::from_slice(&raw.body).map_err(|e| GateError::Malformed(e.to_string()))?;
        Ok(Fetched::Fresh {
            body,
            etag,
            expires_at_ms,
        })
    }

    async fn send(&self, call: Call<'_>) -> Result<Raw, GateError> {
        let url = format!("{}{}", self.config.esi_url, call.path);
        let mut attempts = 0u32;
        loop {
            attempts += 1;
            self.downtime_admit(Some(call.character_id))?;
            let now = self.clock.now_ms();
            self.budgets
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .check(&call.route, call.character_id, now)
                .map_err(|retry_at_ms| GateError::BudgetExhausted { retry_at_ms })?;

            let permit = self
                .permits
                .acquire()
                .await
                .map_err(|e| GateError::Network(e.to_string()))?;
            self.budgets
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .record_sent(call.route.group, call.character_id, now);
            let mut request = self.http.request(call.method.clone(), &url);
            if let Some(token) = call.token {
                request = request.bearer_auth(token);
            }
            if let Some(etag) = call.etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(body) = &call.body {
                request = request
                    .header(CONTENT_TYPE, "application/json")
                    .body(body.clone());
            }
            let result = request.send().await;
            let result = match result {
                Ok(response) => {
                    let status = response.status();
                    let headers = response.headers().clone();
                    response
                        .bytes()
                        .await
                        .map(|b| (status, headers, b.to_vec()))
                }
                Err(e) => Err(e),
            };
            drop(permit);
            if let Ok((_, headers, _)) = &result {
                if let Some(date) = super::headers::date_ms(headers) {
                    self.clock.observe(date);
                }
            }
            let now = self.clock.now_ms();

            let (status, headers, body) = match result {
                Ok(answer) => answer,
                Err(e) if e.is_timeout() => {
                    if attempts > self.config.max_retries {
                        return Err(GateError::Timeout { attempts });
                    }
                    self.backoff(attempts).await;
                    continue;
                }
                Err(e) => return Err(GateError::Network(e.without_url().to_string())),
            };
            self.budgets
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .observe(
                    &call.route,
                    call.character_id,
                    status.as_u16(),
                    &headers,
                    now,
                );

            if status.is_success() || status == StatusCode::NOT_MODIFIED {
                self.downtime_over();
                return Ok(Raw {
                    status,
                    headers,
                    body,
                });
            }
            let message = serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
                .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned());
            match status.as_u16() {
                420 | 429 => {
                    let retry_at_ms = self
                        .budgets
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .check(&call.route, call.character_id, now)
                        .err()
                        .unwrap_or(now + 60_000);
                    return Err(GateError::BudgetExhausted { retry_at_ms });
                }
                401 => return Err(GateError::Unauthorized { status: 401 }),
                403 => return Err(forbidden(message, &body)),
                404 => return Err(GateError::NotFound { message }),
                // The game server's own rate limit (contracts, mail): CCP's docs say 520
                // (esi/esi-docs#40) and that it counts against the error limit, so it is
                // waited out, never retried at once.
                520 => {
                    return Err(GateError::BudgetExhausted {
                        retry_at_ms: now + 60_000,
                    })
                }
                500..=599 => {
                    if let Some(until_ms) = downtime_until(now) {
                        return Err(GateError::Downtime { until_ms });
                    }
                    if attempts > self.config.max_retries {
                        return Err(GateError::ServerError {
                            status: status.as_u16(),
                            attempts,
                        });
                    }
                    self.backoff(attempts).await;
                }
                other => {
                    return Err(GateError::Status {
                        status: other,
                        message,
                    })
                }
            }
        }
    }

    /// Jittered exponential backoff: base × 2^(n-1) × [0.5, 1.5).
    async fn backoff(&self, attempt: u32) {
        let base = self.config.backoff_base.as_millis() as f64
            * 2f64.powi(attempt.saturating_sub(1) as i32);
        let jitter = rand::thread_rng().gen_range(0.5..1.5);
        tokio::time::sleep(Duration::from_millis((base * jitter) as u64)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downtime_is_eleven_to_eleven_fifteen_utc() {
        let day = 1_795_046_400_000; // a UTC midnight
        assert_eq!(downtime_until(day + 10 * 3_600_000 + 59 * 60_000), None);
        assert_eq!(
            downtime_until(day + 11 * 3_600_000 + 5 * 60_000),
            Some(day + 11 * 3_600_000 + 15 * 60_000)
        );
        assert_eq!(downtime_until(day + 11 * 3_600_000 + 15 * 60_000), None);
    }
}
