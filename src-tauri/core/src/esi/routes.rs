//! What CCP's spec says about each route the app uses: its path template, its cache
//! time (`x-cache-age`, the fallback when a response carries no `Expires`) and its
//! rate-limit group. A test holds this table to the spec extract in `third_party/ccp/`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub name: &'static str,
    /// The spec's method key: `get` or `post`.
    pub method: &'static str,
    /// The spec's path template: `/characters/{character_id}/skills`.
    pub path: &'static str,
    pub cache_secs: i64,
    /// `x-rate-limit` group; `None`: the route falls under the legacy error limit.
    pub group: Option<&'static str>,
}

impl Route {
    /// The path with its `{…}` placeholders filled by `ids`, in order.
    pub fn path_for(&self, ids: &[i64]) -> String {
        let mut ids = ids.iter();
        self.path
            .split('/')
            .map(|segment| match segment.starts_with('{') {
                true => ids.next().map_or_else(String::new, i64::to_string),
                false => segment.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

pub const ONLINE: Route = Route {
    name: "online",
    method: "get",
    path: "/characters/{character_id}/online",
    cache_secs: 60,
    group: Some("char-location"),
};
pub const SKILLS: Route = Route {
    name: "skills",
    method: "get",
    path: "/characters/{character_id}/skills",
    cache_secs: 60,
    group: Some("char-detail"),
};
pub const SKILLQUEUE: Route = Route {
    name: "skillqueue",
    method: "get",
    path: "/characters/{character_id}/skillqueue",
    cache_secs: 60,
    group: Some("char-detail"),
};
pub const ATTRIBUTES: Route = Route {
    name: "attributes",
    method: "get",
    path: "/characters/{character_id}/attributes",
    cache_secs: 120,
    group: Some("char-detail"),
};
pub const CLONES: Route = Route {
    name: "clones",
    method: "get",
    path: "/characters/{character_id}/clones",
    cache_secs: 120,
    group: Some("char-location"),
};
pub const IMPLANTS: Route = Route {
    name: "implants",
    method: "get",
    path: "/characters/{character_id}/implants",
    cache_secs: 120,
    group: Some("char-detail"),
};
pub const FATIGUE: Route = Route {
    name: "fatigue",
    method: "get",
    path: "/characters/{character_id}/fatigue",
    cache_secs: 300,
    group: Some("char-location"),
};
pub const CHARACTER_JOBS: Route = Route {
    name: "character_jobs",
    method: "get",
    path: "/characters/{character_id}/industry/jobs",
    cache_secs: 300,
    group: Some("char-industry"),
};
pub const CORPORATION_JOBS: Route = Route {
    name: "corporation_jobs",
    method: "get",
    path: "/corporations/{corporation_id}/industry/jobs",
    cache_secs: 300,
    group: Some("corp-industry"),
};
pub const ROLES: Route = Route {
    name: "roles",
    method: "get",
    path: "/characters/{character_id}/roles",
    cache_secs: 3600,
    group: Some("char-detail"),
};
pub const PLANETS: Route = Route {
    name: "planets",
    method: "get",
    path: "/characters/{character_id}/planets",
    cache_secs: 600,
    group: Some("char-industry"),
};
pub const COLONY: Route = Route {
    name: "colony",
    method: "get",
    path: "/characters/{character_id}/planets/{planet_id}",
    cache_secs: 600,
    group: Some("char-industry"),
};
/// Public and static (the spec names no cache time): a planet's name, kept for ever.
pub const PLANET: Route = Route {
    name: "planet",
    method: "get",
    path: "/universe/planets/{planet_id}",
    cache_secs: 0,
    group: None,
};
pub const AFFILIATION: Route = Route {
    name: "affiliation",
    method: "post",
    path: "/characters/affiliation",
    cache_secs: 3600,
    group: None,
};
/// A character's open market orders (not paged; an order filled or expired simply leaves
/// the list).
pub const ORDERS: Route = Route {
    name: "orders",
    method: "get",
    path: "/characters/{character_id}/orders",
    cache_secs: 1200,
    group: None,
};
/// The orders that left the open list in the last 90 days (paged).
pub const ORDER_HISTORY: Route = Route {
    name: "order_history",
    method: "get",
    path: "/characters/{character_id}/orders/history",
    cache_secs: 3600,
    group: None,
};
/// Contracts the character issued, accepted or was assigned (30 days, or in progress;
/// paged).
pub const CONTRACTS: Route = Route {
    name: "contracts",
    method: "get",
    path: "/characters/{character_id}/contracts",
    cache_secs: 300,
    group: Some("char-contract"),
};
/// One contract's items: read only when the player opens the contract.
pub const CONTRACT_ITEMS: Route = Route {
    name: "contract_items",
    method: "get",
    path: "/characters/{character_id}/contracts/{contract_id}/items",
    cache_secs: 3600,
    group: Some("char-contract"),
};
pub const NAMES: Route = Route {
    name: "names",
    method: "post",
    path: "/universe/names",
    cache_secs: 0,
    group: None,
};
/// Tranquility's status (players online, since when): read with the online status, only
/// while the window is visible.
pub const STATUS: Route = Route {
    name: "status",
    method: "get",
    path: "/status",
    cache_secs: 30,
    group: Some("status"),
};

/// Every route the app asks.
pub const ALL: &[Route] = &[
    ONLINE,
    SKILLS,
    SKILLQUEUE,
    ATTRIBUTES,
    CLONES,
    IMPLANTS,
    FATIGUE,
    ORDERS,
    ORDER_HISTORY,
    CONTRACTS,
    CONTRACT_ITEMS,
    CHARACTER_JOBS,
    CORPORATION_JOBS,
    ROLES,
    PLANETS,
    COLONY,
    PLANET,
    AFFILIATION,
    NAMES,
    STATUS,
];

#[cfg(test)]
mod tests {
    #[test]
    fn a_path_template_is_filled_in_order() {
        assert_eq!(
            super::SKILLS.path_for(&[2_112_000_001]),
            "/characters/2112000001/skills"
        );
        assert_eq!(super::NAMES.path_for(&[]), "/universe/names");
    }
}
