//! The request log: every request the simulator answered, for tests to assert on.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LoggedRequest {
    pub at_ms: i64,
    pub method: String,
    pub path: String,
    /// A stable route name, e.g. `esi.online`, `sso.token`.
    pub route: &'static str,
    pub character_id: Option<i64>,
    pub status: u16,
    pub user_agent: Option<String>,
    pub compatibility_date: Option<String>,
    pub if_none_match: Option<String>,
    /// Whether an `Authorization: Bearer` header was present (never its value).
    pub authorized: bool,
    pub page: Option<i64>,
    /// For SSO token calls: the grant type.
    pub grant_type: Option<String>,
}
