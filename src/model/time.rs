//! Timestamps in every form the API sends: `+0100` without a colon (the real dialect),
//! RFC 3339 with `Z`, `+01:00` and fractions.

use chrono::{DateTime, FixedOffset};

/// A point in time with the offset the server gave it.
pub type Timestamp = DateTime<FixedOffset>;

/// Parses an API timestamp; `None` when it is in no form we know.
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    // `%z` accepts `+0100` and `+01:00`; `%.f` takes optional fractions.
    ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"]
        .iter()
        .find_map(|f| DateTime::parse_from_str(s, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc(s: &str) -> String {
        parse_timestamp(s)
            .map(|t| t.to_rfc3339())
            .unwrap_or_default()
    }

    #[test]
    fn parses_every_form_the_api_sends() {
        assert_eq!(rfc("2017-02-13T16:41:18+0100"), "2017-02-13T16:41:18+01:00");
        assert_eq!(
            rfc("2017-02-13T16:41:18+01:00"),
            "2017-02-13T16:41:18+01:00"
        );
        assert_eq!(rfc("2025-10-12T21:43:00+0000"), "2025-10-12T21:43:00+00:00");
        assert_eq!(rfc("2025-10-12T21:43:00Z"), "2025-10-12T21:43:00+00:00");
        assert_eq!(
            rfc("2025-10-12T21:43:00.250+0200"),
            "2025-10-12T21:43:00.250+02:00"
        );
        assert_eq!(
            rfc("2025-10-12T21:43:00.5Z"),
            "2025-10-12T21:43:00.500+00:00"
        );
    }

    #[test]
    fn rejects_what_is_not_a_timestamp() {
        for s in [
            "",
            "yesterday",
            "2017-02-13",
            "2017-02-13T16:41:18",
            "1487000000",
        ] {
            assert!(parse_timestamp(s).is_none(), "{s}");
        }
    }
}
