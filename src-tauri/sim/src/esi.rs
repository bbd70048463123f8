//! The ESI routes Cynosure uses, at the 2026-08-18 unversioned paths, with the real
//! headers: ETag/304, Expires/Last-Modified from each route's cache time, X-Pages, the
//! floating rate limit per (group, application:character), the legacy error limit,
//! X-Compatibility-Date, bearer-token and scope/role checks, and scripted faults.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};

use crate::budget::{token_cost, ERROR_LIMIT};
use crate::clock::{http_date, rfc3339};
use crate::faults::FaultKind;
use crate::world::{Job, World};
use crate::{log_entry, Inner, Shared};

pub const COMPATIBILITY_DATE: &str = "2026-08-18";
const OLDEST_DATE: &str = "2020-01-01";

/// What the spec says about a route (`x-cache-age`, `x-rate-limit`, security).
#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub name: &'static str,
    pub cache_secs: Option<i64>,
    pub group: Option<(&'static str, i64)>,
    pub scope: Option<&'static str>,
    pub role: Option<&'static str>,
    pub paged: bool,
}

pub const ONLINE: Route = Route {
    name: "esi.online",
    cache_secs: Some(60),
    group: Some(("char-location", 1200)),
    scope: Some("esi-location.read_online.v1"),
    role: None,
    paged: false,
};
pub const SKILLS: Route = Route {
    name: "esi.skills",
    cache_secs: Some(60),
    group: Some(("char-detail", 600)),
    scope: Some("esi-skills.read_skills.v1"),
    role: None,
    paged: false,
};
pub const SKILLQUEUE: Route = Route {
    name: "esi.skillqueue",
    cache_secs: Some(60),
    group: Some(("char-detail", 600)),
    scope: Some("esi-skills.read_skillqueue.v1"),
    role: None,
    paged: false,
};
pub const CHAR_JOBS: Route = Route {
    name: "esi.character_jobs",
    cache_secs: Some(300),
    group: Some(("char-industry", 600)),
    scope: Some("esi-industry.read_character_jobs.v1"),
    role: None,
    paged: false,
};
pub const CORP_JOBS: Route = Route {
    name: "esi.corporation_jobs",
    cache_secs: Some(300),
    group: Some(("corp-industry", 600)),
    scope: Some("esi-industry.read_corporation_jobs.v1"),
    role: Some("Factory_Manager"),
    paged: true,
};
pub const ROLES: Route = Route {
    name: "esi.roles",
    cache_secs: Some(3600),
    group: Some(("char-detail", 600)),
    scope: Some("esi-characters.read_corporation_roles.v1"),
    role: None,
    paged: false,
};
pub const CHARACTER: Route = Route {
    name: "esi.character",
    cache_secs: Some(86_400),
    group: None,
    scope: None,
    role: None,
    paged: false,
};
pub const AFFILIATION: Route = Route {
    name: "esi.affiliation",
    cache_secs: Some(3600),
    group: None,
    scope: None,
    role: None,
    paged: false,
};
pub const NAMES: Route = Route {
    name: "esi.names",
    cache_secs: None,
    group: None,
    scope: None,
    role: None,
    paged: false,
};
pub const STATUS: Route = Route {
    name: "esi.status",
    cache_secs: Some(30),
    group: Some(("status", 600)),
    scope: None,
    role: None,
    paged: false,
};

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
pub(crate) struct EsiRequest {
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub query: HashMap<String, String>,
    /// Path character (or corporation) id.
    pub owner_id: Option<i64>,
    pub body: Bytes,
}

pub(crate) async fn handle(shared: &Arc<Shared>, route: Route, req: EsiRequest) -> Response {
    let now = shared.clock.now_ms();
    let compat = header_str(&req.headers, "x-compatibility-date")
        .map(str::to_owned)
        .or_else(|| req.query.get("compatibility_date").cloned());
    let page: Option<i64> = req.query.get("page").and_then(|p| p.parse().ok());
    let user_agent = header_str(&req.headers, "user-agent").map(str::to_owned);
    let if_none_match = header_str(&req.headers, "if-none-match").map(str::to_owned);
    let bearer = header_str(&req.headers, "authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);

    // Scripted delays and timeouts happen before any state is touched.
    let fault = shared.take_fault(route.name);
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
                req.owner_id,
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
            .or(req.owner_id);
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
                None => Some(token_character) == req.owner_id,
                Some(role) => world.characters.get(&token_character).is_some_and(|c| {
                    Some(c.corporation_id) == req.owner_id
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

fn in_downtime(now_ms: i64) -> bool {
    let minute_of_day = now_ms.rem_euclid(86_400_000) / 60_000;
    (11 * 60..11 * 60 + 15).contains(&minute_of_day)
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
    let key = format!(
        "{} {}{}",
        route.name,
        req.path,
        if req.method == Method::POST {
            String::from_utf8_lossy(&req.body).into_owned()
        } else {
            String::new()
        }
    );
    let page_size = inner.options.page_size.max(1);
    let valid = inner
        .cache
        .get(&key)
        .filter(|e| e.expires_ms > now)
        .cloned();
    let entry = match valid {
        Some(e) => e,
        None => {
            let body = match render(&inner.world, route, req, now) {
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
            let e = CacheEntry {
                pages,
                created_ms: now,
                expires_ms: now + route.cache_secs.unwrap_or(0) * 1000,
            };
            if route.cache_secs.is_some() {
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
    if route.cache_secs.is_some() {
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

fn job_json(j: &Job, corporation: bool) -> Value {
    let mut v = json!({
        "activity_id": j.activity_id,
        "blueprint_id": j.blueprint_id,
        "blueprint_location_id": j.facility_id,
        "blueprint_type_id": j.blueprint_type_id,
        "cost": j.cost,
        "duration": (j.end_ms - j.start_ms) / 1000,
        "end_date": rfc3339(j.end_ms),
        "facility_id": j.facility_id,
        "installer_id": j.installer_id,
        "job_id": j.job_id,
        "licensed_runs": j.runs,
        "output_location_id": j.facility_id,
        "product_type_id": j.product_type_id,
        "runs": j.runs,
        "start_date": rfc3339(j.start_ms),
        "status": j.status,
    });
    v[if corporation {
        "location_id"
    } else {
        "station_id"
    }] = json!(j.facility_id);
    v
}

fn ids_body(req: &EsiRequest) -> Result<Vec<i64>, (u16, String)> {
    let ids: Vec<i64> = serde_json::from_slice(&req.body)
        .map_err(|_| (400, "Body must be a JSON array of integers".to_owned()))?;
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    if ids.is_empty() || ids.len() > 1000 || unique.len() != ids.len() {
        return Err((400, "Between 1 and 1000 unique ids are required".into()));
    }
    Ok(ids)
}

fn render(world: &World, route: Route, req: &EsiRequest, now: i64) -> Result<Value, (u16, String)> {
    let id = req.owner_id.unwrap_or_default();
    let character = || {
        world
            .characters
            .get(&id)
            .ok_or((404, "Character not found".to_owned()))
    };
    let include_completed = req
        .query
        .get("include_completed")
        .is_some_and(|v| v == "true");
    let jobs = |jobs: &[Job], corporation: bool| -> Value {
        Value::Array(
            jobs.iter()
                .filter(|j| {
                    include_completed || matches!(j.status.as_str(), "active" | "paused" | "ready")
                })
                .map(|j| job_json(j, corporation))
                .collect(),
        )
    };
    Ok(match route.name {
        "esi.online" => {
            let c = character()?;
            json!({ "online": c.online, "last_login": rfc3339(c.last_login_ms), "last_logout": rfc3339(c.last_logout_ms), "logins": c.logins })
        }
        "esi.skills" => {
            let c = character()?;
            let mut v = json!({
                "skills": c.skills.iter().map(|s| json!({"skill_id": s.skill_id, "skillpoints_in_skill": s.skillpoints_in_skill, "trained_skill_level": s.trained_skill_level, "active_skill_level": s.active_skill_level})).collect::<Vec<_>>(),
                "total_sp": c.skills.iter().map(|s| s.skillpoints_in_skill).sum::<i64>(),
            });
            if let Some(u) = c.unallocated_sp {
                v["unallocated_sp"] = json!(u);
            }
            v
        }
        "esi.skillqueue" => {
            let c = character()?;
            Value::Array(
                c.queue
                    .iter()
                    .enumerate()
                    .map(|(i, q)| {
                        let mut v = json!({"skill_id": q.skill_id, "finished_level": q.finished_level, "queue_position": i, "level_start_sp": q.level_start_sp, "level_end_sp": q.level_end_sp, "training_start_sp": q.training_start_sp});
                        if let (Some(s), Some(f)) = (q.start_ms, q.finish_ms) {
                            v["start_date"] = json!(rfc3339(s));
                            v["finish_date"] = json!(rfc3339(f));
                        }
                        v
                    })
                    .collect(),
            )
        }
        "esi.character_jobs" => jobs(&character()?.jobs, false),
        "esi.corporation_jobs" => {
            let corp = world
                .corporations
                .get(&id)
                .ok_or((404, "Corporation not found".to_owned()))?;
            jobs(&corp.jobs, true)
        }
        "esi.roles" => json!({ "roles": character()?.roles }),
        "esi.character" => {
            let c = character()?;
            json!({"achievement_score": 1200, "birthday": rfc3339(c.birthday_ms), "bloodline_id": 1, "corporation_id": c.corporation_id, "gender": "female", "name": c.name, "race_id": 1, "security_status": 1.5})
        }
        "esi.affiliation" => {
            let ids = ids_body(req)?;
            let found: Vec<Value> = ids
                .iter()
                .filter_map(|i| world.characters.get(i))
                .map(|c| json!({"character_id": c.id, "corporation_id": c.corporation_id}))
                .collect();
            if found.is_empty() {
                return Err((404, "No characters found".into()));
            }
            Value::Array(found)
        }
        "esi.names" => {
            let ids = ids_body(req)?;
            let mut out = Vec::with_capacity(ids.len());
            for i in ids {
                // As ESI: one unknown id fails the whole batch.
                let (category, name) = world
                    .names
                    .get(&i)
                    .ok_or((404, "Ensure all IDs are valid before resolving".to_owned()))?;
                out.push(json!({"category": category, "id": i, "name": name}));
            }
            Value::Array(out)
        }
        "esi.status" => {
            json!({"players": world.players, "server_version": "2981221", "start_time": rfc3339(world.server_start_ms), "vip": false})
        }
        _ => return Err((404, format!("no route {} at {now}", route.name))),
    })
}

// ---- axum handlers ---------------------------------------------------------------

macro_rules! character_route {
    ($fn_name:ident, $route:expr) => {
        pub(crate) async fn $fn_name(
            State(shared): State<Arc<Shared>>,
            Path(id): Path<i64>,
            Query(query): Query<HashMap<String, String>>,
            method: Method,
            uri: axum::http::Uri,
            headers: HeaderMap,
        ) -> Response {
            let req = EsiRequest {
                method,
                path: uri.path().to_owned(),
                headers,
                query,
                owner_id: Some(id),
                body: Bytes::new(),
            };
            handle(&shared, $route, req).await
        }
    };
}

character_route!(online, ONLINE);
character_route!(skills, SKILLS);
character_route!(skillqueue, SKILLQUEUE);
character_route!(character_jobs, CHAR_JOBS);
character_route!(corporation_jobs, CORP_JOBS);
character_route!(roles, ROLES);
character_route!(character, CHARACTER);

macro_rules! post_route {
    ($fn_name:ident, $route:expr) => {
        pub(crate) async fn $fn_name(
            State(shared): State<Arc<Shared>>,
            Query(query): Query<HashMap<String, String>>,
            method: Method,
            uri: axum::http::Uri,
            headers: HeaderMap,
            body: Bytes,
        ) -> Response {
            let req = EsiRequest {
                method,
                path: uri.path().to_owned(),
                headers,
                query,
                owner_id: None,
                body,
            };
            handle(&shared, $route, req).await
        }
    };
}

post_route!(affiliation, AFFILIATION);
post_route!(names, NAMES);
post_route!(status, STATUS);
