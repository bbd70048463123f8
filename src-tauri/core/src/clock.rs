//! Time, injectable: production reads the system clock, tests move a [`ManualClock`].

use std::fmt::Debug;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of "now", in Unix epoch milliseconds.
pub trait Clock: Send + Sync + Debug {
    fn now_ms(&self) -> i64;
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0)
    }
}

/// A clock that only moves when told to.
#[derive(Debug, Default)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(now_ms: i64) -> Self {
        Self(AtomicI64::new(now_ms))
    }

    pub fn advance_ms(&self, by_ms: i64) {
        self.0.fetch_add(by_ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Server time: the local clock corrected by its offset to EVE's servers, learnt from the
/// `Date` header of their answers (docs/design.md §4). `Expires`, token expiry and every
/// time ESI sends are the servers' times, so the whole core reads this clock: a computer
/// whose clock is minutes off still never asks inside a cache window nor sends an
/// expired token.
#[derive(Debug)]
pub struct ServerClock {
    local: std::sync::Arc<dyn Clock>,
    offset_ms: AtomicI64,
    changed: tokio::sync::watch::Sender<i64>,
}

/// How far behind the servers the estimate may fall before a `Date` moves it.
const LAG_ALLOWED_MS: i64 = 2_000;

impl ServerClock {
    pub fn new(local: std::sync::Arc<dyn Clock>, offset_ms: i64) -> Self {
        Self {
            local,
            offset_ms: AtomicI64::new(offset_ms),
            changed: tokio::sync::watch::channel(offset_ms).0,
        }
    }

    /// Server time minus local time, in milliseconds.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst)
    }

    /// Takes an offset learnt earlier (stored), before any answer says otherwise.
    pub fn restore(&self, offset_ms: i64) {
        self.offset_ms.store(offset_ms, Ordering::SeqCst);
        self.changed.send_replace(offset_ms);
    }

    /// Follows every change of the offset.
    pub fn watch(&self) -> tokio::sync::watch::Receiver<i64> {
        self.changed.subscribe()
    }

    /// Learns from a server's `Date` (whole seconds, written before the answer arrived:
    /// the servers' time now is at least `date_ms`). The estimate never runs ahead of
    /// that evidence, and moves up when it lags by more than [`LAG_ALLOWED_MS`]. Returns
    /// the new offset when it moved.
    pub fn observe(&self, date_ms: i64) -> Option<i64> {
        let at_least = date_ms - self.local.now_ms();
        let current = self.offset_ms();
        if current <= at_least && at_least - current <= LAG_ALLOWED_MS {
            return None;
        }
        self.offset_ms.store(at_least, Ordering::SeqCst);
        self.changed.send_replace(at_least);
        Some(at_least)
    }
}

impl Clock for ServerClock {
    fn now_ms(&self) -> i64 {
        self.local.now_ms().saturating_add(self.offset_ms())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    const T: i64 = 1_790_000_000_000;

    #[test]
    fn a_clock_ten_minutes_fast_is_read_back_to_the_servers_time() {
        let local = Arc::new(ManualClock::new(T + 600_000));
        let server = ServerClock::new(local.clone(), 0);
        assert_eq!(server.observe(T), Some(-600_000));
        assert_eq!(server.now_ms(), T);
        // The same evidence again, or a second later: no change.
        assert_eq!(server.observe(T), None);
        local.advance_ms(1_000);
        assert_eq!(server.observe(T + 1_000), None);
        // 500 ms into the next second the `Date` still says T + 1 s: keep behind it.
        local.advance_ms(500);
        assert_eq!(server.observe(T + 1_000), Some(-600_500));
        assert_eq!(server.now_ms(), T + 1_000);
        local.advance_ms(1_500);
        assert_eq!(
            server.observe(T + 3_000),
            None,
            "lagging half a second is fine"
        );
    }

    #[test]
    fn a_slow_clock_catches_up_and_stays_behind_the_servers() {
        let local = Arc::new(ManualClock::new(T - 600_000));
        let server = ServerClock::new(local.clone(), 0);
        let mut seen = server.watch();
        assert_eq!(server.observe(T), Some(600_000));
        assert!(seen.has_changed().unwrap());
        assert_eq!(*seen.borrow_and_update(), 600_000);
        // `Date` is whole seconds: 700 ms into a second says the same second, so the
        // estimate drops behind it rather than risk running ahead.
        local.advance_ms(700);
        assert_eq!(server.observe(T), Some(599_300));
        assert_eq!(server.now_ms(), T);
        // Then lagging less than a second behind a later `Date` is kept.
        seen.borrow_and_update();
        local.advance_ms(300);
        assert_eq!(server.observe(T + 1_000), None);
        assert!(!seen.has_changed().unwrap());
        // A clock that jumped back 10 s (lagging): caught up at the next answer.
        let local = Arc::new(ManualClock::new(T));
        let server = ServerClock::new(local, -10_000);
        assert_eq!(server.observe(T), Some(0));
    }

    #[test]
    fn the_estimate_never_runs_ahead_of_a_date() {
        let local = Arc::new(ManualClock::new(T));
        // Once thought the servers 5 s ahead; they say otherwise.
        let server = ServerClock::new(local, 5_000);
        assert_eq!(server.observe(T), Some(0));
        assert_eq!(server.now_ms(), T);
    }
}
