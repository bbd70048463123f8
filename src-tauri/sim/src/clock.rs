//! The simulator's clock, shared by SSO and ESI: real time plus an offset that tests
//! move, or a frozen instant.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug)]
pub struct SimClock {
    /// `i64::MIN`: follow the system clock; otherwise frozen at this instant.
    frozen_ms: AtomicI64,
    offset_ms: AtomicI64,
}

impl SimClock {
    pub fn system() -> Self {
        Self {
            frozen_ms: AtomicI64::new(i64::MIN),
            offset_ms: AtomicI64::new(0),
        }
    }

    pub fn frozen_at(now_ms: i64) -> Self {
        Self {
            frozen_ms: AtomicI64::new(now_ms),
            offset_ms: AtomicI64::new(0),
        }
    }

    pub fn now_ms(&self) -> i64 {
        let base = match self.frozen_ms.load(Ordering::SeqCst) {
            i64::MIN => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0),
            frozen => frozen,
        };
        base + self.offset_ms.load(Ordering::SeqCst)
    }

    pub fn advance_ms(&self, by_ms: i64) {
        self.offset_ms.fetch_add(by_ms, Ordering::SeqCst);
    }

    pub fn advance_secs(&self, secs: i64) {
        self.advance_ms(secs * 1000);
    }
}

/// RFC 3339 with whole seconds, as ESI writes dates: `2026-11-22T03:04:05Z`.
pub fn rfc3339(ms: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// An HTTP date (`Expires`, `Last-Modified`).
pub fn http_date(ms: i64) -> String {
    let secs = u64::try_from(ms.div_euclid(1000)).unwrap_or(0);
    httpdate::fmt_http_date(UNIX_EPOCH + std::time::Duration::from_secs(secs))
}
