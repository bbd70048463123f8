//! ESI's two budgets, as documented: the floating-window rate limit per (group,
//! application:character), and the legacy error limit (100 errors per fixed minute).

use std::collections::{BTreeMap, VecDeque};

pub const WINDOW_MS: i64 = 15 * 60_000;
pub const ERROR_LIMIT: i64 = 100;
pub const ERROR_WINDOW_MS: i64 = 60_000;

/// Token cost of a response, by status class (a 429 costs nothing).
pub fn token_cost(status: u16) -> i64 {
    match status {
        429 => 0,
        200..=299 => 2,
        300..=399 => 1,
        400..=499 => 5,
        _ => 0,
    }
}

#[derive(Debug, Default)]
pub struct RateLimits {
    spent: BTreeMap<(String, String), VecDeque<(i64, i64)>>,
    /// Overrides of the group sizes (tests shrink them to reach the limit quickly).
    pub max_tokens: BTreeMap<String, i64>,
}

impl RateLimits {
    pub fn max_for(&self, group: &str, default: i64) -> i64 {
        self.max_tokens.get(group).copied().unwrap_or(default)
    }

    fn bucket(&mut self, group: &str, user: &str, now_ms: i64) -> &mut VecDeque<(i64, i64)> {
        let entries = self
            .spent
            .entry((group.to_owned(), user.to_owned()))
            .or_default();
        while entries
            .front()
            .is_some_and(|(t, _)| *t <= now_ms - WINDOW_MS)
        {
            entries.pop_front();
        }
        entries
    }

    pub fn remaining(&mut self, group: &str, user: &str, max: i64, now_ms: i64) -> i64 {
        max - self
            .bucket(group, user, now_ms)
            .iter()
            .map(|(_, c)| c)
            .sum::<i64>()
    }

    /// Seconds until enough tokens return for one more request.
    pub fn retry_after_secs(&mut self, group: &str, user: &str, max: i64, now_ms: i64) -> i64 {
        let entries = self.bucket(group, user, now_ms);
        let mut remaining = max - entries.iter().map(|(_, c)| c).sum::<i64>();
        for (t, cost) in entries.iter() {
            if remaining > 0 {
                break;
            }
            remaining += cost;
            if remaining > 0 {
                return ((t + WINDOW_MS - now_ms) as f64 / 1000.0).ceil().max(1.0) as i64;
            }
        }
        1
    }

    pub fn spend(&mut self, group: &str, user: &str, cost: i64, now_ms: i64) {
        if cost > 0 {
            self.bucket(group, user, now_ms).push_back((now_ms, cost));
        }
    }
}

#[derive(Debug, Default)]
pub struct ErrorLimit {
    window_start_ms: i64,
    errors: i64,
}

impl ErrorLimit {
    fn roll(&mut self, now_ms: i64) {
        let start = now_ms - now_ms.rem_euclid(ERROR_WINDOW_MS);
        if start != self.window_start_ms {
            self.window_start_ms = start;
            self.errors = 0;
        }
    }

    pub fn remain(&mut self, now_ms: i64) -> i64 {
        self.roll(now_ms);
        (ERROR_LIMIT - self.errors).max(0)
    }

    pub fn reset_secs(&mut self, now_ms: i64) -> i64 {
        self.roll(now_ms);
        ((self.window_start_ms + ERROR_WINDOW_MS - now_ms) as f64 / 1000.0).ceil() as i64
    }

    pub fn record(&mut self, status: u16, now_ms: i64) {
        self.roll(now_ms);
        if status >= 400 && status != 420 {
            self.errors += 1;
        }
    }
}
