//! `--since` and `--until` of every listing, whatever the kind: relative ages, words,
//! dates and date-times read in the display zone, checked to be in order. Pure: no I/O.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};

use crate::cli::parse;
use crate::exit::UsageError;
use crate::model::parse_timestamp;
use crate::render::Zone;

pub type TimeBounds = (Option<Timestamp>, Option<Timestamp>);

/// `--since` and `--until` (see [`parse_when`]) as instants, checked to be in order; a
/// usage error names the flag. Naive dates are read in `tz`, the zone jobctl shows times
/// in. Shared by `list` and `queue list`.
pub fn time_bounds(
    since: Option<&str>,
    until: Option<&str>,
    now: Timestamp,
    tz: &Zone,
) -> Result<TimeBounds, UsageError> {
    let when = |flag: &str, v: Option<&str>| {
        v.map(|s| parse_when(s, now, tz).map_err(|e| UsageError(format!("--{flag}: {e}"))))
            .transpose()
    };
    let (since, until) = (when("since", since)?, when("until", until)?);
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        return Err(UsageError("--since is later than --until".into()));
    }
    Ok((since, until))
}

/// Parses `--since`/`--until`: a relative age (`30m`, `2h`, `7d`, `1w`, `1h30m`, bare
/// seconds `3600`: that long before `now`), `today` or `yesterday` (local midnight), a date (`2026-11-28`: midnight), a date-time (`2026-11-28 10:00`,
/// `2026-11-28T10:00:00`) read in `tz`, or a time with an offset (RFC 3339 or the API's
/// `+0100` form).
/// Created at or after, and at or before, these instants.
pub fn parse_when(s: &str, now: Timestamp, tz: &Zone) -> Result<Timestamp, String> {
    let s = s.trim();
    let bad = || match closest_word(s) {
        Some(word) => format!("'{s}' is not a time: did you mean '{word}'?"),
        None => format!(
            "'{s}' is not a time: use an age like 30m, 2h, 7d, 1w (bare numbers are seconds; \
             -2h too), today, yesterday, a date like 2026-11-28, or a date-time like \
             '2026-11-28 10:00' or 2026-11-28T10:00:00+01:00"
        ),
    };
    let midnight = |days_back: i64| {
        tz.civil(now)
            .date()
            .checked_sub(jiff::Span::new().days(days_back))
            .ok()
            .and_then(|day| tz.earliest(day.to_datetime(jiff::civil::Time::midnight())))
            .ok_or_else(bad)
    };
    match s.to_ascii_lowercase().as_str() {
        "today" => return midnight(0),
        "yesterday" => return midnight(1),
        "now" => return Ok(now),
        _ => {}
    }
    // An age may be written as an offset from now: -2h is 2h ago.
    let age = s.strip_prefix('-').unwrap_or(s);
    let bare_seconds = !age.is_empty() && age.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if bare_seconds || (age.ends_with(|c: char| c.is_ascii_alphabetic()) && !age.contains('-')) {
        let d = parse::duration(age).map_err(|_| bad())?;
        return now.checked_sub(d).map_err(|_| bad());
    }
    if let Some(t) = parse_timestamp(s) {
        return Ok(t.to_utc());
    }
    let naive = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| DateTime::strptime(f, s).ok())
    .or_else(|| {
        Date::strptime("%Y-%m-%d", s)
            .ok()
            .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
    })
    .ok_or_else(bad)?;
    // A local time skipped by a DST change has no instant; an ambiguous one takes the earlier.
    tz.earliest(naive).ok_or_else(bad)
}

/// The word of `--since`/`--until` that `s` is a slip of (`yesteday`, `tody`): one or two
/// letters off, and not an age or a date.
fn closest_word(s: &str) -> Option<&'static str> {
    let s = s.to_ascii_lowercase();
    if s.len() < 3 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    ["today", "yesterday", "now"]
        .into_iter()
        .map(|w| (edit_distance(&s, w), w))
        .filter(|&(d, w)| d > 0 && d <= if w.len() > 5 { 2 } else { 1 })
        .min()
        .map(|(_, w)| w)
}

/// Levenshtein distance, with a swap of two neighbours counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rfc3339;

    fn now() -> Timestamp {
        parse_timestamp("2026-11-29T12:00:00Z").unwrap().to_utc()
    }

    #[test]
    fn when_takes_ages_dates_and_date_times() {
        let tz = Zone::new(jiff::tz::TimeZone::fixed(jiff::tz::offset(1)));
        let w = |s: &str| parse_when(s, now(), &tz).map(rfc3339);
        assert_eq!(w("30m").unwrap(), "2026-11-29T11:30:00+00:00");
        assert_eq!(w("1h30m").unwrap(), "2026-11-29T10:30:00+00:00");
        assert_eq!(w("7d").unwrap(), "2026-11-22T12:00:00+00:00");
        assert_eq!(w("2026-11-28").unwrap(), "2026-11-27T23:00:00+00:00");
        assert_eq!(w("2026-11-28 10:00").unwrap(), "2026-11-28T09:00:00+00:00");
        assert_eq!(
            w("2026-11-28T10:00:05").unwrap(),
            "2026-11-28T09:00:05+00:00"
        );
        assert_eq!(
            w("2026-11-28T10:00:00Z").unwrap(),
            "2026-11-28T10:00:00+00:00"
        );
        assert_eq!(
            w("2026-11-28T10:00:00+0200").unwrap(),
            "2026-11-28T08:00:00+00:00"
        );
        assert_eq!(w("1w").unwrap(), "2026-11-22T12:00:00+00:00");
        assert_eq!(w("3600").unwrap(), "2026-11-29T11:00:00+00:00");
        // Midnight in the local zone (+01:00): 2026-11-29 00:00 local is 11-28 23:00 UTC.
        assert_eq!(w("today").unwrap(), "2026-11-28T23:00:00+00:00");
        assert_eq!(w("Yesterday").unwrap(), "2026-11-27T23:00:00+00:00");
        for bad in [
            "",
            "tomorrow",
            "5x",
            "2026-13-01",
            "--3h",
            "-",
            "3x",
            "2026-11-28 25:00",
        ] {
            assert!(w(bad).unwrap_err().contains("is not a time"), "{bad}");
        }
    }

    #[test]
    fn an_age_may_be_written_as_an_offset_and_slips_of_a_word_get_the_word() {
        let tz = Zone::new(jiff::tz::TimeZone::fixed(jiff::tz::offset(1)));
        let w = |s: &str| parse_when(s, now(), &tz).map(rfc3339);
        assert_eq!(w("-1h"), w("1h"));
        assert_eq!(w("-1h").unwrap(), "2026-11-29T11:00:00+00:00");
        assert_eq!(w("-90").unwrap(), "2026-11-29T11:58:30+00:00");
        assert_eq!(
            w("yesteday").unwrap_err(),
            "'yesteday' is not a time: did you mean 'yesterday'?"
        );
        assert_eq!(
            w("Yestreday").unwrap_err(),
            "'Yestreday' is not a time: did you mean 'yesterday'?"
        );
        assert_eq!(
            w("tody").unwrap_err(),
            "'tody' is not a time: did you mean 'today'?"
        );
        assert!(w("tomorrow").unwrap_err().contains("use an age like 30m"));
    }
}
