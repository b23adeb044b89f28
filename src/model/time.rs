//! Timestamps in every form the API sends: `+0100` without a colon (the real dialect),
//! RFC 3339 with `Z`, `+01:00` and fractions.

use chrono::{DateTime, Datelike, FixedOffset, TimeZone};

/// A point in time with the offset the server gave it.
pub type Timestamp = DateTime<FixedOffset>;

/// Parses an API timestamp; `None` when it is in no form we know, or outside
/// [`in_range`].
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return in_range(t);
    }
    // `%z` accepts `+0100` and `+01:00`; `%.f` takes optional fractions.
    ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"]
        .iter()
        .find_map(|f| DateTime::parse_from_str(s, f).ok())
        .and_then(in_range)
}

/// `t` when it falls between 1970 and the end of 9999 (UTC), else `None`: no job ran
/// outside that, and chrono's own range (years of six digits, which `%Y` reads) is close
/// enough to its limits that adding an hour or a day to such a time would overflow.
pub fn in_range<Tz: TimeZone>(t: DateTime<Tz>) -> Option<DateTime<Tz>> {
    (1970..=9999).contains(&t.naive_utc().year()).then_some(t)
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
        assert_eq!(rfc("1970-01-01T00:00:00Z"), "1970-01-01T00:00:00+00:00");
        assert_eq!(rfc("9999-12-31T23:59:59Z"), "9999-12-31T23:59:59+00:00");
    }

    #[test]
    fn rejects_what_is_not_a_timestamp() {
        for s in [
            "+262142-12-31T23:59:59+00:00",
            "-262143-01-01T00:00:00+00:00",
            "+10000-01-01T00:00:00+00:00",
            "1969-12-31T23:59:59Z",
            "1970-01-01T00:30:00+01:00",
            "0001-01-01T00:00:00+0000",
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
