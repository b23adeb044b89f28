//! When to retry a request and how long to wait: pure decisions, tested without a server.

use std::time::{Duration, SystemTime};

/// The longest single wait jobctl accepts from a `Retry-After`; a server asking for more
/// (a long maintenance window) gets an error that says so instead of a silent hang.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

/// Statuses worth another try: timeouts, rate limits and transient server failures.
/// Never 501 (not implemented stays not implemented) and never other 4xx.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// Exponential backoff with jitter for retry number `attempt` (0-based): a random wait
/// between half and all of 250 ms × 2^attempt, capped at 8 s.
pub fn backoff(attempt: u32) -> Duration {
    let full = Duration::from_millis(250)
        .saturating_mul(1 << attempt.min(10))
        .min(Duration::from_secs(8));
    full / 2 + full.mul_f64(fastrand::f64() / 2.0)
}

/// Reads a `Retry-After` header: delta seconds or an HTTP date (relative to `now`).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    let when = SystemTime::from(when);
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_transient_statuses_only() {
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(is_retryable_status(s), "{s}");
        }
        for s in [200, 400, 401, 403, 404, 409, 501, 505] {
            assert!(!is_retryable_status(s), "{s}");
        }
    }

    #[test]
    fn backoff_grows_with_jitter_and_a_cap() {
        for attempt in 0..40 {
            let full = Duration::from_millis(250 << attempt.min(5)).min(Duration::from_secs(8));
            let b = backoff(attempt);
            assert!(b >= full / 2 && b <= full, "{attempt}: {b:?}");
        }
        assert!(backoff(30) <= Duration::from_secs(8));
    }

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }
}
