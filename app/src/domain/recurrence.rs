//! Recurring series: the rules people can express, their RFC 5545 text, and
//! (on the server) their expansion into occurrences.
//!
//! A series repeats a wall-clock time in the facility's zone, so a 19:00
//! Tuesday meeting is at 19:00 in March and in November. Expansion runs on
//! local date-times (the `rrule` crate, fed floating times) and only then
//! places each occurrence in the zone: a local time that falls in a DST gap
//! is moved forward by the gap (RFC 5545 §3.3.5), one that happens twice is
//! the first.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::i18n::{Message, m};

/// The longest gap between repetitions: "every 99 weeks".
pub const MAX_INTERVAL: u16 = 99;
/// A rule may produce at most [`MAX_PER_YEAR`] occurrences within this
/// long after its first one; more is refused at save time.
pub const CAP_HORIZON_DAYS: i64 = 366;
pub const MAX_PER_YEAR: usize = 400;
/// The most occurrences a rule with a count may have.
pub const MAX_COUNT: u32 = 1000;
/// A series with an end date ends at most this many years after its first
/// date (with [`MAX_PER_YEAR`], no rule walks more than a few thousand
/// dates to find its last one).
pub const MAX_SERIES_YEARS: i32 = 10;

/// The last date an UNTIL may name for a series starting on `first`.
pub fn latest_until(first: NaiveDate) -> NaiveDate {
    first
        .with_year(first.year() + MAX_SERIES_YEARS)
        .unwrap_or_else(|| first + Duration::days(365 * i64::from(MAX_SERIES_YEARS)))
}

/// Which occurrence of a weekday in a month: 1–5, or -1 for the last.
pub type Nth = i8;

/// How a series repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Pattern {
    /// Every `interval` weeks on these days (Monday first, no repeats).
    Weekly { days: Vec<Weekday> },
    /// Every `interval` months on this day (months without it are skipped).
    MonthlyOnDay { day: u8 },
    /// Every `interval` months on the nth (or last) weekday.
    MonthlyOnWeekday { nth: Nth, weekday: Weekday },
    /// Every `interval` years on this date (Feb 29: leap years only).
    YearlyOnDay { month: u8, day: u8 },
    /// Every `interval` years on the nth (or last) weekday of a month
    /// (Thanksgiving: the 4th Thursday of November).
    YearlyOnWeekday {
        month: u8,
        nth: Nth,
        weekday: Weekday,
    },
}

/// When a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum End {
    Never,
    /// The last local date an occurrence may start on (inclusive).
    Until(NaiveDate),
    /// This many occurrences in all.
    Count(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub pattern: Pattern,
    pub interval: u16,
    pub end: End,
}

/// RFC 5545 two-letter weekday codes.
pub fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// Which occurrences of its weekday `date` is within its month: the nth
/// (1–5) and whether it is also the last.
pub fn nth_weekday_of(date: NaiveDate) -> (Nth, bool) {
    let nth = ((date.day() - 1) / 7 + 1) as Nth;
    let is_last = (date + Duration::days(7)).month() != date.month();
    (nth, is_last)
}

impl Rule {
    /// Checks the rule's own numbers (not its occurrences).
    pub fn check(&self) -> Result<(), Message> {
        if self.interval == 0 || self.interval > MAX_INTERVAL {
            return Err(m::repeat_interval_range(MAX_INTERVAL));
        }
        match &self.pattern {
            Pattern::Weekly { days } if days.is_empty() => {
                return Err(m::repeat_days_required());
            }
            Pattern::MonthlyOnDay { day } | Pattern::YearlyOnDay { day, .. }
                if !(1..=31).contains(day) =>
            {
                return Err(m::repeat_month_day_range());
            }
            Pattern::MonthlyOnWeekday { nth, .. } | Pattern::YearlyOnWeekday { nth, .. }
                if !(1..=5).contains(nth) && *nth != -1 =>
            {
                return Err(m::repeat_nth_range());
            }
            Pattern::YearlyOnDay { month, .. } | Pattern::YearlyOnWeekday { month, .. }
                if !(1..=12).contains(month) =>
            {
                return Err(m::repeat_month_range());
            }
            _ => {}
        }
        if let End::Count(n) = self.end
            && !(1..=MAX_COUNT).contains(&n)
        {
            return Err(m::repeat_count_range(MAX_COUNT));
        }
        Ok(())
    }

    /// The RRULE value (without the `RRULE:` name). `until_utc` is the
    /// instant the UNTIL date ends in the event's zone, written in UTC as
    /// RFC 5545 requires when DTSTART has a TZID; all-day series pass
    /// `None` and get a DATE.
    pub fn to_rrule(&self, until_utc: Option<chrono::DateTime<chrono::Utc>>) -> String {
        let mut parts = Vec::new();
        let freq = match self.pattern {
            Pattern::Weekly { .. } => "WEEKLY",
            Pattern::MonthlyOnDay { .. } | Pattern::MonthlyOnWeekday { .. } => "MONTHLY",
            Pattern::YearlyOnDay { .. } | Pattern::YearlyOnWeekday { .. } => "YEARLY",
        };
        parts.push(format!("FREQ={freq}"));
        if self.interval != 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        match self.end {
            End::Never => {}
            End::Count(n) => parts.push(format!("COUNT={n}")),
            End::Until(date) => parts.push(match until_utc {
                Some(instant) => format!("UNTIL={}", instant.format("%Y%m%dT%H%M%SZ")),
                None => format!("UNTIL={}", date.format("%Y%m%d")),
            }),
        }
        match &self.pattern {
            Pattern::Weekly { days } => {
                let codes: Vec<&str> = days.iter().map(|d| weekday_code(*d)).collect();
                parts.push(format!("BYDAY={}", codes.join(",")));
            }
            Pattern::MonthlyOnDay { day } => parts.push(format!("BYMONTHDAY={day}")),
            Pattern::MonthlyOnWeekday { nth, weekday } => {
                parts.push(format!("BYDAY={nth}{}", weekday_code(*weekday)));
            }
            Pattern::YearlyOnDay { month, day } => {
                parts.push(format!("BYMONTH={month}"));
                parts.push(format!("BYMONTHDAY={day}"));
            }
            Pattern::YearlyOnWeekday {
                month,
                nth,
                weekday,
            } => {
                parts.push(format!("BYMONTH={month}"));
                parts.push(format!("BYDAY={nth}{}", weekday_code(*weekday)));
            }
        }
        parts.join(";")
    }

    /// Whether `date` is a date this rule's pattern falls on (ignoring the
    /// interval and the end).
    pub fn matches_pattern(&self, date: NaiveDate) -> bool {
        let weekday_matches = |nth: Nth, weekday: Weekday| {
            let (n, last) = nth_weekday_of(date);
            date.weekday() == weekday && (n == nth || (nth == -1 && last))
        };
        match &self.pattern {
            Pattern::Weekly { days } => days.contains(&date.weekday()),
            Pattern::MonthlyOnDay { day } => date.day() == u32::from(*day),
            Pattern::MonthlyOnWeekday { nth, weekday } => weekday_matches(*nth, *weekday),
            Pattern::YearlyOnDay { month, day } => {
                date.month() == u32::from(*month) && date.day() == u32::from(*day)
            }
            Pattern::YearlyOnWeekday {
                month,
                nth,
                weekday,
            } => date.month() == u32::from(*month) && weekday_matches(*nth, *weekday),
        }
    }
}

/// The ways the event form offers to repeat, derived from the first date
/// (so "monthly on the nth weekday" means the start date's weekday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepeatChoice {
    Never,
    Weekly,
    MonthlyOnDay,
    MonthlyOnNthWeekday,
    MonthlyOnLastWeekday,
    YearlyOnDay,
    YearlyOnNthWeekday,
    YearlyOnLastWeekday,
}

impl RepeatChoice {
    pub const ALL: [RepeatChoice; 8] = [
        RepeatChoice::Never,
        RepeatChoice::Weekly,
        RepeatChoice::MonthlyOnDay,
        RepeatChoice::MonthlyOnNthWeekday,
        RepeatChoice::MonthlyOnLastWeekday,
        RepeatChoice::YearlyOnDay,
        RepeatChoice::YearlyOnNthWeekday,
        RepeatChoice::YearlyOnLastWeekday,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RepeatChoice::Never => "never",
            RepeatChoice::Weekly => "weekly",
            RepeatChoice::MonthlyOnDay => "monthly_day",
            RepeatChoice::MonthlyOnNthWeekday => "monthly_nth",
            RepeatChoice::MonthlyOnLastWeekday => "monthly_last",
            RepeatChoice::YearlyOnDay => "yearly_day",
            RepeatChoice::YearlyOnNthWeekday => "yearly_nth",
            RepeatChoice::YearlyOnLastWeekday => "yearly_last",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == input.trim())
    }

    /// The pattern this choice means for a series starting on `first`.
    /// `days` is used by the weekly choice (the start's weekday if empty).
    pub fn pattern(self, first: NaiveDate, days: &[Weekday]) -> Result<Option<Pattern>, Message> {
        let (nth, is_last) = nth_weekday_of(first);
        let month = first.month() as u8;
        let weekday = first.weekday();
        Ok(Some(match self {
            RepeatChoice::Never => return Ok(None),
            RepeatChoice::Weekly => {
                let mut days: Vec<Weekday> = if days.is_empty() {
                    vec![weekday]
                } else {
                    days.to_vec()
                };
                days.sort_by_key(|d| d.num_days_from_monday());
                days.dedup();
                Pattern::Weekly { days }
            }
            RepeatChoice::MonthlyOnDay => Pattern::MonthlyOnDay {
                day: first.day() as u8,
            },
            RepeatChoice::MonthlyOnNthWeekday => Pattern::MonthlyOnWeekday { nth, weekday },
            RepeatChoice::MonthlyOnLastWeekday | RepeatChoice::YearlyOnLastWeekday if !is_last => {
                return Err(m::repeat_not_last_weekday(
                    first,
                    m::weekday_name(crate::i18n::weekday_key(weekday)),
                ));
            }
            RepeatChoice::MonthlyOnLastWeekday => Pattern::MonthlyOnWeekday { nth: -1, weekday },
            RepeatChoice::YearlyOnDay => Pattern::YearlyOnDay {
                month,
                day: first.day() as u8,
            },
            RepeatChoice::YearlyOnNthWeekday => Pattern::YearlyOnWeekday {
                month,
                nth,
                weekday,
            },
            RepeatChoice::YearlyOnLastWeekday => Pattern::YearlyOnWeekday {
                month,
                nth: -1,
                weekday,
            },
        }))
    }

    /// The choice that describes `rule` (for pre-filling the form).
    pub fn of(rule: &Rule) -> RepeatChoice {
        match rule.pattern {
            Pattern::Weekly { .. } => RepeatChoice::Weekly,
            Pattern::MonthlyOnDay { .. } => RepeatChoice::MonthlyOnDay,
            Pattern::MonthlyOnWeekday { nth: -1, .. } => RepeatChoice::MonthlyOnLastWeekday,
            Pattern::MonthlyOnWeekday { .. } => RepeatChoice::MonthlyOnNthWeekday,
            Pattern::YearlyOnDay { .. } => RepeatChoice::YearlyOnDay,
            Pattern::YearlyOnWeekday { nth: -1, .. } => RepeatChoice::YearlyOnLastWeekday,
            Pattern::YearlyOnWeekday { .. } => RepeatChoice::YearlyOnNthWeekday,
        }
    }
}

/// The local start of the first occurrence on or after `chosen`, searching
/// at most a few years ahead (the pattern alone, ignoring the interval:
/// the first occurrence anchors the interval).
pub fn first_matching(rule: &Rule, chosen: NaiveDateTime) -> Option<NaiveDateTime> {
    (0..366 * 8)
        .map(|d| chosen.date() + Duration::days(d))
        .find(|date| rule.matches_pattern(*date))
        .map(|date| date.and_time(chosen.time()))
}

#[cfg(feature = "ssr")]
pub use expansion::*;

#[cfg(feature = "ssr")]
mod expansion {
    use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc, Weekday};
    use chrono_tz::Tz;
    use rrule::{Frequency, NWeekday, RRule, RRuleSet, Unvalidated};

    use super::{CAP_HORIZON_DAYS, End, MAX_PER_YEAR, Pattern, Rule};
    use crate::i18n::{Message, m};

    /// Places a computed occurrence's local time in `zone`: a time in a DST
    /// gap uses the offset before the gap (so 02:30 becomes 03:30), a
    /// repeated time the first instance (RFC 5545 §3.3.5).
    pub fn place_occurrence(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
        match zone.from_local_datetime(&local) {
            chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
            chrono::LocalResult::None => {
                let before = zone
                    .from_local_datetime(&(local - Duration::hours(6)))
                    .earliest()
                    .map(|t| t.offset().fix())
                    .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("zero offset"));
                (local - before).and_utc()
            }
        }
    }

    /// The last instant of `date` in `zone` (for RRULE's UNTIL).
    pub fn end_of_day(zone: Tz, date: chrono::NaiveDate) -> DateTime<Utc> {
        place_occurrence(zone, date.and_hms_opt(23, 59, 59).expect("valid time"))
    }

    fn to_rrule_weekday(day: Weekday) -> rrule::Weekday {
        day
    }

    /// The rule as an `rrule` set over floating (zone-less) local times,
    /// anchored at `first`.
    fn floating_set(rule: &Rule, first: NaiveDateTime) -> Result<RRuleSet, String> {
        let start = rrule::Tz::UTC.from_utc_datetime(&first);
        let mut r: RRule<Unvalidated> = match &rule.pattern {
            Pattern::Weekly { days } => RRule::new(Frequency::Weekly).by_weekday(
                days.iter()
                    .map(|d| NWeekday::Every(to_rrule_weekday(*d)))
                    .collect(),
            ),
            Pattern::MonthlyOnDay { day } => {
                RRule::new(Frequency::Monthly).by_month_day(vec![*day as i8])
            }
            Pattern::MonthlyOnWeekday { nth, weekday } => RRule::new(Frequency::Monthly)
                .by_weekday(vec![NWeekday::Nth(
                    i16::from(*nth),
                    to_rrule_weekday(*weekday),
                )]),
            Pattern::YearlyOnDay { month, day } => RRule::new(Frequency::Yearly)
                .by_month(&[month_of(*month)])
                .by_month_day(vec![*day as i8]),
            Pattern::YearlyOnWeekday {
                month,
                nth,
                weekday,
            } => RRule::new(Frequency::Yearly)
                .by_month(&[month_of(*month)])
                .by_weekday(vec![NWeekday::Nth(
                    i16::from(*nth),
                    to_rrule_weekday(*weekday),
                )]),
        };
        r = r.interval(rule.interval);
        match rule.end {
            End::Never => {}
            End::Count(n) => r = r.count(n),
            End::Until(date) => {
                let last = date.and_hms_opt(23, 59, 59).expect("valid time");
                r = r.until(rrule::Tz::UTC.from_utc_datetime(&last));
            }
        }
        r.build(start).map_err(|e| e.to_string())
    }

    fn month_of(month: u8) -> chrono::Month {
        chrono::Month::try_from(month).unwrap_or(chrono::Month::January)
    }

    /// Local starts of the series beginning at `first`, from `from`
    /// (inclusive) to `to` (exclusive), in order. Stops after `cap` starts.
    pub fn local_starts(
        rule: &Rule,
        first: NaiveDateTime,
        from: NaiveDateTime,
        to: NaiveDateTime,
        cap: usize,
    ) -> Vec<NaiveDateTime> {
        if let Pattern::Weekly { days } = &rule.pattern {
            return weekly_starts(rule, days, first, from, to, cap);
        }
        let Ok(set) = floating_set(rule, first) else {
            return Vec::new();
        };
        set.into_iter()
            .map(|t| t.naive_utc())
            .skip_while(|t| *t < from)
            .take_while(|t| *t < to)
            .take(cap)
            .collect()
    }

    /// Weekly rules in closed form: jumps straight to the window instead of
    /// walking every week since the first (the month view of a series that
    /// began a year ago would otherwise walk 50 weeks per series). Agrees
    /// with `rrule` (WKST=MO), which a test checks.
    fn weekly_starts(
        rule: &Rule,
        days: &[Weekday],
        first: NaiveDateTime,
        from: NaiveDateTime,
        to: NaiveDateTime,
        cap: usize,
    ) -> Vec<NaiveDateTime> {
        let interval = i64::from(rule.interval.max(1));
        let mut offsets: Vec<i64> = days
            .iter()
            .map(|d| i64::from(d.num_days_from_monday()))
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        if offsets.is_empty() {
            return Vec::new();
        }
        let first_date = first.date();
        let monday =
            first_date - Duration::days(i64::from(first_date.weekday().num_days_from_monday()));
        let in_first_week = offsets
            .iter()
            .filter(|o| monday + Duration::days(**o) >= first_date)
            .count() as u64;
        // The first period (a multiple of the interval, in weeks) that can
        // reach the window, and how many occurrences came before it.
        let weeks_to_window = ((from.date() - monday).num_days().div_euclid(7) - 1).max(0);
        let start_period = weeks_to_window / interval;
        let mut index: u64 = if start_period == 0 {
            0
        } else {
            in_first_week + (start_period as u64 - 1) * offsets.len() as u64
        };
        let (count, until) = match rule.end {
            End::Never => (u64::MAX, None),
            End::Count(n) => (u64::from(n), None),
            End::Until(date) => (u64::MAX, Some(date)),
        };
        let mut out = Vec::new();
        let mut period = start_period;
        loop {
            let week = monday + Duration::weeks(period * interval);
            for offset in &offsets {
                let date = week + Duration::days(*offset);
                if date < first_date {
                    continue;
                }
                if index >= count || until.is_some_and(|u| date > u) {
                    return out;
                }
                index += 1;
                let start = date.and_time(first.time());
                if start >= to {
                    return out;
                }
                if start >= from {
                    out.push(start);
                    if out.len() >= cap {
                        return out;
                    }
                }
            }
            period += 1;
        }
    }

    /// The same as [`local_starts`] through the `rrule` crate, for tests.
    #[cfg(test)]
    pub(crate) fn local_starts_by_rrule(
        rule: &Rule,
        first: NaiveDateTime,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Vec<NaiveDateTime> {
        let Ok(set) = floating_set(rule, first) else {
            return Vec::new();
        };
        set.into_iter()
            .map(|t| t.naive_utc())
            .skip_while(|t| *t < from)
            .take_while(|t| *t < to)
            .collect()
    }

    /// The local start of the last occurrence, if the series ends.
    pub fn last_start(rule: &Rule, first: NaiveDateTime) -> Option<NaiveDateTime> {
        match rule.end {
            End::Never => None,
            End::Count(_) | End::Until(_) => {
                let set = floating_set(rule, first).ok()?;
                set.into_iter().map(|t| t.naive_utc()).last()
            }
        }
    }

    /// Refuses rules that produce nothing, or too much within a year of
    /// the first occurrence.
    pub fn check_occurrences(rule: &Rule, first: NaiveDateTime) -> Result<(), Message> {
        rule.check()?;
        let horizon = first + Duration::days(CAP_HORIZON_DAYS);
        let starts = local_starts(rule, first, first, horizon, MAX_PER_YEAR + 1);
        if starts.is_empty() {
            return Err(m::repeat_produces_nothing());
        }
        if starts.len() > MAX_PER_YEAR {
            return Err(m::repeat_too_often(MAX_PER_YEAR));
        }
        Ok(())
    }

    /// Parses an RRULE value (as the JSON API receives it) into a rule that
    /// the event form can show, for a series whose first occurrence is
    /// `first` in `zone`. Anything the form cannot express is refused with
    /// a message naming the part.
    pub fn parse_rrule(
        text: &str,
        first: NaiveDateTime,
        zone: Tz,
        all_day: bool,
    ) -> Result<Rule, Message> {
        let text = text.trim().trim_start_matches("RRULE:");
        // RFC 5545 writes rules in ASCII; the rrule crate slices its input
        // by bytes and panics inside a multi-byte character (found by
        // fuzzing), so anything else is refused before it gets there.
        if !text.is_ascii() {
            return Err(m::rrule_not_ascii());
        }
        let parsed: RRule<Unvalidated> = text
            .parse()
            .map_err(|e: rrule::RRuleError| m::rrule_unreadable(strip_prefix(&e.to_string())))?;
        let freq = parsed.get_freq();
        match freq {
            Frequency::Secondly | Frequency::Minutely | Frequency::Hourly => {
                return Err(m::rrule_freq_unsupported(freq.to_string()));
            }
            Frequency::Daily => {
                return Err(m::rrule_daily_unsupported());
            }
            _ => {}
        }
        for (name, used) in [
            ("BYHOUR", !parsed.get_by_hour().is_empty()),
            ("BYMINUTE", !parsed.get_by_minute().is_empty()),
            ("BYSECOND", !parsed.get_by_second().is_empty()),
            ("BYYEARDAY", !parsed.get_by_year_day().is_empty()),
            ("BYWEEKNO", !parsed.get_by_week_no().is_empty()),
        ] {
            if used {
                return Err(m::rrule_part_unsupported(name));
            }
        }
        if parsed.get_week_start() != Weekday::Mon {
            return Err(m::rrule_wkst_unsupported());
        }
        if parsed.get_count().is_some() && parsed.get_until().is_some() {
            return Err(m::rrule_count_and_until());
        }
        let end = match (parsed.get_count(), parsed.get_until()) {
            (Some(n), _) => End::Count(n),
            (None, Some(until)) => {
                // UNTIL is an instant (UTC) for timed series and a date for
                // all-day ones; either way it ends on a local date. A bare
                // date on a timed series (which RFC 5545 does not allow, but
                // people write) is that local date, not midnight UTC.
                let date_only = text.split(';').find_map(|part| {
                    let value = part.trim().strip_prefix("UNTIL=")?;
                    (value.len() == 8 && value.chars().all(|c| c.is_ascii_digit()))
                        .then(|| chrono::NaiveDate::parse_from_str(value, "%Y%m%d").ok())
                        .flatten()
                });
                let local = match date_only {
                    Some(date) => date,
                    None if all_day => until.naive_utc().date(),
                    None => until.with_timezone(&zone).date_naive(),
                };
                End::Until(local)
            }
            (None, None) => End::Never,
        };
        let by_month = parsed.get_by_month();
        let by_month_day = parsed.get_by_month_day();
        let by_weekday = parsed.get_by_weekday();
        let by_set_pos = parsed.get_by_set_pos();
        let single = |what: &str, n: usize| {
            if n > 1 {
                Err(m::rrule_only_one(what))
            } else {
                Ok(())
            }
        };
        let nth_weekday = || -> Result<Option<(i8, Weekday)>, Message> {
            single("BYDAY value", by_weekday.len())?;
            single("BYSETPOS value", by_set_pos.len())?;
            Ok(match (by_weekday.first(), by_set_pos.first()) {
                (None, _) => None,
                (Some(NWeekday::Nth(n, day)), None) => Some((*n as i8, *day)),
                (Some(NWeekday::Every(day)), Some(pos)) => Some((*pos as i8, *day)),
                (Some(NWeekday::Every(_)), None) => {
                    return Err(m::rrule_which_weekday());
                }
                (Some(NWeekday::Nth(..)), Some(_)) => {
                    return Err(m::rrule_byday_and_bysetpos());
                }
            })
        };
        let date = first.date();
        let pattern = match freq {
            Frequency::Weekly => {
                if !by_month.is_empty() || !by_month_day.is_empty() || !by_set_pos.is_empty() {
                    return Err(m::rrule_weekly_only_byday());
                }
                let mut days = Vec::new();
                for day in by_weekday {
                    match day {
                        NWeekday::Every(d) => days.push(*d),
                        NWeekday::Nth(..) => {
                            return Err(m::rrule_weekly_plain_days());
                        }
                    }
                }
                if days.is_empty() {
                    days.push(chrono::Datelike::weekday(&date));
                }
                days.sort_by_key(|d| d.num_days_from_monday());
                days.dedup();
                Pattern::Weekly { days }
            }
            Frequency::Monthly => {
                if !by_month.is_empty() {
                    return Err(m::rrule_monthly_no_bymonth());
                }
                single("BYMONTHDAY value", by_month_day.len())?;
                match (by_month_day.first(), nth_weekday()?) {
                    (Some(_), Some(_)) => {
                        return Err(m::rrule_bymonthday_and_byday());
                    }
                    (Some(day), None) if *day > 0 => Pattern::MonthlyOnDay { day: *day as u8 },
                    (Some(_), None) => {
                        return Err(m::rrule_negative_month_day());
                    }
                    (None, Some((nth, weekday))) => Pattern::MonthlyOnWeekday { nth, weekday },
                    (None, None) => Pattern::MonthlyOnDay {
                        day: chrono::Datelike::day(&date) as u8,
                    },
                }
            }
            _ => {
                single("BYMONTH value", by_month.len())?;
                single("BYMONTHDAY value", by_month_day.len())?;
                let month = by_month
                    .first()
                    .copied()
                    .unwrap_or(chrono::Datelike::month(&date) as u8);
                match (by_month_day.first(), nth_weekday()?) {
                    (Some(_), Some(_)) => {
                        return Err(m::rrule_bymonthday_and_byday());
                    }
                    (Some(day), None) if *day > 0 => Pattern::YearlyOnDay {
                        month,
                        day: *day as u8,
                    },
                    (Some(_), None) => {
                        return Err(m::rrule_negative_month_day());
                    }
                    (None, Some((nth, weekday))) => Pattern::YearlyOnWeekday {
                        month,
                        nth,
                        weekday,
                    },
                    (None, None) => Pattern::YearlyOnDay {
                        month,
                        day: chrono::Datelike::day(&date) as u8,
                    },
                }
            }
        };
        let rule = Rule {
            pattern,
            interval: parsed.get_interval(),
            end,
        };
        rule.check()?;
        Ok(rule)
    }

    fn strip_prefix(message: &str) -> &str {
        message
            .trim_start_matches("RRule parsing error: ")
            .trim_start_matches("RRule validation error: ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn weekly(days: &[Weekday], interval: u16, end: End) -> Rule {
        Rule {
            pattern: Pattern::Weekly {
                days: days.to_vec(),
            },
            interval,
            end,
        }
    }

    #[test]
    fn a_rule_that_is_not_ascii_is_refused_before_the_rrule_crate_sees_it() {
        let first = at("2027-01-08 19:00");
        let zone = chrono_tz::America::New_York;
        let err = parse_rrule("FREQ=WEEKLY;BYDAY=\u{fffd}FR", first, zone, false).unwrap_err();
        assert_eq!(err.id, crate::i18n::MsgId::RruleNotAscii);
        assert!(parse_rrule("FREQ=WEEKLY;BYDAY=FR", first, zone, false).is_ok());
    }

    #[test]
    fn rules_render_as_rfc5545_text() {
        let rule = weekly(&[Weekday::Tue, Weekday::Thu], 2, End::Count(10));
        assert_eq!(
            rule.to_rrule(None),
            "FREQ=WEEKLY;INTERVAL=2;COUNT=10;BYDAY=TU,TH"
        );
        let last_friday = Rule {
            pattern: Pattern::MonthlyOnWeekday {
                nth: -1,
                weekday: Weekday::Fri,
            },
            interval: 1,
            end: End::Until(date("2027-06-30")),
        };
        assert_eq!(
            last_friday.to_rrule(None),
            "FREQ=MONTHLY;UNTIL=20270630;BYDAY=-1FR"
        );
        let thanksgiving = Rule {
            pattern: Pattern::YearlyOnWeekday {
                month: 11,
                nth: 4,
                weekday: Weekday::Thu,
            },
            interval: 1,
            end: End::Never,
        };
        assert_eq!(
            thanksgiving.to_rrule(None),
            "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"
        );
    }

    #[test]
    fn the_nth_weekday_of_a_date_is_known_and_so_is_the_last() {
        assert_eq!(nth_weekday_of(date("2026-12-25")), (4, true)); // last Friday
        assert_eq!(nth_weekday_of(date("2026-12-01")), (1, false));
        assert_eq!(nth_weekday_of(date("2026-12-29")), (5, true));
        assert_eq!(nth_weekday_of(date("2026-11-26")), (4, true)); // Thanksgiving 2026
    }

    #[test]
    fn repeat_choices_follow_the_start_date() {
        let start = date("2026-11-26"); // 4th and last Thursday of November
        assert_eq!(
            RepeatChoice::YearlyOnNthWeekday
                .pattern(start, &[])
                .unwrap(),
            Some(Pattern::YearlyOnWeekday {
                month: 11,
                nth: 4,
                weekday: Weekday::Thu
            })
        );
        assert!(
            RepeatChoice::MonthlyOnLastWeekday
                .pattern(date("2026-12-01"), &[])
                .is_err()
        );
        assert_eq!(
            RepeatChoice::Weekly
                .pattern(start, &[Weekday::Fri, Weekday::Mon, Weekday::Fri])
                .unwrap(),
            Some(Pattern::Weekly {
                days: vec![Weekday::Mon, Weekday::Fri]
            })
        );
        assert_eq!(RepeatChoice::Never.pattern(start, &[]).unwrap(), None);
    }

    #[test]
    fn a_series_starts_on_the_first_date_its_pattern_matches() {
        let rule = weekly(&[Weekday::Tue], 1, End::Never);
        // Monday the 7th → Tuesday the 8th.
        assert_eq!(
            first_matching(&rule, at("2026-12-07 19:00")),
            Some(at("2026-12-08 19:00"))
        );
        let leap = Rule {
            pattern: Pattern::YearlyOnDay { month: 2, day: 29 },
            interval: 1,
            end: End::Never,
        };
        assert_eq!(
            first_matching(&leap, at("2026-03-01 10:00")),
            Some(at("2028-02-29 10:00"))
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn weekly_rules_in_closed_form_agree_with_rrule() {
        let all = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ];
        let mut seed: u64 = 0x5eed;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..500 {
            let days: Vec<Weekday> = all.iter().copied().filter(|_| next(3) == 0).collect();
            let days = if days.is_empty() {
                vec![all[next(7) as usize]]
            } else {
                days
            };
            let end = match next(3) {
                0 => End::Never,
                1 => End::Count(1 + next(40) as u32),
                _ => End::Until(date("2026-01-01") + Duration::days(next(900) as i64)),
            };
            let rule = weekly(&days, 1 + next(4) as u16, end);
            let first = at("2026-01-01 19:00") + Duration::days(next(120) as i64);
            let from = first - Duration::days(30) + Duration::days(next(600) as i64);
            let to = from + Duration::days(1 + next(90) as i64);
            assert_eq!(
                local_starts(&rule, first, from, to, usize::MAX),
                local_starts_by_rrule(&rule, first, from, to),
                "{} from {first} in [{from}, {to})",
                rule.to_rrule(None)
            );
        }
    }

    #[test]
    fn bad_numbers_are_refused() {
        assert!(weekly(&[], 1, End::Never).check().is_err());
        assert!(weekly(&[Weekday::Mon], 0, End::Never).check().is_err());
        assert!(weekly(&[Weekday::Mon], 100, End::Never).check().is_err());
        assert!(weekly(&[Weekday::Mon], 1, End::Count(0)).check().is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_bare_until_date_on_a_timed_series_is_that_local_date() {
        let first = at("2027-02-02 19:00");
        let zone = chrono_tz::America::New_York;
        let bare = parse_rrule("FREQ=WEEKLY;BYDAY=TU;UNTIL=20271228", first, zone, false);
        assert_eq!(bare.map(|r| r.end), Ok(End::Until(date("2027-12-28"))));
        // The RFC 5545 form: the end of that day in New York, in UTC.
        let utc = parse_rrule(
            "FREQ=WEEKLY;BYDAY=TU;UNTIL=20271229T045959Z",
            first,
            zone,
            false,
        );
        assert_eq!(utc.map(|r| r.end), Ok(End::Until(date("2027-12-28"))));
    }
}
