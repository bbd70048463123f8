//! ESI's response headers, read: cache expiry (`Expires`, `Cache-Control`), the budgets
//! (`X-Ratelimit-*`, `Retry-After`, `X-ESI-Error-Limit-*`). Pure functions over a
//! header map, so they are fuzzed on their own (`fuzz/`): whatever a server sends, they
//! answer without panicking and without overflowing a clock.

use reqwest::header::HeaderMap;

/// No wait or cache time read from a header is taken beyond a day: a server that says
/// "come back in a century" is wrong, and the arithmetic stays far from overflow.
pub const MAX_WAIT_MS: i64 = 24 * 3_600_000;

fn text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok()
}

/// A whole number of seconds or units (`X-Ratelimit-Remaining: 149`).
pub fn integer(headers: &HeaderMap, name: &str) -> Option<i64> {
    text(headers, name)?.trim().parse().ok()
}

/// A wait in seconds (`Retry-After: 12`, `X-ESI-Error-Limit-Reset: 30`) as milliseconds:
/// at least a second, at most [`MAX_WAIT_MS`].
pub fn wait_ms(headers: &HeaderMap, name: &str) -> Option<i64> {
    let seconds = integer(headers, name)?;
    Some(seconds.clamp(1, MAX_WAIT_MS / 1000) * 1000)
}

/// When ESI's cache of this answer expires: `Expires`, else `Cache-Control: max-age`,
/// else the spec's cache time for the route; never further than [`MAX_WAIT_MS`] away.
pub fn expires_at(headers: &HeaderMap, now: i64, cache_secs: i64) -> i64 {
    let limit = now.saturating_add(MAX_WAIT_MS);
    if let Some(expires) = http_time_ms(headers, "expires") {
        return expires.min(limit);
    }
    let max_age = text(headers, "cache-control").and_then(|v| {
        v.split(',').find_map(|d| {
            d.trim()
                .strip_prefix("max-age=")
                .and_then(|s| s.parse::<i64>().ok())
        })
    });
    let seconds = max_age.unwrap_or(cache_secs).clamp(0, MAX_WAIT_MS / 1000);
    now.saturating_add(seconds * 1000)
}

/// A header holding an HTTP date (`Date`, `Expires`), in epoch milliseconds; `None`
/// when absent, unreadable or before 1970.
pub fn http_time_ms(headers: &HeaderMap, name: &str) -> Option<i64> {
    let t = httpdate::parse_http_date(text(headers, name)?).ok()?;
    let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The server's time when it wrote the answer (`Date`), in epoch milliseconds.
pub fn date_ms(headers: &HeaderMap) -> Option<i64> {
    http_time_ms(headers, "date")
}

/// `X-Ratelimit-Limit: 150/15m`: tokens per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub tokens: i64,
    pub window_ms: i64,
}

/// Reads `X-Ratelimit-Limit` (`<tokens>/<n><s|m|h>`); `None` when absent or not in that
/// form.
pub fn rate_limit(headers: &HeaderMap) -> Option<RateLimit> {
    let (tokens, window) = text(headers, "x-ratelimit-limit")?.trim().split_once('/')?;
    let tokens: i64 = tokens.trim().parse().ok().filter(|t| *t >= 0)?;
    let window = window.trim();
    let unit_ms = match window.chars().last()? {
        's' => 1_000,
        'm' => 60_000,
        'h' => 3_600_000,
        _ => return None,
    };
    let n: i64 = window[..window.len() - 1].parse().ok().filter(|n| *n > 0)?;
    Some(RateLimit {
        tokens,
        window_ms: n.checked_mul(unit_ms).filter(|w| *w <= MAX_WAIT_MS)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    const NOW: i64 = 1_795_014_400_000;

    #[test]
    fn expiry_prefers_expires_then_max_age_then_the_spec() {
        let expires = headers(&[
            ("expires", "Wed, 18 Nov 2026 15:07:40 GMT"),
            ("cache-control", "public, max-age=5"),
        ]);
        assert_eq!(expires_at(&expires, NOW, 300), NOW + 60_000);
        let max_age = headers(&[("cache-control", "public, max-age=5")]);
        assert_eq!(expires_at(&max_age, NOW, 300), NOW + 5_000);
        assert_eq!(expires_at(&HeaderMap::new(), NOW, 300), NOW + 300_000);
        let garbage = headers(&[("expires", "garbage"), ("cache-control", "max-age=120")]);
        assert_eq!(expires_at(&garbage, NOW, 300), NOW + 120_000);
    }

    #[test]
    fn absurd_headers_are_bounded_not_overflowed() {
        // Before the bounds, each of these panicked (debug builds) or wrapped into the
        // past (release builds), and a stale gate would have asked ESI at once.
        let huge = headers(&[("cache-control", "max-age=9223372036854775807")]);
        assert_eq!(expires_at(&huge, NOW, 300), NOW + MAX_WAIT_MS);
        let negative = headers(&[("cache-control", "max-age=-5")]);
        assert_eq!(expires_at(&negative, NOW, 300), NOW);
        assert_eq!(expires_at(&HeaderMap::new(), i64::MAX - 5, 300), i64::MAX);
        let far = headers(&[("expires", "Fri, 31 Dec 9999 23:59:59 GMT")]);
        assert_eq!(expires_at(&far, NOW, 300), NOW + MAX_WAIT_MS);
        let wait = headers(&[("retry-after", "9223372036854775807")]);
        assert_eq!(wait_ms(&wait, "retry-after"), Some(MAX_WAIT_MS));
        let zero = headers(&[("retry-after", "0")]);
        assert_eq!(wait_ms(&zero, "retry-after"), Some(1000));
    }

    #[test]
    fn rate_limits_read_as_tokens_per_window() {
        let h = |v| headers(&[("x-ratelimit-limit", v)]);
        assert_eq!(
            rate_limit(&h("150/15m")),
            Some(RateLimit {
                tokens: 150,
                window_ms: 900_000
            })
        );
        assert_eq!(
            rate_limit(&h("10/1h")).map(|r| r.window_ms),
            Some(3_600_000)
        );
        assert_eq!(rate_limit(&h("150")), None);
        assert_eq!(rate_limit(&h("150/15x")), None);
        assert_eq!(rate_limit(&h("150/m")), None);
        assert_eq!(rate_limit(&h("150/é")), None);
        assert_eq!(rate_limit(&h("1/99999999999999999h")), None);
    }
}
