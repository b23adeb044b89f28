//! Times of day for people: in the local zone (`TZ`, else `/etc/localtime`) or in UTC
//! (`--utc`), always naming the zone (`17:32:24 CET`). Machine output (RFC 3339, JSON)
//! never passes through here.

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, Utc};
use jiff::tz::TimeZone;

use crate::model::Timestamp;

/// The zone human output shows times in, chosen once at start-up ([`set_utc`]); like the
/// local zone itself, it is a fact of the process, not of one renderer.
static ZONE: OnceLock<TimeZone> = OnceLock::new();

/// Shows times in UTC instead of the local zone. The first call wins; without one, the
/// local zone is used.
pub fn set_utc(utc: bool) {
    if utc {
        let _ = ZONE.set(TimeZone::UTC);
    }
}

/// Whether times are shown in UTC (`--utc`): then dates typed on the command line
/// (`--since 2026-11-28`, `today`) are read in UTC too, not in the local zone.
pub fn is_utc() -> bool {
    ZONE.get().is_some_and(|z| *z == TimeZone::UTC)
}

/// The display zone; unit tests draw in UTC whatever the machine's zone (the binary's
/// tests set `TZ`).
fn zone() -> &'static TimeZone {
    match cfg!(test) {
        true => ZONE.get_or_init(|| TimeZone::UTC),
        false => ZONE.get_or_init(TimeZone::system),
    }
}

/// `2026-11-29 17:32:24 CET`: a date and time in the display zone.
pub fn date_time(t: &Timestamp) -> String {
    date_time_in(t.to_utc(), zone())
}

/// `17:32:24 CET`: a time of day in the display zone.
pub fn clock(t: DateTime<Utc>) -> String {
    format_in(t, zone(), "%H:%M:%S")
}

/// `17:32:24 CET` when `t` falls on the same day as `now` in the display zone, else
/// `2026-11-28 17:32 CET`: a time in a table column, short where it can be.
pub fn moment(t: &Timestamp, now: DateTime<Utc>) -> String {
    moment_in(t.to_utc(), now, zone())
}

/// The display zone's offset at `t` and its name then (`CET`, `UTC`, `+05:30`): for a
/// picture whose labels are all in one zone.
pub fn zone_at(t: DateTime<Utc>) -> (FixedOffset, String) {
    let (local, name) = local(t, zone());
    (*local.offset(), name)
}

pub(super) fn date_time_in(t: DateTime<Utc>, tz: &TimeZone) -> String {
    format_in(t, tz, "%Y-%m-%d %H:%M:%S")
}

pub(super) fn moment_in(t: DateTime<Utc>, now: DateTime<Utc>, tz: &TimeZone) -> String {
    let day = |t: DateTime<Utc>| local(t, tz).0.date_naive();
    if day(t) == day(now) {
        format_in(t, tz, "%H:%M:%S")
    } else {
        format_in(t, tz, "%Y-%m-%d %H:%M")
    }
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

    fn prague() -> TimeZone {
        TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        parse_timestamp(s).unwrap().to_utc()
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
}
