//! What the gate knows of ESI's two budgets, from the headers it has seen: the legacy
//! error limit (global) and the floating rate limit per (group, character).

use std::collections::{BTreeMap, VecDeque};

use reqwest::header::HeaderMap;

use super::headers::{integer as header_i64, rate_limit, wait_ms};
use super::models::{BudgetSnapshot, RateLimitSnapshot};
use super::Route;

const WINDOW_MS: i64 = 15 * 60_000;
const DEFAULT_WAIT_MS: i64 = 60_000;

#[derive(Debug, Default)]
struct RateState {
    limit: Option<String>,
    remaining: Option<i64>,
    /// The group's window, from `X-Ratelimit-Limit` (ESI: 15 minutes).
    window_ms: Option<i64>,
    blocked_until: Option<i64>,
    /// When we sent requests in the last window: tokens come back a window later.
    sent: VecDeque<i64>,
}

#[derive(Debug, Default)]
pub(super) struct Budgets {
    error_remain: Option<i64>,
    /// When the error limit's window that `error_remain` counts ends.
    error_reset_at: Option<i64>,
    error_blocked_until: Option<i64>,
    rate: BTreeMap<(String, Option<i64>), RateState>,
    /// Routes outside every rate-limit group (names, affiliation) that answered 429:
    /// until when they wait.
    route_blocked_until: BTreeMap<&'static str, i64>,
}

impl Budgets {
    /// `Err(retry_at_ms)` when a request now would go into a known-exhausted budget.
    pub fn check(&self, route: &Route, character: Option<i64>, now: i64) -> Result<(), i64> {
        if let Some(until) = self.error_blocked_until.filter(|u| *u > now) {
            return Err(until);
        }
        if let Some(until) = self
            .route_blocked_until
            .get(route.name)
            .copied()
            .filter(|u| *u > now)
        {
            return Err(until);
        }
        let group = route.group;
        if let Some(group) = group {
            if let Some(until) = self
                .rate
                .get(&(group.to_owned(), character))
                .and_then(|s| s.blocked_until)
                .filter(|u| *u > now)
            {
                return Err(until);
            }
        }
        Ok(())
    }

    pub fn record_sent(&mut self, group: Option<&str>, character: Option<i64>, now: i64) {
        if let Some(group) = group {
            let state = self.rate.entry((group.to_owned(), character)).or_default();
            let window = state.window_ms.unwrap_or(WINDOW_MS);
            while state.sent.front().is_some_and(|t| *t <= now - window) {
                state.sent.pop_front();
            }
            state.sent.push_back(now);
        }
    }

    pub fn observe(
        &mut self,
        route: &Route,
        character: Option<i64>,
        status: u16,
        headers: &HeaderMap,
        now: i64,
    ) {
        if let Some(remain) = header_i64(headers, "x-esi-error-limit-remain") {
            self.error_remain = Some(remain);
            self.error_reset_at =
                wait_ms(headers, "x-esi-error-limit-reset").map(|reset| now.saturating_add(reset));
            if remain <= 0 || status == 420 {
                let reset = wait_ms(headers, "x-esi-error-limit-reset").unwrap_or(DEFAULT_WAIT_MS);
                self.error_blocked_until = Some(now.saturating_add(reset));
            }
        } else if status == 420 {
            self.error_blocked_until = Some(now.saturating_add(DEFAULT_WAIT_MS));
        }

        let Some(group) = route.group else {
            // ESI's game-server limits can answer 429 on any route.
            if status == 429 {
                let wait = wait_ms(headers, "retry-after").unwrap_or(DEFAULT_WAIT_MS);
                self.route_blocked_until
                    .insert(route.name, now.saturating_add(wait));
            }
            return;
        };
        let state = self.rate.entry((group.to_owned(), character)).or_default();
        if let Some(limit) = headers
            .get("x-ratelimit-limit")
            .and_then(|v| v.to_str().ok())
        {
            state.limit = Some(limit.to_owned());
        }
        if let Some(parsed) = rate_limit(headers) {
            state.window_ms = Some(parsed.window_ms);
        }
        if let Some(remaining) = header_i64(headers, "x-ratelimit-remaining") {
            state.remaining = Some(remaining);
        }
        if status == 429 {
            let wait = wait_ms(headers, "retry-after").unwrap_or(DEFAULT_WAIT_MS);
            state.blocked_until = Some(now.saturating_add(wait));
        } else if state.remaining.is_some_and(|r| r <= 0) {
            // Spent: tokens come back one window after the oldest request we made.
            let oldest = state.sent.front().copied().unwrap_or(now);
            let window = state.window_ms.unwrap_or(WINDOW_MS);
            state.blocked_until = Some(oldest.saturating_add(window).max(now + 1000));
        }
    }

    /// The budgets as last seen; an error count whose window has ended is unknown again.
    pub fn snapshot(&self, now: i64) -> BudgetSnapshot {
        BudgetSnapshot {
            error_limit_remain: self
                .error_remain
                .filter(|_| self.error_reset_at.map_or(true, |reset| reset > now)),
            error_limit_blocked_until: self.error_blocked_until,
            rate_limits: self
                .rate
                .iter()
                .map(|((group, character), s)| RateLimitSnapshot {
                    group: group.clone(),
                    character_id: *character,
                    limit: s.limit.clone(),
                    remaining: s.remaining,
                    blocked_until: s.blocked_until,
                })
                .collect(),
        }
    }
}
