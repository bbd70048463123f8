//! The ESI routes Cynosure uses (the table in routes.rs), at the 2026-08-18 unversioned
//! paths, with the real headers: ETag/304, Expires/Last-Modified from each route's cache time, X-Pages, the
//! floating rate limit per (group, application:character), the legacy error limit,
//! X-Compatibility-Date, bearer-token and scope/role checks, and scripted faults.

mod routes;

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::on;
use axum::Router;
use serde_json::json;
use sha2::{Digest as _, Sha256};

pub use routes::*;

use crate::audit::{Breach, Rule};
use crate::budget::{token_cost, ERROR_LIMIT};
use crate::clock::http_date;
use crate::faults::FaultKind;
use crate::{log_entry, Inner, Shared};

pub const COMPATIBILITY_DATE: &str = "2026-08-18";
const OLDEST_DATE: &str = "2020-01-01";

/// A cached answer: ESI serves the same body and ETag until it expires.
#[derive(Debug, Clone)]
pub(crate) struct CacheEntry {
    pages: Vec<Vec<u8>>,
    created_ms: i64,
    expires_ms: i64,
}

fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!(
        "W/\"{}\"",
        digest
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    )
}

fn error_body(status: u16, message: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({ "error": message, "status": status })).unwrap_or_default()
}

struct Answer {
    status: u16,
    body: Vec<u8>,
    headers: Vec<(&'static str, String)>,
    content_type: &'static str,
}

impl Answer {
    fn error(status: u16, message: &str) -> Self {
        Self {
            status,
            body: error_body(status, message),
            headers: vec![],
            content_type: "application/json; charset=utf-8",
        }
    }
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn check_compatibility_date(given: Option<&str>, now_ms: i64) -> Result<(), String> {
    let Some(date) = given else { return Ok(()) }; // served as the oldest date
    let parsed = time::Date::parse(
        date,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| format!("Invalid compatibility date {date:?}: expected YYYY-MM-DD"))?;
    let today = time::OffsetDateTime::from_unix_timestamp((now_ms - 11 * 3_600_000) / 1000)
        .map(|t| t.date())
        .unwrap_or(parsed);
    if parsed > today {
        return Err(format!("Compatibility date {date} is in the future"));
    }
    if date < OLDEST_DATE {
        return Err(format!(
            "Compatibility date {date} is older than {OLDEST_DATE}"
        ));
    }
    Ok(())
}

/// The request as the generic handler needs it.
pub struct EsiRequest {
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub query: HashMap<String, String>,
    /// The route's path template (`/characters/{character_id}/planets/{planet_id}`).
    pub template: &'static str,
    /// The path's ids, in the template's order (`[character_id, planet_id]`).
    pub params: Vec<i64>,
    pub body: Bytes,
}

impl EsiRequest {
    /// The path's character or corporation id (0 when the path has none).
    pub fn owner_id(&self) -> i64 {
        self.owner().unwrap_or_default()
    }

    /// The id the template names `{name}` (`planet_id`).
    pub fn param(&self, name: &str) -> Option<i64> {
        let index = placeholders(self.template).position(|p| p == name)?;
        self.params.get(index).copied()
    }

    /// The character or corporation the path is about, if it is about one.
    fn owner(&self) -> Option<i64> {
        self.param("character_id")
            .or_else(|| self.param("corporation_id"))
    }
}

/// The names of a template's `{…}` segments, in order.
fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('/')
        .filter_map(|t| t.strip_prefix('{').and_then(|t| t.strip_suffix('}')))
}

/// The ids in `path` where the template has `{…}`, in order.
fn path_ids(template: &str, path: &str) -> Vec<i64> {
    template
        .split('/')
        .zip(path.split('/'))
        .filter(|(t, _)| t.starts_with('{'))
        .filter_map(|(_, segment)| segment.parse().ok())
        .collect()
}

/// Every route of [`ROUTES`] on its path and method, through [`handle`].
pub(crate) fn router() -> Router<Arc<Shared>> {
    ROUTES.iter().fold(Router::new(), |router, &route| {
        let method = if route.method == "post" {
            axum::routing::MethodFilter::POST
        } else {
            axum::routing::MethodFilter::GET
        };
        router.route(
            route.path,
            on(
                method,
                move |State(shared): State<Arc<Shared>>,
                      Query(query): Query<HashMap<String, String>>,
                      method: Method,
                      uri: axum::http::Uri,
                      headers: HeaderMap,
                      body: Bytes| async move {
                    let req = EsiRequest {
                        method,
                        template: route.path,
                        params: path_ids(route.path, uri.path()),
                        path: uri.path().to_owned(),
                        headers,
                        query,
                        body,
                    };
                    handle(&shared, route, req).await
                },
            ),
        )
    })
}

pub(crate) async fn handle(shared: &Arc<Shared>, route: Route, req: EsiRequest) -> Response {
    let page: Option<i64> = req.query.get("page").and_then(|p| p.parse().ok());
    let fault = shared.take_fault_on(route.name, page);
    if let Some(FaultKind::Regenerated) = fault {
        shared.clock.advance_ms(1_000);
        shared.lock().cache.remove(&cache_key(route, &req));
    }
    let now = shared.clock.now_ms();
    let compat = header_str(&req.headers, "x-compatibility-date")
        .map(str::to_owned)
        .or_else(|| req.query.get("compatibility_date").cloned());
    let user_agent = header_str(&req.headers, "user-agent").map(str::to_owned);
    let if_none_match = header_str(&req.headers, "if-none-match").map(str::to_owned);
    let bearer = header_str(&req.headers, "authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);

    // Scripted delays and timeouts happen before any state is touched.
    match fault.as_ref() {
        Some(FaultKind::Delay { ms }) => {
            tokio::time::sleep(std::time::Duration::from_millis(*ms)).await
        }
        Some(FaultKind::Timeout) => {
            let mut entry = log_entry(
                now,
                req.method.as_str(),
                &req.path,
                route.name,
                0,
                req.owner(),
            );
            entry.user_agent = user_agent;
            entry.compatibility_date = compat;
            shared.log(entry);
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
            return StatusCode::GATEWAY_TIMEOUT.into_response();
        }
        _ => {}
    }

    let mut inner = shared.lock();
    inner.world.advance_to(now);
    let mut character_id = None;
    let user = |inner: &Inner, character: Option<i64>| match character {
        Some(c) => format!("{}:{c}", inner.sso.client_id),
        None => "127.0.0.1".to_owned(),
    };

    // The token is checked once; its character also names the rate-limit bucket.
    let verified = bearer
        .as_deref()
        .map(|token| crate::sso::verify(&inner, token, now));
    let token_character = verified
        .as_ref()
        .and_then(|v| v.as_ref().ok())
        .and_then(|c| c.character_id());

    // CCP's rules for clients (audit.rs), whatever the answer.
    let resource = (cache_key(route, &req), page, token_character);
    {
        let served_until = inner.served_until.get(&resource).copied();
        let mut breach = |rule: Rule, detail: String| {
            inner.breaches.push(Breach {
                at_ms: now,
                route: route.name,
                path: req.path.clone(),
                rule,
                detail,
            })
        };
        if let Some(fault) = crate::audit::user_agent_fault(user_agent.as_deref()) {
            breach(Rule::UserAgent, fault);
        }
        if matches!(verified, Some(Err("token is expired"))) {
            breach(Rule::ExpiredToken, "an access token past its exp".into());
        }
        if let Some(until) = served_until {
            if now < until {
                breach(
                    Rule::EarlyRequest,
                    format!("{} ms before the Expires it was given", until - now),
                );
            }
        }
    }

    let mut answer = (|| {
        if inner.options.downtime && in_downtime(now) {
            return Answer::error(503, "The datasource tranquility is temporarily unavailable");
        }
        if let Err(message) = check_compatibility_date(compat.as_deref(), now) {
            return Answer::error(400, &message);
        }
        if inner.errors.remain(now) == 0 {
            return Answer::error(420, "This software has exceeded the error limit for ESI. Please slow down and fix the errors.");
        }
        let claims = match verified {
            Some(Ok(c)) => Some(c),
            Some(Err(message)) if route.scope.is_some() => return Answer::error(401, message),
            Some(Err(_)) => None,
            None if route.scope.is_some() => return Answer::error(401, "authentication failure"),
            None => None,
        };
        character_id = claims
            .as_ref()
            .and_then(|c| c.character_id())
            .or(req.owner());
        if let Some((group, default_max)) = route.group {
            let max = inner.limits.max_for(group, default_max);
            let who = user(&inner, token_character);
            if inner.limits.remaining(group, &who, max, now) <= 0 {
                let retry = inner.limits.retry_after_secs(group, &who, max, now);
                let mut a = Answer::error(429, "Too many requests");
                a.headers.push(("retry-after", retry.to_string()));
                return a;
            }
        }
        if let Some(FaultKind::EsiError { status, body }) = &fault {
            let mut a = Answer::error(*status, "");
            a.body = body.clone().into_bytes();
            return a;
        }
        if let Some(FaultKind::Status { status }) = fault {
            let mut a = Answer::error(status, "Scripted fault (simulator)");
            if status == 429 {
                a.headers.push(("retry-after", "2".into()));
            }
            return a;
        }
        if let (Some(scope), Some(claims)) = (route.scope, claims.as_ref()) {
            if !claims.scp.iter().any(|s| s == scope) {
                return Answer::error(403, "token not valid for scope");
            }
            let token_character = claims.character_id().unwrap_or_default();
            let world = &inner.world;
            let allowed = match route.role {
                None => Some(token_character) == req.owner(),
                Some(role) => world.characters.get(&token_character).is_some_and(|c| {
                    Some(c.corporation_id) == req.owner()
                        && c.roles.iter().any(|r| {
                            r == role || (inner.options.director_for_corp_jobs && r == "Director")
                        })
                }),
            };
            if !allowed {
                return Answer::error(
                    403,
                    if route.role.is_some() {
                        "Character does not have required role(s)"
                    } else {
                        "token not valid for this character"
                    },
                );
            }
        }
        serve(&mut inner, route, &req, now, page, if_none_match.as_deref())
    })();

    if let Some(
        kind @ (FaultKind::MalformedBody | FaultKind::TruncatedBody | FaultKind::WrongContentType),
    ) = fault.as_ref()
    {
        if answer.status == 200 {
            match kind {
                FaultKind::MalformedBody => {
                    answer.body = b"{\"skills\": [this is not json".to_vec()
                }
                FaultKind::TruncatedBody => answer.body.truncate(answer.body.len() / 2),
                _ => {
                    answer.content_type = "text/html; charset=utf-8";
                    answer.body =
                        b"<html><body>Service temporarily unavailable</body></html>".to_vec();
                }
            }
        }
    }

    if matches!(answer.status, 200 | 304) {
        let expires = answer
            .headers
            .iter()
            .find(|(name, _)| *name == "expires")
            .and_then(|(_, v)| httpdate::parse_http_date(v).ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_millis()).ok());
        if let Some(expires) = expires {
            inner.served_until.insert(resource, expires);
        }
    }

    // Budgets: rate-limit headers on group routes, error-limit headers elsewhere.
    if let Some((group, default_max)) = route.group {
        let max = inner.limits.max_for(group, default_max);
        let who = user(&inner, token_character);
        let cost = token_cost(answer.status);
        inner.limits.spend(group, &who, cost, now);
        let remaining = inner.limits.remaining(group, &who, max, now).max(0);
        answer.headers.push(("x-ratelimit-group", group.to_owned()));
        answer
            .headers
            .push(("x-ratelimit-limit", format!("{max}/15m")));
        answer
            .headers
            .push(("x-ratelimit-remaining", remaining.to_string()));
        answer.headers.push(("x-ratelimit-used", cost.to_string()));
    }
    inner.errors.record(answer.status, now);
    if route.group.is_none() {
        let remain = inner.errors.remain(now);
        let reset = inner.errors.reset_secs(now);
        answer.headers.push((
            "x-esi-error-limit-remain",
            remain.min(ERROR_LIMIT).to_string(),
        ));
        answer
            .headers
            .push(("x-esi-error-limit-reset", reset.to_string()));
    }
    drop(inner);

    let mut entry = log_entry(
        now,
        req.method.as_str(),
        &req.path,
        route.name,
        answer.status,
        character_id,
    );
    entry.user_agent = user_agent;
    entry.compatibility_date = compat;
    entry.if_none_match = if_none_match;
    entry.authorized = bearer.is_some();
    entry.page = page;
    shared.log(entry);

    let mut response = (
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        answer.body,
    )
        .into_response();
    let h = response.headers_mut();
    if answer.status != 304 {
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(answer.content_type),
        );
    }
    for (name, value) in answer.headers {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
    response
}

/// The next instant after `now_ms` that is `secs_of_day` after 00:00 UTC.
pub fn next_daily(now_ms: i64, secs_of_day: i64) -> i64 {
    let day_start = now_ms - now_ms.rem_euclid(86_400_000);
    let today = day_start + secs_of_day * 1000;
    if today > now_ms {
        today
    } else {
        today + 86_400_000
    }
}

fn in_downtime(now_ms: i64) -> bool {
    let minute_of_day = now_ms.rem_euclid(86_400_000) / 60_000;
    (11 * 60..11 * 60 + 15).contains(&minute_of_day)
}

/// What ESI caches an answer under: the route, the path and a POST's body.
fn cache_key(route: Route, req: &EsiRequest) -> String {
    format!(
        "{} {}{}",
        route.name,
        req.path,
        if req.method == Method::POST {
            String::from_utf8_lossy(&req.body).into_owned()
        } else {
            String::new()
        }
    )
}

/// The body from the cache (or freshly from the world), with the cache headers.
fn serve(
    inner: &mut Inner,
    route: Route,
    req: &EsiRequest,
    now: i64,
    page: Option<i64>,
    if_none_match: Option<&str>,
) -> Answer {
    let key = cache_key(route, req);
    let page_size = inner.options.page_size.max(1);
    let valid = inner
        .cache
        .get(&key)
        .filter(|e| e.expires_ms > now)
        .cloned();
    let entry = match valid {
        Some(e) => e,
        None => {
            let body = match (route.render)(&inner.world, req, now) {
                Ok(v) => v,
                Err((status, message)) => return Answer::error(status, &message),
            };
            let pages = if route.paged {
                let items = body.as_array().cloned().unwrap_or_default();
                let mut pages: Vec<Vec<u8>> = items
                    .chunks(page_size)
                    .map(|chunk| serde_json::to_vec(chunk).unwrap_or_default())
                    .collect();
                if pages.is_empty() {
                    pages.push(b"[]".to_vec());
                }
                pages
            } else {
                vec![serde_json::to_vec(&body).unwrap_or_default()]
            };
            let expires_ms = match (route.cache_secs, route.expires_daily_at) {
                (Some(secs), _) => Some(now + secs * 1000),
                (None, Some(at)) => Some(next_daily(now, at)),
                (None, None) => None,
            }
            .map(|at| match inner.options.max_cache_secs {
                Some(max) => at.min(now + max * 1000),
                None => at,
            });
            let e = CacheEntry {
                pages,
                created_ms: now,
                expires_ms: expires_ms.unwrap_or(now),
            };
            if expires_ms.is_some() {
                inner.cache.insert(key, e.clone());
            }
            e
        }
    };
    let index = (page.unwrap_or(1).max(1) - 1) as usize;
    let Some(body) = entry.pages.get(index) else {
        return Answer::error(404, "Requested page does not exist");
    };
    let tag = etag(body);
    let mut headers = vec![
        ("cache-control", "public".to_owned()),
        ("etag", tag.clone()),
        ("last-modified", http_date(entry.created_ms)),
    ];
    if route.cache_secs.is_some() || route.expires_daily_at.is_some() {
        headers.push(("expires", http_date(entry.expires_ms)));
    }
    if route.paged {
        headers.push(("x-pages", entry.pages.len().to_string()));
    }
    if if_none_match == Some(tag.as_str()) {
        return Answer {
            status: 304,
            body: vec![],
            headers,
            content_type: "application/json; charset=utf-8",
        };
    }
    Answer {
        status: 200,
        body: body.clone(),
        headers,
        content_type: "application/json; charset=utf-8",
    }
}
