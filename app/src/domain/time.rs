//! Wall-clock time in a facility's IANA zone, and the strict parsing of the
//! dates and times people type.
//!
//! Events are planned in local time ("19:00 on Tuesday"); the instant is
//! derived from the zone. A local time that does not exist (the hour skipped
//! when clocks spring forward) is refused; one that happens twice (the hour
//! repeated in autumn) resolves to the first instance and says so.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::i18n::{Message, m};

/// What the facility's wall clock showed at `at`. The server converts
/// instants this way before a page shows them, so the browser's bundle
/// needs no time zone database (UTC for a zone it does not know).
pub fn on_wall(zone: &str, at: DateTime<Utc>) -> NaiveDateTime {
    let zone = zone.trim().parse::<Tz>().unwrap_or(Tz::UTC);
    at.with_timezone(&zone).naive_local()
}

/// The earliest and latest years Hearth accepts in dates typed by people.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

/// A local time placed on the time line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub utc: DateTime<Utc>,
    /// The local time happened twice; `utc` is the first of the two.
    pub ambiguous: bool,
}

/// Why a local time could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonexistentLocalTime {
    pub local: NaiveDateTime,
    pub zone: String,
}

impl NonexistentLocalTime {
    pub fn message(&self) -> Message {
        m::time_does_not_exist(self.local.time(), self.local.date(), &self.zone)
    }
}

impl std::fmt::Display for NonexistentLocalTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

/// Places a wall-clock time in `zone`.
pub fn place(zone: Tz, local: NaiveDateTime) -> Result<Placed, NonexistentLocalTime> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(Placed {
            utc: t.with_timezone(&Utc),
            ambiguous: false,
        }),
        LocalResult::Ambiguous(first, _) => Ok(Placed {
            utc: first.with_timezone(&Utc),
            ambiguous: true,
        }),
        LocalResult::None => Err(NonexistentLocalTime {
            local,
            zone: zone.name().to_owned(),
        }),
    }
}

/// The instant a local calendar day begins in `zone`. Midnight itself is
/// skipped in a few zones on their DST day; the day then begins at the first
/// local time that exists.
pub fn start_of_day(zone: Tz, day: NaiveDate) -> DateTime<Utc> {
    let mut local = day.and_time(NaiveTime::MIN);
    // A DST gap is at most a few hours long; step until the time exists.
    for _ in 0..24 * 4 {
        if let Ok(placed) = place(zone, local) {
            return placed.utc;
        }
        local += chrono::Duration::minutes(15);
    }
    // Unreachable for real zones; fall back to treating the day as UTC.
    day.and_time(NaiveTime::MIN).and_utc()
}

/// Parses an IANA zone name such as `America/New_York`.
pub fn parse_zone(name: &str) -> Result<Tz, Message> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| m::time_zone_unknown(name))
}

/// Parses `YYYY-MM-DD`, telling apart text that is not a date at all from a
/// well-formed date that is not on the calendar (such as 2026-02-30).
pub fn parse_date(input: &str) -> Result<NaiveDate, Message> {
    let input = input.trim();
    let malformed = || m::time_date_malformed(input);
    let mut parts = input.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed());
    };
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return Err(malformed());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(malformed());
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(m::time_date_not_on_calendar(input));
    }
    let date =
        NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| m::time_date_not_on_calendar(input))?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&y) {
        return Err(m::time_date_out_of_range(FIRST_YEAR, LAST_YEAR));
    }
    Ok(date)
}

/// Parses `HH:MM` (24-hour), also accepting the `HH:MM:SS` some browsers send.
pub fn parse_time(input: &str) -> Result<NaiveTime, Message> {
    let input = input.trim();
    NaiveTime::parse_from_str(input, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(input, "%H:%M:%S"))
        .map_err(|_| m::time_malformed(input))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::London;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn an_ordinary_time_is_placed_exactly() {
        let p = place(New_York, local("2026-07-07 19:00")).unwrap();
        assert_eq!(p.utc.to_rfc3339(), "2026-07-07T23:00:00+00:00");
        assert!(!p.ambiguous);
    }

    #[test]
    fn a_time_in_the_spring_gap_is_refused() {
        let err = place(New_York, local("2026-03-08 02:30")).unwrap_err();
        assert!(
            err.to_string()
                .contains("does not exist in America/New_York")
        );
        assert!(place(London, local("2026-03-29 01:30")).is_err());
    }

    #[test]
    fn a_repeated_autumn_time_resolves_to_the_first_instance() {
        let p = place(New_York, local("2026-11-01 01:30")).unwrap();
        assert!(p.ambiguous);
        // First 01:30 is still EDT (UTC-4).
        assert_eq!(p.utc.to_rfc3339(), "2026-11-01T05:30:00+00:00");
        let p = place(London, local("2026-10-25 01:30")).unwrap();
        assert!(p.ambiguous);
        assert_eq!(p.utc.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    }

    #[test]
    fn start_of_day_steps_over_a_midnight_gap() {
        // Santiago springs forward at 24:00 -> 01:00 in September.
        let zone = chrono_tz::America::Santiago;
        let day = NaiveDate::from_ymd_opt(2026, 9, 6).unwrap();
        let start = start_of_day(zone, day);
        assert_eq!(
            start.with_timezone(&zone).format("%H:%M").to_string(),
            "01:00"
        );
    }

    #[test]
    fn dates_that_are_not_on_the_calendar_are_told_apart_from_garbage() {
        assert_eq!(
            parse_date("2026-02-30").unwrap_err().to_string(),
            "2026-02-30 is not a date on the calendar."
        );
        assert_eq!(
            parse_date("2027-02-29").unwrap_err().to_string(),
            "2027-02-29 is not a date on the calendar."
        );
        assert!(parse_date("2028-02-29").is_ok());
        assert!(
            parse_date("2026-13-01")
                .unwrap_err()
                .to_string()
                .contains("not a date on the calendar")
        );
        assert!(
            parse_date("tomorrow")
                .unwrap_err()
                .to_string()
                .starts_with("Enter the date")
        );
        assert!(
            parse_date("26-1-1")
                .unwrap_err()
                .to_string()
                .starts_with("Enter the date")
        );
        assert!(
            parse_date("1999-12-31")
                .unwrap_err()
                .to_string()
                .contains("between")
        );
    }

    #[test]
    fn times_accept_minutes_and_seconds_forms() {
        assert_eq!(
            parse_time("19:00").unwrap(),
            NaiveTime::from_hms_opt(19, 0, 0).unwrap()
        );
        assert_eq!(
            parse_time("07:05:00").unwrap(),
            NaiveTime::from_hms_opt(7, 5, 0).unwrap()
        );
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("7pm").is_err());
    }

    #[test]
    fn zone_names_are_iana_names() {
        assert_eq!(parse_zone("Europe/London").unwrap(), London);
        assert!(parse_zone("EST5EDTX").is_err());
    }
}
