use serde::{Deserialize, Serialize};

/// The outcome of a conditional read.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched<T> {
    /// 304: what we hold is still current; only freshness moves.
    NotModified {
        etag: Option<String>,
        expires_at_ms: i64,
    },
    /// 200: a body, its ETag and when ESI's cache of it expires.
    Fresh {
        body: T,
        etag: Option<String>,
        expires_at_ms: i64,
    },
}

impl<T> Fetched<T> {
    pub fn expires_at_ms(&self) -> i64 {
        match self {
            Self::NotModified { expires_at_ms, .. } | Self::Fresh { expires_at_ms, .. } => {
                *expires_at_ms
            }
        }
    }
}

/// The budgets as last seen, for display ("ESI budget: 590/600").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BudgetSnapshot {
    pub error_limit_remain: Option<i64>,
    /// Unix ms until which no request is sent (420, or the error limit spent).
    pub error_limit_blocked_until: Option<i64>,
    pub rate_limits: Vec<RateLimitSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitSnapshot {
    pub group: String,
    pub character_id: Option<i64>,
    pub limit: Option<String>,
    pub remaining: Option<i64>,
    pub blocked_until: Option<i64>,
}
