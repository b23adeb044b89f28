//! Times of day for people: a [`Zone`], the local one (`TZ`, else `/etc/localtime`) or
//! UTC (`--utc`), always naming itself (`17:32:24 CET`). Machine output (RFC 3339, JSON)
//! never passes through here. The zone is a value handed to whoever shows a time or reads
//! a typed date; nothing here remembers one.

use std::sync::OnceLock;

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};

use crate::model::{Timestamp, offset_text};

/// The zone human output shows times in, and typed dates (`--since 2026-11-28`,
/// `today`) are read in: chosen by `output` from `--utc` and the environment, carried in
/// a [`Style`](super::Style). Dates one types are read with the offsets the times one
/// sees are shown with: both come from the same jiff zone.
#[derive(Debug, Clone)]
pub struct Zone {
    /// Set when the value is made, except the local zone's: that is read on first use,
    /// since finding it (`TZ`, `/etc/localtime`, the zone files: 2 ms in a debug build)
    /// is a cost that output without a time of day (JSON, a pipe) need not pay.
    tz: OnceLock<TimeZone>,
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::new(TimeZone::UTC)
    }

    /// The machine's zone: `TZ`, else the system's (UTC when neither can be read).
    pub fn local() -> Zone {
        Zone {
            tz: OnceLock::new(),
        }
    }

    /// UTC with `--utc`, else the local zone.
    pub fn chosen(utc: bool) -> Zone {
        match utc {
            true => Zone::utc(),
            false => Zone::local(),
        }
    }

    /// Any zone, for a fixed picture (tests, a zone named elsewhere).
    pub fn new(tz: TimeZone) -> Zone {
        Zone {
            tz: OnceLock::from(tz),
        }
    }

    fn tz(&self) -> &TimeZone {
        self.tz.get_or_init(TimeZone::system)
    }

    /// `2026-11-29 17:32:24 CET`: a date and time.
    pub fn date_time(&self, t: &Timestamp) -> String {
        format_in(t.to_utc(), self.tz(), "%Y-%m-%d %H:%M:%S")
    }

    /// `17:32:24 CET`: a time of day.
    pub fn clock(&self, t: jiff::Timestamp) -> String {
        format_in(t, self.tz(), "%H:%M:%S")
    }

    /// `17:32:24 CET` when `t` falls on the same day as `now` in this zone, else
    /// `2026-11-28 17:32 CET`: a time in a table column, short where it can be.
    pub fn moment(&self, t: &Timestamp, now: jiff::Timestamp) -> String {
        let t = t.to_utc();
        let day = |t: jiff::Timestamp| self.civil(t).date();
        match day(t) == day(now) {
            true => format_in(t, self.tz(), "%H:%M:%S"),
            false => format_in(t, self.tz(), "%Y-%m-%d %H:%M"),
        }
    }

    /// The offset at `t` and the zone's name then (`CET`, `UTC`, `+05:30`): for a
    /// picture whose labels are all in one zone.
    pub fn at(&self, t: jiff::Timestamp) -> (Offset, String) {
        local(t, self.tz())
    }

    /// The date and time on this zone's clocks at `t`.
    pub fn civil(&self, t: jiff::Timestamp) -> DateTime {
        self.tz().to_offset(t).to_datetime(t)
    }

    /// The instant a date and time on this zone's clocks names: the earlier of the two in
    /// an hour the clocks repeat, none in one they skip.
    pub fn earliest(&self, local: DateTime) -> Option<jiff::Timestamp> {
        let offset = match self.tz().to_ambiguous_timestamp(local).offset() {
            AmbiguousOffset::Unambiguous { offset } => offset,
            AmbiguousOffset::Fold { before, .. } => before,
            AmbiguousOffset::Gap { .. } => return None,
        };
        offset.to_timestamp(local).ok()
    }
}

/// `t` formatted with `fmt` in `tz`, then the zone's abbreviation (`CET`, `CEST`, `UTC`),
/// or its offset (`+05:30`) where the zone has none.
fn format_in(t: jiff::Timestamp, tz: &TimeZone, fmt: &str) -> String {
    let (offset, name) = local(t, tz);
    format!("{} {name}", offset.to_datetime(t).strftime(fmt))
}

/// The offset `tz` has at `t`, and the zone's name for that moment.
fn local(t: jiff::Timestamp, tz: &TimeZone) -> (Offset, String) {
    let info = tz.to_offset_info(t);
    let abbreviation = info.abbreviation();
    // POSIX zones without a name abbreviate as a number (`+0530`, `-03`): show the offset
    // in the form RFC 3339 uses instead.
    let name = if abbreviation.chars().all(|c| c.is_ascii_alphabetic()) && !abbreviation.is_empty()
    {
        abbreviation.to_owned()
    } else {
        offset_text(info.offset())
    };
    (info.offset(), name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_timestamp;

    fn prague() -> TimeZone {
        TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    fn utc(s: &str) -> jiff::Timestamp {
        parse_timestamp(s).unwrap().to_utc()
    }

    fn date_time_in(t: jiff::Timestamp, tz: &TimeZone) -> String {
        Zone::new(tz.clone()).date_time(&at_utc(t))
    }

    fn moment_in(t: jiff::Timestamp, now: jiff::Timestamp, tz: &TimeZone) -> String {
        Zone::new(tz.clone()).moment(&at_utc(t), now)
    }

    fn at_utc(t: jiff::Timestamp) -> Timestamp {
        parse_timestamp(&crate::model::rfc3339(t)).unwrap()
    }

    fn naive(s: &str) -> DateTime {
        DateTime::strptime("%Y-%m-%d %H:%M", s).unwrap()
    }

    #[test]
    fn times_name_their_zone_and_follow_summer_time() {
        let winter = utc("2026-11-29T16:32:24Z");
        assert_eq!(date_time_in(winter, &prague()), "2026-11-29 17:32:24 CET");
        let summer = utc("2026-07-01T16:32:24+0100");
        assert_eq!(date_time_in(summer, &prague()), "2026-07-01 17:32:24 CEST");
        assert_eq!(
            date_time_in(winter, &TimeZone::UTC),
            "2026-11-29 16:32:24 UTC"
        );
    }

    #[test]
    fn a_zone_without_a_name_shows_its_offset() {
        let india = TimeZone::posix("<+0530>-5:30").unwrap();
        let t = utc("2026-11-29T16:32:24Z");
        assert_eq!(date_time_in(t, &india), "2026-11-29 22:02:24 +05:30");
    }

    #[test]
    fn a_moment_of_today_is_a_time_of_day_else_it_has_a_date() {
        let now = utc("2026-11-29T22:00:00Z"); // 23:00 CET
        let today = utc("2026-11-28T23:30:00Z"); // 00:30 CET, the same local day
        let yesterday = utc("2026-11-28T22:30:00Z"); // 23:30 CET the day before
        assert_eq!(moment_in(today, now, &prague()), "00:30:00 CET");
        assert_eq!(moment_in(yesterday, now, &prague()), "2026-11-28 23:30 CET");
        // In UTC both are on the day before `now`'s.
        assert_eq!(
            moment_in(today, now, &TimeZone::UTC),
            "2026-11-28 23:30 UTC"
        );
    }

    #[test]
    fn typed_times_are_read_with_the_offsets_the_zone_shows() {
        let zone = Zone::new(prague());
        let at = |s: &str| zone.earliest(naive(s)).map(crate::model::rfc3339);
        assert_eq!(at("2026-11-28 00:00").unwrap(), "2026-11-27T23:00:00+00:00");
        assert_eq!(at("2026-07-01 00:00").unwrap(), "2026-06-30T22:00:00+00:00");
        // The hour skipped in spring does not exist; of the two the autumn one repeats,
        // the earlier (still at +02:00).
        assert_eq!(at("2026-03-29 02:30"), None);
        assert_eq!(at("2026-10-25 02:30").unwrap(), "2026-10-25T00:30:00+00:00");
        let winter = utc("2026-11-29T23:30:00Z");
        assert_eq!(zone.civil(winter).to_string(), "2026-11-30T00:30:00");
        assert_eq!(Zone::utc().civil(winter).to_string(), "2026-11-29T23:30:00");
        assert_eq!(zone.at(winter).1, "CET");
        assert_eq!(zone.at(winter).0.seconds(), 3600);
    }
}
