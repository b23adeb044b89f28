//! Timestamps in every form the API sends: `+0100` without a colon (the real dialect),
//! RFC 3339 with `Z`, `+01:00` and fractions, a space instead of `T`; and the RFC 3339
//! text of an instant, as tests and machine lines write it.

use jiff::tz::Offset;

/// A point in time with the offset the server gave it. Equal, ordered and hashed by the
/// instant alone: the same moment written at two offsets is the same time.
#[derive(Debug, Clone, Copy)]
pub struct Timestamp {
    at: jiff::Timestamp,
    offset: Offset,
}

impl Timestamp {
    /// The instant, without the server's offset.
    pub fn to_utc(self) -> jiff::Timestamp {
        self.at
    }

    /// The offset the server wrote.
    pub fn offset(self) -> Offset {
        self.offset
    }

    /// RFC 3339 at the server's offset: `2017-02-13T16:41:18+01:00`, fractions in groups
    /// of three digits where there are any (`.250`).
    pub fn to_rfc3339(self) -> String {
        rfc3339_at(self.at, self.offset)
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Timestamp) -> bool {
        self.at == other.at
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Timestamp) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Timestamp) -> std::cmp::Ordering {
        self.at.cmp(&other.at)
    }
}

impl std::hash::Hash for Timestamp {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.at.hash(state);
    }
}

/// `2026-11-29T12:00:00+00:00`: an instant in RFC 3339 at UTC, written `+00:00`.
pub fn rfc3339(t: jiff::Timestamp) -> String {
    rfc3339_at(t, Offset::UTC)
}

/// `2026-11-29T12:00:00Z`: an instant to the whole second, as machine lines and query
/// parameters write it.
pub fn rfc3339_secs(t: jiff::Timestamp) -> String {
    let t = Offset::UTC.to_datetime(t);
    format!("{}Z", t.strftime("%Y-%m-%dT%H:%M:%S"))
}

fn rfc3339_at(t: jiff::Timestamp, offset: Offset) -> String {
    let local = offset.to_datetime(t);
    let nanos = local.subsec_nanosecond();
    let fraction = match nanos {
        0 => String::new(),
        n if n % 1_000_000 == 0 => format!(".{:03}", n / 1_000_000),
        n if n % 1_000 == 0 => format!(".{:06}", n / 1_000),
        n => format!(".{n:09}"),
    };
    format!(
        "{}{fraction}{}",
        local.strftime("%Y-%m-%dT%H:%M:%S"),
        offset_text(offset)
    )
}

/// `+01:00`, `-05:30`, `+00:00`: an offset as RFC 3339 writes it, to the minute.
pub fn offset_text(offset: Offset) -> String {
    let secs = offset.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", secs / 3600, secs / 60 % 60)
}

/// Parses an API timestamp; `None` when it is in no form we know, or outside
/// [`in_range`]. Read by hand: `YYYY-MM-DD`, `T` (or `t`, or a space), `HH:MM:SS`, an
/// optional fraction, then `Z` (or `z`), `+HH:MM` or `+HHMM`. A second of 60 (a leap
/// second) reads as 59.
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    read_timestamp(s).filter(|t| in_range(t.at).is_some())
}

/// [`parse_timestamp`] without the range check: any four-digit year (the simulator's
/// filters read what a test gives them).
pub fn read_timestamp(s: &str) -> Option<Timestamp> {
    let b = s.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        b.get(r)?.iter().try_fold(0i64, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
    };
    let shape = b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't' | b' ')
        && b[13] == b':'
        && b[16] == b':';
    if !shape {
        return None;
    }
    let mut rest = &b[19..];
    let mut nanos = 0i64;
    if let [b'.', tail @ ..] = rest {
        let digits = tail.iter().take_while(|d| d.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        for (i, d) in tail[..digits].iter().take(9).enumerate() {
            nanos += i64::from(d - b'0') * 10i64.pow(8 - i as u32);
        }
        rest = &tail[digits..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), tail @ ..] => {
            let two = |t: &[u8]| -> Option<i64> {
                match t {
                    [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
                        Some(i64::from(a - b'0') * 10 + i64::from(b - b'0'))
                    }
                    _ => None,
                }
            };
            let (h, m) = match tail {
                [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => (two(&[*h1, *h2])?, two(&[*m1, *m2])?),
                _ => return None,
            };
            if m >= 60 {
                return None;
            }
            let secs = h * 3600 + m * 60;
            if *sign == b'-' { -secs } else { secs }
        }
        _ => return None,
    };
    let offset = Offset::from_seconds(i32::try_from(offset).ok()?).ok()?;
    let second = num(17..19)?;
    let civil = jiff::civil::DateTime::new(
        i16::try_from(num(0..4)?).ok()?,
        i8::try_from(num(5..7)?).ok()?,
        i8::try_from(num(8..10)?).ok()?,
        i8::try_from(num(11..13)?).ok()?,
        i8::try_from(num(14..16)?).ok()?,
        i8::try_from(if second == 60 { 59 } else { second }).ok()?,
        i32::try_from(nanos).ok()?,
    )
    .ok()?;
    let at = offset.to_timestamp(civil).ok()?;
    Some(Timestamp { at, offset })
}

/// `t` when it falls between 1970 and 9999-12-29 (UTC), else `None`: no job ran outside
/// that. jiff's instants end on 9999-12-30 at 22:00 UTC (so that any offset still makes a
/// four-digit year): stopping a day and more before means adding an hour or a day to such
/// a time never leaves the range.
fn in_range(t: jiff::Timestamp) -> Option<jiff::Timestamp> {
    const END: i64 = 253_402_041_600; // 9999-12-29T00:00:00Z
    (t >= jiff::Timestamp::UNIX_EPOCH && t.as_second() < END).then_some(t)
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
        assert_eq!(rfc("9999-12-28T23:59:59Z"), "9999-12-28T23:59:59+00:00");
    }

    #[test]
    fn rejects_what_is_not_a_timestamp() {
        for s in [
            "+262142-12-31T23:59:59+00:00",
            "-262143-01-01T00:00:00+00:00",
            "+10000-01-01T00:00:00+00:00",
            "1969-12-31T23:59:59Z",
            "9999-12-29T00:00:00Z",
            "9999-12-31T23:59:59Z",
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
