//! `cynosure-sim`: a local EVE SSO v2 + ESI server that behaves like the real services
//! as CCP publishes them (spec 2026-08-18, extract in `third_party/ccp/`): the test equipment behind every
//! Cynosure test, and the engine of the demo.
//!
//! Start it in-process with [`Sim::start`] (it listens on `127.0.0.1:<port>`, `0` for
//! any free port), drive its [`SimClock`], change its [`World`], script [`Fault`]s, and
//! read its request log. The same controls are served over HTTP under `/_sim/` for
//! processes that cannot call the library (the app's end-to-end tests, the demo).

pub mod audit;
pub mod budget;
pub mod clock;
pub mod colony;
pub mod esi;
pub mod faults;
pub mod images;
pub mod log;
pub mod sde;
pub mod sso;
pub mod world;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

pub use audit::{Breach, Rule};
pub use clock::SimClock;
pub use faults::{Fault, FaultKind};
pub use log::LoggedRequest;
pub use sso::{Claims, TokenResponse};
pub use world::World;

pub const DEFAULT_CLIENT_ID: &str = "cynosure-sim-client";
pub const DEFAULT_CALLBACK: &str = "http://localhost:8471/callback";

/// Switches for behaviour the published sources leave open.
#[derive(Debug, Clone)]
pub struct Options {
    /// Corporation jobs: accept `Director` as well as the spec's `Factory_Manager`.
    pub director_for_corp_jobs: bool,
    /// Answer 503 on every ESI route during the daily downtime (11:00–11:15 UTC).
    pub downtime: bool,
    /// Items per page on paged routes (ESI: 1000; tests shrink it).
    pub page_size: usize,
    /// Keep every request in the log (tests read it; the long-running demo does not).
    pub request_log: bool,
    /// Keep every token issued, spent refresh tokens included (leak scans read them;
    /// long runs do not).
    pub token_history: bool,
    /// Also append every token issued (access and refresh, one per line) to this file:
    /// the end-to-end run's leak scan reads it after the app and its processes are gone.
    pub token_log: Option<std::path::PathBuf>,
    /// Caps every route's cache time (end-to-end tests in real time cannot wait ESI's
    /// ten minutes for a colony changed in game to show).
    pub max_cache_secs: Option<i64>,
    /// How long (real time) the token endpoint takes to answer, as EVE's login over the
    /// internet does; requests arriving meanwhile overlap.
    pub token_latency_ms: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            director_for_corp_jobs: false,
            downtime: false,
            page_size: 1000,
            request_log: true,
            token_history: true,
            token_log: None,
            max_cache_secs: None,
            token_latency_ms: 0,
        }
    }
}

pub struct SimConfig {
    pub port: u16,
    pub client_id: String,
    pub callbacks: Vec<String>,
    pub clock: SimClock,
    /// `None`: the seeded world at the clock's "now".
    pub world: Option<World>,
    pub options: Options,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            port: 0,
            client_id: DEFAULT_CLIENT_ID.into(),
            callbacks: vec![DEFAULT_CALLBACK.into()],
            clock: SimClock::system(),
            world: None,
            options: Options::default(),
        }
    }
}

pub(crate) struct Inner {
    pub world: World,
    pub sso: sso::SsoState,
    pub limits: budget::RateLimits,
    pub errors: budget::ErrorLimit,
    pub faults: Vec<Fault>,
    pub log: Vec<LoggedRequest>,
    pub cache: HashMap<String, esi::CacheEntry>,
    pub options: Options,
    /// What clients did that CCP asks them not to.
    pub breaches: Vec<Breach>,
    /// The `Expires` last given to each character for each resource (cache key and page).
    pub served_until: HashMap<(String, Option<i64>, Option<i64>), i64>,
}

pub(crate) struct Shared {
    pub clock: Arc<SimClock>,
    pub base_url: String,
    inner: Mutex<Inner>,
    /// Token requests being answered now, and the most ever at once (a burst of refreshes
    /// at a client's start-up shows here).
    pub token_in_flight: std::sync::atomic::AtomicUsize,
    pub token_in_flight_max: std::sync::atomic::AtomicUsize,
}

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn log(&self, entry: LoggedRequest) {
        let mut inner = self.lock();
        if inner.options.request_log {
            inner.log.push(entry);
        }
    }

    pub(crate) fn log_simple(&self, method: &str, path: &str, route: &'static str, status: u16) {
        let now = self.clock.now_ms();
        self.log(log_entry(now, method, path, route, status, None));
    }

    /// Takes one use of the first fault scripted for `route` (or `*`).
    pub(crate) fn take_fault(&self, route: &str) -> Option<FaultKind> {
        self.take_fault_on(route, None)
    }

    /// Takes one use of the first fault scripted for `route` (or `*`), or for one page of
    /// it (`esi.corporation_jobs page=2`).
    pub(crate) fn take_fault_on(&self, route: &str, page: Option<i64>) -> Option<FaultKind> {
        let mut inner = self.lock();
        let paged = page.map(|p| format!("{route} page={p}"));
        let index = inner
            .faults
            .iter()
            .position(|f| f.route == route || f.route == "*" || Some(&f.route) == paged.as_ref())?;
        let fault = &mut inner.faults[index];
        let kind = fault.kind.clone();
        if let Some(times) = fault.times.as_mut() {
            *times -= 1;
            if *times == 0 {
                inner.faults.remove(index);
            }
        }
        Some(kind)
    }

    /// A scripted failure of an SSO route, if one is due.
    pub(crate) async fn fault_response(&self, route: &str) -> Option<Response> {
        use axum::http::StatusCode;
        match self.take_fault(route)? {
            FaultKind::Status { status } => Some(
                (
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                    Json(serde_json::json!({"error": "server_error", "error_description": "Scripted fault (simulator)"})),
                )
                    .into_response(),
            ),
            FaultKind::Timeout => {
                tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
                None
            }
            FaultKind::Delay { ms } => {
                tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
                None
            }
            FaultKind::MalformedBody | FaultKind::TruncatedBody => {
                Some((StatusCode::OK, [("content-type", "application/json")], "{\"access_token\": ").into_response())
            }
            FaultKind::WrongContentType => {
                Some((StatusCode::OK, [("content-type", "text/html")], "<html>maintenance</html>").into_response())
            }
            FaultKind::Regenerated => None,
            FaultKind::EsiError { status, body } => Some(
                (
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                    [("content-type", "application/json")],
                    body,
                )
                    .into_response(),
            ),
            FaultKind::OAuthError { status, error, description } => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
                let mut response = (
                    status,
                    Json(serde_json::json!({"error": error, "error_description": description})),
                )
                    .into_response();
                if status == StatusCode::UNAUTHORIZED {
                    response.headers_mut().insert(
                        axum::http::header::WWW_AUTHENTICATE,
                        axum::http::HeaderValue::from_static("Basic realm=\"login.eveonline.com\""),
                    );
                }
                Some(response)
            }
        }
    }
}

pub(crate) fn log_entry(
    at_ms: i64,
    method: &str,
    path: &str,
    route: &'static str,
    status: u16,
    character_id: Option<i64>,
) -> LoggedRequest {
    LoggedRequest {
        at_ms,
        method: method.into(),
        path: path.into(),
        route,
        character_id,
        status,
        user_agent: None,
        compatibility_date: None,
        if_none_match: None,
        authorized: false,
        page: None,
        grant_type: None,
    }
}

/// A running simulator. Dropping it stops the server.
pub struct Sim {
    shared: Arc<Shared>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl Sim {
    pub async fn start(config: SimConfig) -> std::io::Result<Sim> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let now = config.clock.now_ms();
        let world = config.world.unwrap_or_else(|| World::seeded(now));
        let login_as = world.characters.keys().next().copied().unwrap_or_default();
        let mut sso = sso::SsoState::new(config.client_id, config.callbacks, login_as);
        sso.keep_history = config.options.token_history;
        sso.token_log = config.options.token_log.clone();
        let shared = Arc::new(Shared {
            clock: Arc::new(config.clock),
            base_url,
            inner: Mutex::new(Inner {
                world,
                sso,
                limits: Default::default(),
                errors: Default::default(),
                faults: vec![],
                log: vec![],
                cache: HashMap::new(),
                breaches: vec![],
                served_until: HashMap::new(),
                options: config.options,
            }),
            token_in_flight: Default::default(),
            token_in_flight_max: Default::default(),
        });
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = router(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(Sim {
            shared,
            _shutdown: tx,
        })
    }

    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    pub fn clock(&self) -> &SimClock {
        &self.shared.clock
    }

    /// The clock, shareable with the code under test (so both see the same "now").
    pub fn clock_handle(&self) -> Arc<SimClock> {
        self.shared.clock.clone()
    }

    pub fn client_id(&self) -> String {
        self.shared.lock().sso.client_id.clone()
    }

    /// Every request answered so far, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.lock().log.clone()
    }

    pub fn clear_log(&self) {
        self.shared.lock().log.clear();
    }

    /// The most token requests EVE's login was answering at once so far.
    pub fn token_requests_at_once(&self) -> usize {
        self.shared
            .token_in_flight_max
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Every request so far that broke a rule CCP asks clients to keep ([`audit`]).
    pub fn breaches(&self) -> Vec<Breach> {
        self.shared.lock().breaches.clone()
    }

    /// Reads or changes the world. Cached ESI answers stay until they expire, as on ESI.
    pub fn with_world<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        f(&mut self.shared.lock().world)
    }

    pub fn with_options(&self, f: impl FnOnce(&mut Options)) {
        f(&mut self.shared.lock().options)
    }

    pub fn add_fault(&self, fault: Fault) {
        self.shared.lock().faults.push(fault);
    }

    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// Shrinks (or grows) a rate-limit group's token budget.
    pub fn set_rate_limit(&self, group: &str, max_tokens: i64) {
        self.shared
            .lock()
            .limits
            .max_tokens
            .insert(group.into(), max_tokens);
    }

    /// Signs new tokens with a new key (new `kid`); JWKS keeps the previous key too.
    pub fn rotate_signing_key(&self) -> String {
        let mut inner = self.shared.lock();
        inner.sso.key_generation += 1;
        sso::SsoState::kid(inner.sso.key_generation)
    }

    /// A character joins another corporation in game, with these roles there. ESI shows it
    /// once its cached answers expire (affiliation: an hour).
    pub fn move_character(&self, character_id: i64, corporation_id: i64, roles: &[&str]) {
        self.with_world(|w| {
            if let Some(c) = w.characters.get_mut(&character_id) {
                c.corporation_id = corporation_id;
                c.roles = roles.iter().map(|r| (*r).to_owned()).collect();
            }
        });
    }

    /// EVE's login replaces its signing key but keeps the key id (CCP's is a constant):
    /// tokens are signed with the new key, published under the same `kid`.
    pub fn replace_signing_key(&self) {
        self.shared.lock().sso.key_swap += 1;
    }

    /// New access tokens are signed with the published ES256 key (or RS256 again).
    pub fn sign_with_es256(&self, on: bool) {
        self.shared.lock().sso.sign_es256 = on;
    }

    /// The key set moves to a new address, which only the metadata document names.
    pub fn move_key_set(&self) {
        self.shared.lock().sso.jwks_moved = true;
    }

    /// The character the next authorize auto-consents as.
    pub fn login_as(&self, character_id: i64) {
        self.shared.lock().sso.login_as = character_id;
    }

    /// The `iss` claim of tokens issued from now on (real SSO: `login.eveonline.com`;
    /// `https://login.eveonline.com` is also seen).
    pub fn set_issuer(&self, issuer: &str) {
        self.shared.lock().sso.issuer = issuer.into();
    }

    /// Registers one more callback URL for the application (as editing it on EVE's
    /// developer site does).
    pub fn add_callback(&self, url: &str) {
        self.shared.lock().sso.callbacks.push(url.into());
    }

    /// The next authorize redirects with `error=access_denied`.
    pub fn deny_next_login(&self) {
        self.shared.lock().sso.deny_next = true;
    }

    /// Tokens for a character without going through the browser flow.
    pub fn issue_tokens(&self, character_id: i64, scopes: &[&str]) -> Option<TokenResponse> {
        let now = self.shared.clock.now_ms();
        let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
        sso::issue(&mut self.shared.lock(), now, character_id, &scopes)
    }

    /// Every access token the simulator has issued, for leak scans.
    pub fn access_tokens_issued(&self) -> Vec<String> {
        self.shared.lock().sso.access_issued.clone()
    }

    /// The next token response has no `refresh_token`.
    pub fn omit_refresh_token_next(&self) {
        self.shared.lock().sso.omit_refresh_next = true;
    }

    /// Kills every refresh token of a character, as revoking the application on EVE's
    /// site does: the next refresh gets `invalid_grant`.
    pub fn revoke_character_grants(&self, character_id: i64) {
        for grant in self.shared.lock().sso.refresh.values_mut() {
            if grant.character_id == character_id {
                grant.dead = true;
            }
        }
    }

    /// Every refresh token the simulator has issued, for leak scans.
    pub fn refresh_tokens_issued(&self) -> Vec<String> {
        self.shared.lock().sso.refresh.keys().cloned().collect()
    }

    /// The player restarts every extraction program of a colony now, for about `hours`
    /// (whole cycles): new install, last cycle start and expiry times, and the colony is
    /// recalculated (`last_update` = now). Cached answers stay until they expire, as on
    /// ESI. The colony as it is now, or `None` when the character has no colony there.
    pub fn reset_colony(
        &self,
        character_id: i64,
        planet_id: i64,
        hours: f64,
    ) -> Option<world::Colony> {
        let now = self.shared.clock.now_ms();
        colony_action(&self.shared, character_id, planet_id, |c| {
            c.reset_extractors(now, hours)
        })
    }

    /// The player stops every extraction program of a colony now: the extractors keep
    /// their heads only, and the colony is recalculated.
    pub fn stop_colony(&self, character_id: i64, planet_id: i64) -> Option<world::Colony> {
        let now = self.shared.clock.now_ms();
        colony_action(&self.shared, character_id, planet_id, |c| {
            c.stop_extractors(now)
        })
    }

    /// A test hook: one extractor's `expiry_time` (`pin_id`), or every running one's,
    /// becomes `expiry_ms`; nothing else changes (no recalculation, `last_update` stays).
    pub fn set_extractor_expiry(
        &self,
        character_id: i64,
        planet_id: i64,
        pin_id: Option<i64>,
        expiry_ms: i64,
    ) -> Option<world::Colony> {
        colony_action(&self.shared, character_id, planet_id, |c| {
            c.set_extractor_expiry(pin_id, expiry_ms)
        })
    }
}

fn colony_action(
    shared: &Shared,
    character_id: i64,
    planet_id: i64,
    f: impl FnOnce(&mut world::Colony),
) -> Option<world::Colony> {
    let mut inner = shared.lock();
    let colony = inner.world.colony_mut(character_id, planet_id)?;
    f(colony);
    Some(colony.clone())
}

/// Every answer carries the simulator's own time in `Date`, as the real servers carry
/// theirs (a client's clock may be off; the answers tell it by how much).
async fn stamp_date(State(shared): State<Arc<Shared>>, mut response: Response) -> Response {
    if let Ok(date) = axum::http::HeaderValue::from_str(&clock::http_date(shared.clock.now_ms())) {
        response
            .headers_mut()
            .insert(axum::http::header::DATE, date);
    }
    response
}

fn router(shared: Arc<Shared>) -> Router {
    esi::router()
        .route(
            "/.well-known/oauth-authorization-server",
            get(sso::metadata),
        )
        .route("/v2/oauth/authorize", get(sso::authorize))
        .route("/v2/oauth/authorize/", get(sso::authorize))
        .route("/v2/oauth/token", post(sso::token))
        .route("/v2/oauth/revoke", post(sso::revoke))
        .route("/oauth/jwks", get(sso::jwks_old_address))
        .route("/oauth/keys", get(sso::jwks))
        .route("/characters/{character_id}/portrait", get(images::portrait))
        .route("/_sim/log", get(admin_log))
        .route("/_sim/clock/advance", post(admin_advance))
        .route("/_sim/faults", post(admin_fault))
        .route("/_sim/keys/rotate", post(admin_rotate))
        .route("/_sim/world", get(admin_world))
        .route("/_sim/online", post(admin_online))
        .route("/_sim/colony/reset", post(admin_colony_reset))
        .route("/_sim/colony/stop", post(admin_colony_stop))
        .route("/_sim/colony/expiry", post(admin_colony_expiry))
        .layer(axum::middleware::map_response_with_state(
            shared.clone(),
            stamp_date,
        ))
        .with_state(shared)
}

async fn admin_log(State(shared): State<Arc<Shared>>) -> Response {
    Json(shared.lock().log.clone()).into_response()
}

#[derive(Deserialize)]
struct Advance {
    seconds: i64,
}

async fn admin_advance(State(shared): State<Arc<Shared>>, Json(a): Json<Advance>) -> Response {
    shared.clock.advance_secs(a.seconds);
    Json(serde_json::json!({ "now_ms": shared.clock.now_ms() })).into_response()
}

async fn admin_fault(State(shared): State<Arc<Shared>>, Json(f): Json<Fault>) -> Response {
    shared.lock().faults.push(f);
    axum::http::StatusCode::NO_CONTENT.into_response()
}

async fn admin_rotate(State(shared): State<Arc<Shared>>) -> Response {
    let mut inner = shared.lock();
    inner.sso.key_generation += 1;
    Json(serde_json::json!({ "kid": sso::SsoState::kid(inner.sso.key_generation) })).into_response()
}

async fn admin_world(State(shared): State<Arc<Shared>>) -> Response {
    Json(shared.lock().world.clone()).into_response()
}

#[derive(Deserialize)]
struct SetOnline {
    character_id: i64,
    online: bool,
}

async fn admin_online(State(shared): State<Arc<Shared>>, Json(s): Json<SetOnline>) -> Response {
    let now = shared.clock.now_ms();
    shared.lock().world.online_schedule.push(world::OnlineFlip {
        at_ms: now,
        character_id: s.character_id,
        online: s.online,
    });
    axum::http::StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
struct ColonyControl {
    character_id: i64,
    planet_id: i64,
    /// Reset: the new programs' length.
    #[serde(default)]
    hours: Option<f64>,
    /// Expiry: one extractor (default: every running one).
    #[serde(default)]
    pin_id: Option<i64>,
    /// Expiry: seconds from the simulator's now (negative: in the past).
    #[serde(default)]
    expires_in_secs: Option<i64>,
}

fn colony_answer(colony: Option<world::Colony>) -> Response {
    use axum::http::StatusCode;
    match colony {
        Some(c) => Json(c).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!({ "error": "Colony not found" })),
        )
            .into_response(),
    }
}

fn bad_request(message: &str) -> Response {
    (
        axum::http::StatusCode::BAD_REQUEST,
        Json(serde_json::json!({ "error": message })),
    )
        .into_response()
}

/// `POST /_sim/colony/reset {"character_id", "planet_id", "hours"}`: see
/// [`Sim::reset_colony`]; answers the colony as it now is.
async fn admin_colony_reset(
    State(shared): State<Arc<Shared>>,
    Json(c): Json<ColonyControl>,
) -> Response {
    let hours = c.hours.unwrap_or(24.0);
    if !(hours > 0.0 && hours <= 336.0) {
        return bad_request("hours must be more than 0 and at most 336");
    }
    let now = shared.clock.now_ms();
    colony_answer(colony_action(&shared, c.character_id, c.planet_id, |col| {
        col.reset_extractors(now, hours)
    }))
}

/// `POST /_sim/colony/stop {"character_id", "planet_id"}`: see [`Sim::stop_colony`].
async fn admin_colony_stop(
    State(shared): State<Arc<Shared>>,
    Json(c): Json<ColonyControl>,
) -> Response {
    let now = shared.clock.now_ms();
    colony_answer(colony_action(&shared, c.character_id, c.planet_id, |col| {
        col.stop_extractors(now)
    }))
}

/// `POST /_sim/colony/expiry {"character_id", "planet_id", "expires_in_secs", "pin_id"?}`:
/// see [`Sim::set_extractor_expiry`].
async fn admin_colony_expiry(
    State(shared): State<Arc<Shared>>,
    Json(c): Json<ColonyControl>,
) -> Response {
    let Some(secs) = c.expires_in_secs else {
        return bad_request("expires_in_secs is required");
    };
    let expiry = shared.clock.now_ms() + secs * 1000;
    colony_answer(colony_action(&shared, c.character_id, c.planet_id, |col| {
        col.set_extractor_expiry(c.pin_id, expiry)
    }))
}
