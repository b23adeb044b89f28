//! Times of day for people: a [`Zone`], the local one (`TZ`, else `/etc/localtime`) or
//! UTC (`--utc`), always naming itself (`17:32:24 CET`). Machine output (RFC 3339, JSON)
//! never passes through here. The zone is a value handed to whoever shows a time or reads
//! a typed date; nothing here remembers one.

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, Offset as _, Utc};
use jiff::tz::{AmbiguousOffset, TimeZone};

use crate::model::Timestamp;

/// The zone human output shows times in, and typed dates (`--since 2026-11-28`,
/// `today`) are read in: chosen by `output` from `--utc` and the environment, carried in
/// a [`Style`](super::Style). As a `chrono::TimeZone` it stands where chrono's `Local`
/// would, so that the dates one reads and the times one sees come from the same zone.
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
    pub fn clock(&self, t: DateTime<Utc>) -> String {
        format_in(t, self.tz(), "%H:%M:%S")
    }

    /// `17:32:24 CET` when `t` falls on the same day as `now` in this zone, else
    /// `2026-11-28 17:32 CET`: a time in a table column, short where it can be.
    pub fn moment(&self, t: &Timestamp, now: DateTime<Utc>) -> String {
        let t = t.to_utc();
        let day = |t: DateTime<Utc>| local(t, self.tz()).0.date_naive();
        match day(t) == day(now) {
            true => format_in(t, self.tz(), "%H:%M:%S"),
            false => format_in(t, self.tz(), "%Y-%m-%d %H:%M"),
        }
    }

    /// The offset at `t` and the zone's name then (`CET`, `UTC`, `+05:30`): for a
    /// picture whose labels are all in one zone.
    pub fn at(&self, t: DateTime<Utc>) -> (FixedOffset, String) {
        let (local, name) = local(t, self.tz());
        (*local.offset(), name)
    }

    /// The offset at the instant `t` (seconds since the epoch, UTC).
    fn offset_at(&self, t: &NaiveDateTime) -> FixedOffset {
        let seconds = t.and_utc().timestamp();
        jiff::Timestamp::from_second(seconds)
            .ok()
            .and_then(|ts| fixed(self.tz().to_offset(ts)))
            .unwrap_or(Utc.fix())
    }
}

/// What chrono's generic date code (`with_timezone`, `from_local_datetime`) needs: the
/// offsets come from jiff's zone, so a typed date and a shown time never disagree.
impl chrono::TimeZone for Zone {
    type Offset = FixedOffset;

    fn from_offset(offset: &FixedOffset) -> Zone {
        let offset = jiff::tz::Offset::from_seconds(offset.local_minus_utc())
            .unwrap_or(jiff::tz::Offset::UTC);
        Zone::new(TimeZone::fixed(offset))
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<FixedOffset> {
        match local.and_hms_opt(0, 0, 0) {
            Some(midnight) => self.offset_from_local_datetime(&midnight),
            None => MappedLocalTime::None,
        }
    }

    /// One offset, two in an hour the clocks repeat, none in one they skip (as `Local`).
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<FixedOffset> {
        let Some(civil) = civil(local) else {
            return MappedLocalTime::None;
        };
        let mapped = match self.tz().to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => fixed(offset).map(MappedLocalTime::Single),
            AmbiguousOffset::Fold { before, after } => fixed(before)
                .zip(fixed(after))
                .map(|(before, after)| MappedLocalTime::Ambiguous(before, after)),
            AmbiguousOffset::Gap { .. } => None,
        };
        mapped.unwrap_or(MappedLocalTime::None)
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> FixedOffset {
        utc.and_hms_opt(0, 0, 0)
            .map(|t| self.offset_at(&t))
            .unwrap_or(Utc.fix())
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
        self.offset_at(utc)
    }
}

fn fixed(offset: jiff::tz::Offset) -> Option<FixedOffset> {
    FixedOffset::east_opt(offset.seconds())
}

/// chrono's naive date-time as jiff's civil one, to the second.
fn civil(t: &NaiveDateTime) -> Option<jiff::civil::DateTime> {
    use chrono::{Datelike, Timelike};
    let year = i16::try_from(t.year()).ok()?;
    jiff::civil::DateTime::new(
        year,
        t.month() as i8,
        t.day() as i8,
        t.hour() as i8,
        t.minute() as i8,
        t.second() as i8,
        0,
    )
    .ok()
}

/// `t` formatted with `fmt` in `tz`, then the zone's abbreviation (`CET`, `CEST`, `UTC`),
/// or its offset (`+05:30`) where the zone has none.
fn format_in(t: DateTime<Utc>, tz: &TimeZone, fmt: &str) -> String {
    let (local, name) = local(t, tz);
    format!("{} {name}", local.format(fmt))
}

/// `t` at the offset `tz` has then, and the zone's name for that moment.
fn local(t: DateTime<Utc>, tz: &TimeZone) -> (DateTime<FixedOffset>, String) {
    let utc = || (t.fixed_offset(), "UTC".to_owned());
    let Ok(ts) = jiff::Timestamp::new(t.timestamp(), 0) else {
        return utc();
    };
    let info = tz.to_offset_info(ts);
    let Some(offset) = FixedOffset::east_opt(info.offset().seconds()) else {
        return utc();
    };
    let local = t.with_timezone(&offset);
    let abbreviation = info.abbreviation();
    // POSIX zones without a name abbreviate as a number (`+0530`, `-03`): show the offset
    // in the form RFC 3339 uses instead.
    let name = if abbreviation.chars().all(|c| c.is_ascii_alphabetic()) && !abbreviation.is_empty()
    {
        abbreviation.to_owned()
    } else {
        local.format("%:z").to_string()
    };
    (local, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_timestamp;
    use chrono::TimeZone as _;

    fn prague() -> TimeZone {
        TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        parse_timestamp(s).unwrap().to_utc()
    }

    fn date_time_in(t: DateTime<Utc>, tz: &TimeZone) -> String {
        Zone::new(tz.clone()).date_time(&t.fixed_offset())
    }

    fn moment_in(t: DateTime<Utc>, now: DateTime<Utc>, tz: &TimeZone) -> String {
        Zone::new(tz.clone()).moment(&t.fixed_offset(), now)
    }

    fn naive(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
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
        let at = |s: &str| zone.from_local_datetime(&naive(s)).map(|t| t.to_rfc3339());
        assert_eq!(
            at("2026-11-28 00:00"),
            MappedLocalTime::Single("2026-11-28T00:00:00+01:00".into())
        );
        assert_eq!(
            at("2026-07-01 00:00"),
            MappedLocalTime::Single("2026-07-01T00:00:00+02:00".into())
        );
        // The hour skipped in spring does not exist; the one repeated in autumn is two.
        assert_eq!(at("2026-03-29 02:30"), MappedLocalTime::None);
        assert_eq!(
            at("2026-10-25 02:30"),
            MappedLocalTime::Ambiguous(
                "2026-10-25T02:30:00+02:00".into(),
                "2026-10-25T02:30:00+01:00".into()
            )
        );
        let winter = utc("2026-11-29T23:30:00Z");
        assert_eq!(
            winter.with_timezone(&zone).to_rfc3339(),
            "2026-11-30T00:30:00+01:00"
        );
        assert_eq!(
            winter.with_timezone(&Zone::utc()).to_rfc3339(),
            "2026-11-29T23:30:00+00:00"
        );
        assert_eq!(zone.at(winter).1, "CET");
        assert_eq!(zone.at(winter).0.local_minus_utc(), 3600);
    }
}
