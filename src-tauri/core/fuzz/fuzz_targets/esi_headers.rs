//! Any headers ESI might send: cache expiry and budget waits are read without a panic
//! and never further away than the gate's bound.
#![no_main]

use cynosure_core::esi::headers::{expires_at, integer, rate_limit, wait_ms, MAX_WAIT_MS};
use libfuzzer_sys::fuzz_target;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

fuzz_target!(|data: &[u8]| {
    if data.len() < 10 {
        return;
    }
    let now = i64::from_le_bytes(data[..8].try_into().unwrap());
    let cache_secs = i64::from(i16::from_le_bytes(data[8..10].try_into().unwrap()));
    // "name: value" lines; names outside this set are tried as written.
    let mut headers = HeaderMap::new();
    for line in data[10..].split(|b| *b == b'\n') {
        let Some(colon) = line.iter().position(|b| *b == b':') else {
            continue;
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        let name = match name {
            b"e" => &b"expires"[..],
            b"c" => b"cache-control",
            b"r" => b"retry-after",
            b"l" => b"x-ratelimit-limit",
            b"m" => b"x-ratelimit-remaining",
            b"x" => b"x-esi-error-limit-reset",
            other => other,
        };
        if let (Ok(n), Ok(v)) = (HeaderName::from_bytes(name), HeaderValue::from_bytes(value)) {
            headers.append(n, v);
        }
    }
    let expires = expires_at(&headers, now, cache_secs);
    assert!(expires <= now.saturating_add(MAX_WAIT_MS));
    for name in ["retry-after", "x-esi-error-limit-reset"] {
        if let Some(wait) = wait_ms(&headers, name) {
            assert!((1000..=MAX_WAIT_MS).contains(&wait));
        }
    }
    let _ = integer(&headers, "x-ratelimit-remaining");
    if let Some(limit) = rate_limit(&headers) {
        assert!(limit.tokens >= 0 && limit.window_ms > 0 && limit.window_ms <= MAX_WAIT_MS);
    }
});
