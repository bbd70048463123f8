//! What the spec says about each route the app uses: its cache time (`x-cache-age`,
//! the fallback when a response carries no `Expires`) and its rate-limit group.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub name: &'static str,
    pub cache_secs: i64,
    /// `x-rate-limit` group; `None`: the route falls under the legacy error limit.
    pub group: Option<&'static str>,
    pub authenticated: bool,
}

pub const ONLINE: Route = Route {
    name: "online",
    cache_secs: 60,
    group: Some("char-location"),
    authenticated: true,
};
pub const SKILLS: Route = Route {
    name: "skills",
    cache_secs: 60,
    group: Some("char-detail"),
    authenticated: true,
};
pub const SKILLQUEUE: Route = Route {
    name: "skillqueue",
    cache_secs: 60,
    group: Some("char-detail"),
    authenticated: true,
};
pub const CHARACTER_JOBS: Route = Route {
    name: "character_jobs",
    cache_secs: 300,
    group: Some("char-industry"),
    authenticated: true,
};
pub const CORPORATION_JOBS: Route = Route {
    name: "corporation_jobs",
    cache_secs: 300,
    group: Some("corp-industry"),
    authenticated: true,
};
pub const ROLES: Route = Route {
    name: "roles",
    cache_secs: 3600,
    group: Some("char-detail"),
    authenticated: true,
};
pub const CHARACTER: Route = Route {
    name: "character",
    cache_secs: 86_400,
    group: None,
    authenticated: false,
};
pub const AFFILIATION: Route = Route {
    name: "affiliation",
    cache_secs: 3600,
    group: None,
    authenticated: false,
};
pub const NAMES: Route = Route {
    name: "names",
    cache_secs: 0,
    group: None,
    authenticated: false,
};
pub const STATUS: Route = Route {
    name: "status",
    cache_secs: 30,
    group: Some("status"),
    authenticated: false,
};
