//! What the gate knows of ESI's two budgets, from the headers it has seen: the legacy
//! error limit (global) and the floating rate limit per (group, character).

use std::collections::{BTreeMap, VecDeque};

use reqwest::header::HeaderMap;

use super::models::{BudgetSnapshot, RateLimitSnapshot};

const WINDOW_MS: i64 = 15 * 60_000;
const DEFAULT_WAIT_MS: i64 = 60_000;

#[derive(Debug, Default)]
struct RateState {
    limit: Option<String>,
    remaining: Option<i64>,
    blocked_until: Option<i64>,
    /// When we sent requests in the last window: tokens come back a window later.
    sent: VecDeque<i64>,
}

#[derive(Debug, Default)]
pub(super) struct Budgets {
    error_remain: Option<i64>,
    error_blocked_until: Option<i64>,
    rate: BTreeMap<(String, Option<i64>), RateState>,
}

fn header_i64(headers: &HeaderMap, name: &str) -> Option<i64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

impl Budgets {
    /// `Err(retry_at_ms)` when a request now would go into a known-exhausted budget.
    pub fn check(&self, group: Option<&str>, character: Option<i64>, now: i64) -> Result<(), i64> {
        if let Some(until) = self.error_blocked_until.filter(|u| *u > now) {
            return Err(until);
        }
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
            while state.sent.front().is_some_and(|t| *t <= now - WINDOW_MS) {
                state.sent.pop_front();
            }
            state.sent.push_back(now);
        }
    }

    pub fn observe(
        &mut self,
        group: Option<&str>,
        character: Option<i64>,
        status: u16,
        headers: &HeaderMap,
        now: i64,
    ) {
        if let Some(remain) = header_i64(headers, "x-esi-error-limit-remain") {
            self.error_remain = Some(remain);
            if remain <= 0 || status == 420 {
                let reset = header_i64(headers, "x-esi-error-limit-reset")
                    .map_or(DEFAULT_WAIT_MS, |s| s.max(1) * 1000);
                self.error_blocked_until = Some(now + reset);
            }
        } else if status == 420 {
            self.error_blocked_until = Some(now + DEFAULT_WAIT_MS);
        }

        let Some(group) = group else { return };
        let state = self.rate.entry((group.to_owned(), character)).or_default();
        if let Some(limit) = headers
            .get("x-ratelimit-limit")
            .and_then(|v| v.to_str().ok())
        {
            state.limit = Some(limit.to_owned());
        }
        if let Some(remaining) = header_i64(headers, "x-ratelimit-remaining") {
            state.remaining = Some(remaining);
        }
        if status == 429 {
            let wait =
                header_i64(headers, "retry-after").map_or(DEFAULT_WAIT_MS, |s| s.max(1) * 1000);
            state.blocked_until = Some(now + wait);
        } else if state.remaining.is_some_and(|r| r <= 0) {
            // Spent: tokens come back one window after the oldest request we made.
            let oldest = state.sent.front().copied().unwrap_or(now);
            state.blocked_until = Some((oldest + WINDOW_MS).max(now + 1000));
        }
    }

    pub fn snapshot(&self) -> BudgetSnapshot {
        BudgetSnapshot {
            error_limit_remain: self.error_remain,
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
