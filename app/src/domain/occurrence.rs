//! Occurrences: the dated instances of an event, and the changes made to
//! single ones (skipped, cancelled, moved or retitled).

use crate::i18n::{Message, m};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::event::{Audience, EventId, EventKind, EventStatus, Schedule};

/// An occurrence's identity: its original start instant in UTC, written
/// like an iCalendar RECURRENCE-ID (`20261208T000000Z`). A moved
/// occurrence keeps its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct OccurrenceKey(pub DateTime<Utc>);

impl OccurrenceKey {
    pub fn parse(text: &str) -> Result<Self, Message> {
        NaiveDateTime::parse_from_str(text.trim(), "%Y%m%dT%H%M%SZ")
            .map(|t| OccurrenceKey(t.and_utc()))
            .map_err(|_| m::occurrence_key_invalid(text))
    }
}

impl std::fmt::Display for OccurrenceKey {
    /// `%Y%m%dT%H%M%SZ`, written out by hand: every chip of a calendar
    /// page links to its date, and chrono's format string is parsed again
    /// on each call (a twentieth of a month page's time in a profile).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use chrono::{Datelike, Timelike};
        let t = self.0;
        write!(
            f,
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

impl From<OccurrenceKey> for String {
    fn from(key: OccurrenceKey) -> Self {
        key.to_string()
    }
}

impl TryFrom<String> for OccurrenceKey {
    type Error = Message;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        OccurrenceKey::parse(&value)
    }
}

/// One occurrence as a route names it: the `{id}` and `{key}` of
/// `/events/{id}/occurrences/{key}`, for the pages' server functions and
/// the JSON API alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OccurrenceRef {
    pub event_id: EventId,
    pub key: OccurrenceKey,
}

/// Why a route's occurrence was refused: its key is not an occurrence key.
/// Refused as the `key` field (`422`), except where the request only looks
/// the occurrence up: there it is `404`, like any occurrence that is not
/// there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadOccurrenceKey(pub Message);

impl OccurrenceRef {
    /// Reads the pair. Any event id is taken as it comes (an id no event
    /// has is not found by the lookup that follows); the key must be a UTC
    /// start such as `20261208T000000Z`.
    pub fn parse(event_id: i64, key: &str) -> Result<Self, BadOccurrenceKey> {
        Ok(OccurrenceRef {
            event_id: EventId(event_id),
            key: OccurrenceKey::parse(key).map_err(BadOccurrenceKey)?,
        })
    }
}

/// What happened to a single occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Taken off the calendar (an EXDATE): it is not shown at all.
    Skipped,
    /// Called off: still shown, marked cancelled.
    Cancelled,
    /// Still on, with other times or details.
    Changed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Skipped => "skipped",
            ChangeKind::Cancelled => "cancelled",
            ChangeKind::Changed => "changed",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        match input {
            "skipped" => Some(ChangeKind::Skipped),
            "cancelled" => Some(ChangeKind::Cancelled),
            "changed" => Some(ChangeKind::Changed),
            _ => None,
        }
    }
}

/// A stored change to one occurrence of a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrenceChange {
    pub key: OccurrenceKey,
    pub kind: ChangeKind,
    /// New times, when moved.
    pub moved: Option<Moved>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    /// Bumped on every change (iCalendar SEQUENCE of the override).
    pub sequence: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub schedule: Schedule,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// A change asked of one occurrence: new times, title, location or
/// description, or a new status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrencePatch {
    pub schedule: Option<super::event::Schedule>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    /// `Cancelled` calls it off, `Skipped` takes it off the calendar,
    /// `Changed` (with nothing else) restores a cancelled one.
    pub status: Option<ChangeKind>,
}

/// One dated instance of an event, as calendars show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub event_id: EventId,
    pub key: OccurrenceKey,
    pub kind: EventKind,
    pub audience: Audience,
    pub title: String,
    pub location: String,
    pub description: String,
    pub schedule: Schedule,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: EventStatus,
    /// Moved or otherwise changed from the series.
    pub overridden: bool,
    /// Part of a repeating series.
    pub recurring: bool,
}

impl Occurrence {
    pub fn is_cancelled(&self) -> bool {
        self.status == EventStatus::Cancelled
    }

    /// The page of this occurrence.
    pub fn href(&self) -> String {
        format!("/events/{}/occurrences/{}", self.event_id, self.key)
    }
}

#[cfg(feature = "ssr")]
pub use expansion::*;

#[cfg(feature = "ssr")]
mod expansion {
    use std::collections::HashMap;

    use chrono::{DateTime, Duration, Utc};
    use chrono_tz::Tz;

    use super::{ChangeKind, Occurrence, OccurrenceChange, OccurrenceKey};
    use crate::domain::event::{Event, EventStatus, Schedule};
    use crate::domain::recurrence::{local_starts, place_occurrence};
    use crate::domain::time::start_of_day;

    /// The most occurrences one event contributes to one window.
    pub const MAX_PER_WINDOW: usize = 5000;

    /// Where an occurrence with local `schedule` lies on the time line.
    pub fn instants(zone: Tz, schedule: &Schedule) -> (DateTime<Utc>, DateTime<Utc>) {
        match *schedule {
            Schedule::Timed { start, end } => {
                (place_occurrence(zone, start), place_occurrence(zone, end))
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => (
                start_of_day(zone, first_day),
                start_of_day(zone, last_day + Duration::days(1)),
            ),
        }
    }

    fn zone_of(event: &Event) -> Tz {
        event.timezone.parse().unwrap_or(Tz::UTC)
    }

    /// The series' own occurrences (before any change) that may touch
    /// `[from, to)`, as (key, local schedule, start, end).
    fn base(
        event: &Event,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(OccurrenceKey, Schedule, DateTime<Utc>, DateTime<Utc>)> {
        let zone = zone_of(event);
        let Some(rule) = &event.rule else {
            return vec![(
                OccurrenceKey(event.starts_at),
                event.schedule,
                event.starts_at,
                event.ends_at,
            )];
        };
        let first = event.schedule.local_start();
        let length = event.schedule.local_end() - first;
        // A day of slack either side covers any UTC offset.
        let from_local = from.with_timezone(&zone).naive_local() - length - Duration::days(1);
        let to_local = to.with_timezone(&zone).naive_local() + Duration::days(1);
        local_starts(rule, first, from_local, to_local, MAX_PER_WINDOW)
            .into_iter()
            .map(|local| {
                let schedule = event.schedule.starting_at(local);
                let (starts_at, ends_at) = instants(zone, &schedule);
                (OccurrenceKey(starts_at), schedule, starts_at, ends_at)
            })
            .collect()
    }

    /// The occurrences of `event` overlapping `[from, to)`, with `changes`
    /// applied (skipped ones left out, moved ones where they moved to),
    /// earliest first.
    pub fn expand(
        event: &Event,
        changes: &[OccurrenceChange],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<Occurrence> {
        let by_key: HashMap<OccurrenceKey, &OccurrenceChange> =
            changes.iter().map(|c| (c.key, c)).collect();
        let mut occurrences: Vec<Occurrence> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (key, schedule, starts_at, ends_at) in base(event, from, to) {
            seen.insert(key);
            if let Some(occurrence) = apply(
                event,
                key,
                schedule,
                starts_at,
                ends_at,
                by_key.get(&key).copied(),
            ) {
                occurrences.push(occurrence);
            }
        }
        // Occurrences moved into the window from outside it.
        for change in changes {
            if seen.contains(&change.key) {
                continue;
            }
            if let Some(moved) = change.moved
                && moved.starts_at < to
                && moved.ends_at > from
                && change.kind != ChangeKind::Skipped
                && let Some(occurrence) = apply(
                    event,
                    change.key,
                    moved.schedule,
                    moved.starts_at,
                    moved.ends_at,
                    Some(change),
                )
            {
                occurrences.push(occurrence);
            }
        }
        occurrences.retain(|o| o.starts_at < to && o.ends_at > from);
        occurrences.sort_by_key(|o| (o.starts_at, o.key));
        occurrences
    }

    fn apply(
        event: &Event,
        key: OccurrenceKey,
        schedule: Schedule,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        change: Option<&OccurrenceChange>,
    ) -> Option<Occurrence> {
        let mut occurrence = Occurrence {
            event_id: event.id,
            key,
            kind: event.kind,
            audience: event.audience,
            title: event.title.clone(),
            location: event.location.clone(),
            description: event.description.clone(),
            schedule,
            starts_at,
            ends_at,
            status: event.status,
            overridden: false,
            recurring: event.rule.is_some(),
        };
        if let Some(change) = change {
            match change.kind {
                ChangeKind::Skipped => return None,
                ChangeKind::Cancelled => occurrence.status = EventStatus::Cancelled,
                ChangeKind::Changed => {}
            }
            if let Some(moved) = change.moved {
                occurrence.schedule = moved.schedule;
                occurrence.starts_at = moved.starts_at;
                occurrence.ends_at = moved.ends_at;
            }
            if let Some(title) = &change.title {
                occurrence.title = title.clone();
            }
            if let Some(location) = &change.location {
                occurrence.location = location.clone();
            }
            if let Some(description) = &change.description {
                occurrence.description = description.clone();
            }
            occurrence.overridden = change.kind == ChangeKind::Changed
                || change.moved.is_some()
                || change.title.is_some()
                || change.location.is_some()
                || change.description.is_some();
        }
        Some(occurrence)
    }

    /// The series' own occurrence with this key (ignoring changes), if the
    /// key is one of its occurrences.
    pub fn original(
        event: &Event,
        key: OccurrenceKey,
    ) -> Option<(Schedule, DateTime<Utc>, DateTime<Utc>)> {
        base(event, key.0 - Duration::days(2), key.0 + Duration::days(2))
            .into_iter()
            .find(|(k, ..)| *k == key)
            .map(|(_, schedule, starts_at, ends_at)| (schedule, starts_at, ends_at))
    }

    /// The key of the series' occurrence that falls on local `date`, if any
    /// (to carry changes over when a series' time of day changes).
    pub fn key_on_date(event: &Event, date: chrono::NaiveDate) -> Option<OccurrenceKey> {
        let zone = zone_of(event);
        let midday = place_occurrence(zone, date.and_hms_opt(12, 0, 0)?);
        base(
            event,
            midday - Duration::days(2),
            midday + Duration::days(2),
        )
        .into_iter()
        .find(|(_, schedule, ..)| schedule.local_start().date() == date)
        .map(|(key, ..)| key)
    }

    /// The local date an occurrence key falls on in the event's zone.
    pub fn local_date(event: &Event, key: OccurrenceKey) -> chrono::NaiveDate {
        key.0.with_timezone(&zone_of(event)).date_naive()
    }
}

#[cfg(feature = "ssr")]
#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc, Weekday};
    use chrono_tz::Tz;

    use super::*;
    use crate::domain::event::{Audience, Event, EventKind, Venue};
    use crate::domain::recurrence::{End, Pattern, Rule};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn series(zone: Tz, start: &str, minutes: i64, pattern: Pattern, end: End) -> Event {
        let start = at(start);
        let schedule = Schedule::Timed {
            start,
            end: start + chrono::Duration::minutes(minutes),
        };
        let (starts_at, ends_at) = instants(zone, &schedule);
        Event {
            id: EventId(7),
            facility_id: 1,
            kind: EventKind::TwelveStep,
            title: "Meeting".into(),
            description: String::new(),
            location: String::new(),
            venue: Venue::OnSite,
            timezone: zone.name().into(),
            schedule,
            starts_at,
            ends_at,
            rule: Some(Rule {
                pattern,
                interval: 1,
                end,
            }),
            series_ends_at: None,
            audience: Audience::Everyone,
            host_id: None,
            capacity: None,
            rsvp_closes_minutes: None,
            twelve_step: None,
            max_guests: 0,
            show_names: false,
            status: EventStatus::Scheduled,
            sequence: 0,
            split_from: None,
            created_at: starts_at,
            updated_at: starts_at,
        }
    }

    fn weekly(day: Weekday) -> Pattern {
        Pattern::Weekly { days: vec![day] }
    }

    fn starts(occurrences: &[Occurrence]) -> Vec<String> {
        occurrences
            .iter()
            .map(|o| o.starts_at.to_rfc3339())
            .collect()
    }

    fn local_starts_of(occurrences: &[Occurrence]) -> Vec<String> {
        occurrences
            .iter()
            .map(|o| {
                o.schedule
                    .local_start()
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .collect()
    }

    const NEW_YORK: Tz = chrono_tz::America::New_York;
    const LONDON: Tz = chrono_tz::Europe::London;

    #[test]
    fn a_weekly_meeting_keeps_its_local_time_when_new_york_falls_back() {
        let event = series(
            NEW_YORK,
            "2026-10-20 19:00",
            60,
            weekly(Weekday::Tue),
            End::Never,
        );
        let got = expand(
            &event,
            &[],
            utc("2026-10-20T00:00:00Z"),
            utc("2026-11-12T00:00:00Z"),
        );
        assert_eq!(
            local_starts_of(&got),
            [
                "2026-10-20 19:00",
                "2026-10-27 19:00",
                "2026-11-03 19:00",
                "2026-11-10 19:00"
            ]
        );
        assert_eq!(
            starts(&got),
            [
                "2026-10-20T23:00:00+00:00",
                "2026-10-27T23:00:00+00:00",
                "2026-11-04T00:00:00+00:00",
                "2026-11-11T00:00:00+00:00",
            ]
        );
        assert!(
            got.iter()
                .all(|o| o.ends_at - o.starts_at == chrono::Duration::hours(1))
        );
    }

    #[test]
    fn a_weekly_meeting_keeps_its_local_time_when_new_york_springs_forward() {
        let event = series(
            NEW_YORK,
            "2027-03-02 19:00",
            60,
            weekly(Weekday::Tue),
            End::Count(3),
        );
        let got = expand(
            &event,
            &[],
            utc("2027-03-01T00:00:00Z"),
            utc("2027-04-01T00:00:00Z"),
        );
        assert_eq!(
            starts(&got),
            [
                "2027-03-03T00:00:00+00:00",
                "2027-03-10T00:00:00+00:00",
                "2027-03-16T23:00:00+00:00"
            ]
        );
    }

    #[test]
    fn an_occurrence_in_the_spring_gap_moves_forward_by_the_gap() {
        // 2027-03-14 is the day New York skips 02:00–03:00.
        let event = series(
            NEW_YORK,
            "2027-03-07 02:30",
            30,
            weekly(Weekday::Sun),
            End::Count(3),
        );
        let got = expand(
            &event,
            &[],
            utc("2027-03-01T00:00:00Z"),
            utc("2027-04-01T00:00:00Z"),
        );
        assert_eq!(
            starts(&got),
            [
                "2027-03-07T07:30:00+00:00",
                "2027-03-14T07:30:00+00:00",
                "2027-03-21T06:30:00+00:00"
            ],
            "02:30 EST, then 03:30 EDT on the gap day, then 02:30 EDT"
        );
    }

    #[test]
    fn london_keeps_local_time_across_both_changes_and_takes_the_first_repeated_hour() {
        let event = series(
            LONDON,
            "2026-03-22 19:00",
            90,
            weekly(Weekday::Sun),
            End::Count(3),
        );
        let got = expand(
            &event,
            &[],
            utc("2026-03-01T00:00:00Z"),
            utc("2026-05-01T00:00:00Z"),
        );
        assert_eq!(
            starts(&got),
            [
                "2026-03-22T19:00:00+00:00",
                "2026-03-29T18:00:00+00:00",
                "2026-04-05T18:00:00+00:00"
            ]
        );
        let night = series(
            LONDON,
            "2026-10-18 01:30",
            30,
            weekly(Weekday::Sun),
            End::Count(3),
        );
        let got = expand(
            &night,
            &[],
            utc("2026-10-01T00:00:00Z"),
            utc("2026-11-30T00:00:00Z"),
        );
        assert_eq!(
            starts(&got),
            [
                "2026-10-18T00:30:00+00:00",
                "2026-10-25T00:30:00+00:00",
                "2026-11-01T01:30:00+00:00"
            ],
            "01:30 happens twice on 25 October; the first (BST) is taken"
        );
    }

    #[test]
    fn fifth_weekday_rules_skip_months_without_one() {
        let pattern = Pattern::MonthlyOnWeekday {
            nth: 5,
            weekday: Weekday::Thu,
        };
        let event = series(NEW_YORK, "2026-01-29 18:00", 60, pattern, End::Count(4));
        let got = expand(
            &event,
            &[],
            utc("2026-01-01T00:00:00Z"),
            utc("2027-06-01T00:00:00Z"),
        );
        assert_eq!(
            local_starts_of(&got),
            [
                "2026-01-29 18:00",
                "2026-04-30 18:00",
                "2026-07-30 18:00",
                "2026-10-29 18:00"
            ]
        );
    }

    #[test]
    fn the_last_friday_of_each_month() {
        let pattern = Pattern::MonthlyOnWeekday {
            nth: -1,
            weekday: Weekday::Fri,
        };
        let until = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
        let event = series(
            NEW_YORK,
            "2026-11-27 19:00",
            120,
            pattern,
            End::Until(until),
        );
        let got = expand(
            &event,
            &[],
            utc("2026-11-01T00:00:00Z"),
            utc("2027-12-01T00:00:00Z"),
        );
        assert_eq!(
            local_starts_of(&got),
            [
                "2026-11-27 19:00",
                "2026-12-25 19:00",
                "2027-01-29 19:00",
                "2027-02-26 19:00",
                "2027-03-26 19:00"
            ]
        );
    }

    #[test]
    fn february_29_comes_round_only_in_leap_years() {
        let pattern = Pattern::YearlyOnDay { month: 2, day: 29 };
        let event = series(NEW_YORK, "2028-02-29 12:00", 60, pattern, End::Count(3));
        let got = expand(
            &event,
            &[],
            utc("2028-01-01T00:00:00Z"),
            utc("2037-01-01T00:00:00Z"),
        );
        assert_eq!(
            local_starts_of(&got),
            ["2028-02-29 12:00", "2032-02-29 12:00", "2036-02-29 12:00"]
        );
    }

    #[test]
    fn until_is_inclusive_of_its_date_and_count_stops_the_series() {
        let until = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
        let event = series(
            NEW_YORK,
            "2026-12-01 19:00",
            60,
            weekly(Weekday::Tue),
            End::Until(until),
        );
        let got = expand(
            &event,
            &[],
            utc("2026-11-01T00:00:00Z"),
            utc("2027-02-01T00:00:00Z"),
        );
        assert_eq!(
            local_starts_of(&got),
            ["2026-12-01 19:00", "2026-12-08 19:00", "2026-12-15 19:00"]
        );
        let event = series(
            NEW_YORK,
            "2026-12-01 19:00",
            60,
            weekly(Weekday::Tue),
            End::Count(2),
        );
        let got = expand(
            &event,
            &[],
            utc("2026-11-01T00:00:00Z"),
            utc("2027-02-01T00:00:00Z"),
        );
        assert_eq!(got.len(), 2);
    }

    fn change(key: OccurrenceKey, kind: ChangeKind, moved: Option<Moved>) -> OccurrenceChange {
        OccurrenceChange {
            key,
            kind,
            moved,
            title: None,
            location: None,
            description: None,
            sequence: 0,
            updated_at: key.0,
        }
    }

    #[test]
    fn skipping_the_first_and_the_last_occurrence() {
        let event = series(
            NEW_YORK,
            "2026-12-01 19:00",
            60,
            weekly(Weekday::Tue),
            End::Count(4),
        );
        let window = (utc("2026-11-01T00:00:00Z"), utc("2027-02-01T00:00:00Z"));
        let all = expand(&event, &[], window.0, window.1);
        let skips = [
            change(all[0].key, ChangeKind::Skipped, None),
            change(all[3].key, ChangeKind::Skipped, None),
        ];
        let got = expand(&event, &skips, window.0, window.1);
        assert_eq!(
            local_starts_of(&got),
            ["2026-12-08 19:00", "2026-12-15 19:00"]
        );
        let cancelled = [change(all[1].key, ChangeKind::Cancelled, None)];
        let got = expand(&event, &cancelled, window.0, window.1);
        assert_eq!(got.len(), 4, "cancelled dates stay on the calendar");
        assert!(got[1].is_cancelled() && !got[0].is_cancelled());
    }

    #[test]
    fn an_occurrence_moved_across_the_dst_change_keeps_its_key() {
        let event = series(
            NEW_YORK,
            "2026-10-20 19:00",
            60,
            weekly(Weekday::Tue),
            End::Count(3),
        );
        let window = (utc("2026-10-01T00:00:00Z"), utc("2026-12-01T00:00:00Z"));
        let all = expand(&event, &[], window.0, window.1);
        let second = all[1].key; // 2026-10-27 19:00 EDT
        let schedule = Schedule::Timed {
            start: at("2026-11-02 18:00"),
            end: at("2026-11-02 19:30"),
        };
        let (starts_at, ends_at) = instants(NEW_YORK, &schedule);
        let moved = [change(
            second,
            ChangeKind::Changed,
            Some(Moved {
                schedule,
                starts_at,
                ends_at,
            }),
        )];
        let got = expand(&event, &moved, window.0, window.1);
        assert_eq!(got.len(), 3);
        let shifted = got.iter().find(|o| o.key == second).unwrap();
        assert!(shifted.overridden);
        assert_eq!(
            shifted.starts_at.to_rfc3339(),
            "2026-11-02T23:00:00+00:00",
            "18:00 EST"
        );
        assert_eq!(
            shifted.key.to_string(),
            "20261027T230000Z",
            "the key is the original start"
        );
        // Only the moved occurrence in a window that excludes its original date.
        let narrow = expand(
            &event,
            &moved,
            utc("2026-11-02T00:00:00Z"),
            utc("2026-11-03T00:00:00Z"),
        );
        assert_eq!(narrow.len(), 1);
        assert_eq!(narrow[0].key, second);
    }

    #[test]
    fn keys_find_their_occurrence_and_dates_find_their_key() {
        let event = series(
            NEW_YORK,
            "2026-12-01 19:00",
            60,
            weekly(Weekday::Tue),
            End::Never,
        );
        let key = OccurrenceKey::parse("20261209T000000Z").unwrap();
        assert!(original(&event, key).is_some());
        assert!(original(&event, OccurrenceKey::parse("20261209T010000Z").unwrap()).is_none());
        assert_eq!(
            key_on_date(&event, NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()),
            Some(key)
        );
        assert_eq!(
            key_on_date(&event, NaiveDate::from_ymd_opt(2026, 12, 9).unwrap()),
            None
        );
    }

    #[test]
    fn a_route_pair_reads_into_the_event_and_its_occurrence() {
        let at = OccurrenceRef::parse(7, "20261208T000000Z").unwrap();
        assert_eq!(at.event_id, EventId(7));
        assert_eq!(at.key, OccurrenceKey(utc("2026-12-08T00:00:00Z")));
        assert_eq!(at.key.to_string(), "20261208T000000Z");
        assert_eq!(OccurrenceRef::parse(7, " 20261208T000000Z\n"), Ok(at));
    }

    #[test]
    fn a_malformed_key_is_refused_with_the_message_naming_it() {
        for key in [
            "",
            "tomorrow",
            "2026-12-08T00:00:00Z",
            "20261208T000000",
            "20261208",
            "20261208T0000Z",
            "20261208T000000+0100",
            "20261208T000000Zand more",
        ] {
            let BadOccurrenceKey(message) = OccurrenceRef::parse(7, key).unwrap_err();
            assert_eq!(
                message.id,
                crate::i18n::MsgId::OccurrenceKeyInvalid,
                "{key:?}"
            );
            assert!(
                message.to_string().contains(&format!("\"{key}\"")),
                "{message}"
            );
        }
    }

    #[test]
    fn a_key_off_the_calendar_or_the_clock_is_refused() {
        for key in [
            "20261308T000000Z",
            "20261200T000000Z",
            "20261232T000000Z",
            "20260230T000000Z",
            "20270229T000000Z",
            "20261208T240000Z",
            "20261208T006000Z",
        ] {
            assert!(OccurrenceRef::parse(7, key).is_err(), "{key}");
        }
        assert!(
            OccurrenceRef::parse(7, "20280229T235959Z").is_ok(),
            "a leap day"
        );
    }

    #[test]
    fn any_event_id_is_carried_to_the_lookup_that_follows() {
        for id in [i64::MIN, -1, 0, i64::MAX] {
            let at = OccurrenceRef::parse(id, "20261208T000000Z").unwrap();
            assert_eq!(at.event_id, EventId(id));
        }
    }
}
