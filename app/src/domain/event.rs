//! Events: what they are, and the rules an event must satisfy before it is
//! stored.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::time::{self, NonexistentLocalTime};
use super::validation::{FieldErrors, optional_text, required_text};

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;
pub const LOCATION_MAX: usize = 200;
/// The longest an event may last, timed or all-day.
pub const MAX_SPAN_DAYS: i64 = 31;

/// Database id of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub i64);

impl std::fmt::Display for EventId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What sort of gathering an event is. Each kind brings its own features
/// (song queue, dish slots, transport, …) as Hearth grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Karaoke,
    Potluck,
    TwelveStep,
    Holiday,
    Outing,
    Recreation,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::Karaoke,
        EventKind::Potluck,
        EventKind::TwelveStep,
        EventKind::Holiday,
        EventKind::Outing,
        EventKind::Recreation,
        EventKind::Other,
    ];

    /// The stable machine name, as used in URLs, the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Karaoke => "karaoke",
            EventKind::Potluck => "potluck",
            EventKind::TwelveStep => "twelve_step",
            EventKind::Holiday => "holiday",
            EventKind::Outing => "outing",
            EventKind::Recreation => "recreation",
            EventKind::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<Self, String> {
        let input = input.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == input)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "\"{input}\" is not a kind of event; choose one of {}.",
                    names.join(", ")
                )
            })
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Scheduled,
    Cancelled,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Scheduled => "scheduled",
            EventStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        match input {
            "scheduled" => Some(EventStatus::Scheduled),
            "cancelled" => Some(EventStatus::Cancelled),
            _ => None,
        }
    }
}

/// When an event happens, in the facility's wall-clock time.
///
/// Timed events are local date-times; all-day (and multi-day) events are
/// calendar dates, not instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Schedule {
    Timed {
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
    AllDay {
        first_day: NaiveDate,
        /// Inclusive: a one-day event has `last_day == first_day`.
        last_day: NaiveDate,
    },
}

impl Schedule {
    /// Checks the order and length of the span, attaching messages to the
    /// `start` / `end` fields.
    pub fn check(&self, errors: &mut FieldErrors) {
        let (too_long, ends_early) = match *self {
            Schedule::Timed { start, end } => {
                (end - start > Duration::days(MAX_SPAN_DAYS), end <= start)
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => (
                last_day - first_day >= Duration::days(MAX_SPAN_DAYS),
                last_day < first_day,
            ),
        };
        if ends_early {
            errors.add("end", "The end must be after the start.");
        } else if too_long {
            errors.add(
                "end",
                format!("An event can last at most {MAX_SPAN_DAYS} days."),
            );
        }
    }

    pub fn is_all_day(&self) -> bool {
        matches!(self, Schedule::AllDay { .. })
    }

    /// The local wall-clock start (midnight of the first day for all-day).
    pub fn local_start(&self) -> NaiveDateTime {
        match *self {
            Schedule::Timed { start, .. } => start,
            Schedule::AllDay { first_day, .. } => first_day.and_time(chrono::NaiveTime::MIN),
        }
    }

    /// The local wall-clock end; for all-day events the exclusive midnight
    /// after the last day.
    pub fn local_end(&self) -> NaiveDateTime {
        match *self {
            Schedule::Timed { end, .. } => end,
            Schedule::AllDay { last_day, .. } => {
                (last_day + Duration::days(1)).and_time(chrono::NaiveTime::MIN)
            }
        }
    }

    /// Places the schedule on the time line in `zone`.
    pub fn place(&self, zone: Tz) -> Result<PlacedSchedule, FieldErrors> {
        match *self {
            Schedule::Timed { start, end } => {
                let mut errors = FieldErrors::new();
                let mut notices = Vec::new();
                let mut place = |field: &str, local: NaiveDateTime| match time::place(zone, local) {
                    Ok(p) => {
                        if p.ambiguous {
                            notices.push(ambiguous_notice(zone, local, p.utc));
                        }
                        Some(p.utc)
                    }
                    Err(e @ NonexistentLocalTime { .. }) => {
                        errors.add(field, e.to_string());
                        None
                    }
                };
                let starts_at = place("start", start);
                let ends_at = place("end", end);
                match (starts_at, ends_at) {
                    (Some(starts_at), Some(ends_at)) if errors.is_empty() => Ok(PlacedSchedule {
                        starts_at,
                        ends_at,
                        notices,
                    }),
                    _ => Err(errors),
                }
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => Ok(PlacedSchedule {
                starts_at: time::start_of_day(zone, first_day),
                ends_at: time::start_of_day(zone, last_day + Duration::days(1)),
                notices: Vec::new(),
            }),
        }
    }
}

fn ambiguous_notice(zone: Tz, local: NaiveDateTime, utc: DateTime<Utc>) -> String {
    let abbreviation = utc.with_timezone(&zone).format("%Z");
    format!(
        "{} happens twice in {} because the clocks fall back; Hearth uses the first one ({abbreviation}).",
        local.format("%H:%M on %Y-%m-%d"),
        zone.name()
    )
}

/// A schedule placed in its zone: the instants it spans, and anything the
/// person should be told about how their local times were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedSchedule {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub notices: Vec<String>,
}

/// A validated event, ready to be stored (after its schedule is placed in
/// the facility's zone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDraft {
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub location: String,
    pub schedule: Schedule,
}

impl EventDraft {
    /// Checks the text fields and the schedule; `kind` and `schedule` come
    /// already parsed (forms and the API parse them differently).
    pub fn validate(
        errors: &mut FieldErrors,
        kind: Option<EventKind>,
        title: &str,
        description: &str,
        location: &str,
        schedule: Option<Schedule>,
    ) -> Option<EventDraft> {
        let title = required_text(errors, "title", "Title", title, TITLE_MAX);
        let description = optional_text(
            errors,
            "description",
            "Description",
            description,
            DESCRIPTION_MAX,
        );
        let location = optional_text(errors, "location", "Location", location, LOCATION_MAX);
        if let Some(schedule) = &schedule {
            schedule.check(errors);
        }
        match (kind, schedule) {
            (Some(kind), Some(schedule)) if errors.is_empty() => Some(EventDraft {
                kind,
                title,
                description,
                location,
                schedule,
            }),
            _ => None,
        }
    }
}

/// The event form exactly as the browser sends it: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForm {
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub location: String,
    /// A checkbox: present ("on") when ticked, absent otherwise.
    #[serde(default)]
    pub all_day: Option<String>,
    pub start_date: String,
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub end_date: String,
    #[serde(default)]
    pub end_time: String,
}

impl EventForm {
    pub fn is_all_day(&self) -> bool {
        matches!(self.all_day.as_deref(), Some("on" | "true" | "1"))
    }

    /// Parses and validates the form. Runs in the browser (inline
    /// validation) and on the server (the real check); placing the times in
    /// the facility's zone happens on the server.
    pub fn parse(&self) -> Result<EventDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = EventKind::parse(&self.kind)
            .map_err(|m| errors.add("kind", m))
            .ok();
        let schedule = self.parse_schedule(&mut errors);
        EventDraft::validate(
            &mut errors,
            kind,
            &self.title,
            &self.description,
            &self.location,
            schedule,
        )
        .ok_or(errors)
    }

    fn parse_schedule(&self, errors: &mut FieldErrors) -> Option<Schedule> {
        let date = |errors: &mut FieldErrors, field: &str, input: &str| {
            if input.trim().is_empty() {
                errors.add(field, "Choose a date.");
                return None;
            }
            time::parse_date(input)
                .map_err(|m| errors.add(field, m))
                .ok()
        };
        let start_date = date(errors, "start", &self.start_date);
        // An empty end date means "the same day".
        let end_date = if self.end_date.trim().is_empty() {
            start_date
        } else {
            date(errors, "end", &self.end_date)
        };
        if self.is_all_day() {
            return Some(Schedule::AllDay {
                first_day: start_date?,
                last_day: end_date?,
            });
        }
        let clock = |errors: &mut FieldErrors, field: &str, input: &str| {
            if input.trim().is_empty() {
                errors.add(field, "Choose a time, or tick \"All day\".");
                return None;
            }
            time::parse_time(input)
                .map_err(|m| errors.add(field, m))
                .ok()
        };
        let start_time = clock(errors, "start", &self.start_time);
        let end_time = clock(errors, "end", &self.end_time);
        Some(Schedule::Timed {
            start: start_date?.and_time(start_time?),
            end: end_date?.and_time(end_time?),
        })
    }

    /// The form pre-filled from a stored event, for editing.
    pub fn from_event(event: &Event) -> Self {
        let (start_date, start_time, end_date, end_time, all_day) = match event.schedule {
            Schedule::Timed { start, end } => (
                start.date(),
                start.format("%H:%M").to_string(),
                end.date(),
                end.format("%H:%M").to_string(),
                None,
            ),
            Schedule::AllDay {
                first_day,
                last_day,
            } => (
                first_day,
                String::new(),
                last_day,
                String::new(),
                Some("on".to_owned()),
            ),
        };
        EventForm {
            kind: event.kind.as_str().to_owned(),
            title: event.title.clone(),
            description: event.description.clone(),
            location: event.location.clone(),
            all_day,
            start_date: start_date.format("%Y-%m-%d").to_string(),
            start_time,
            end_date: end_date.format("%Y-%m-%d").to_string(),
            end_time,
        }
    }
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub facility_id: i64,
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub location: String,
    /// IANA zone the schedule's wall-clock times are in.
    pub timezone: String,
    pub schedule: Schedule,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: EventStatus,
    /// Bumped on every change a calendar subscriber should notice.
    pub sequence: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Event {
    pub fn is_cancelled(&self) -> bool {
        self.status == EventStatus::Cancelled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;

    fn form() -> EventForm {
        EventForm {
            kind: "karaoke".into(),
            title: "Friday karaoke night".into(),
            description: "Bring your voice".into(),
            location: "Common room".into(),
            all_day: None,
            start_date: "2026-12-04".into(),
            start_time: "19:00".into(),
            end_date: "".into(),
            end_time: "21:00".into(),
        }
    }

    #[test]
    fn a_complete_form_parses_into_a_timed_draft() {
        let draft = form().parse().unwrap();
        assert_eq!(draft.kind, EventKind::Karaoke);
        assert_eq!(draft.title, "Friday karaoke night");
        assert_eq!(
            draft.schedule,
            Schedule::Timed {
                start: NaiveDateTime::parse_from_str("2026-12-04 19:00", "%Y-%m-%d %H:%M").unwrap(),
                end: NaiveDateTime::parse_from_str("2026-12-04 21:00", "%Y-%m-%d %H:%M").unwrap(),
            }
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = EventForm {
            kind: "rave".into(),
            title: "   ".into(),
            start_date: "2026-02-30".into(),
            end_time: "nope".into(),
            ..form()
        };
        let errors = bad.parse().unwrap_err();
        assert!(errors.get("kind").unwrap().contains("not a kind of event"));
        assert_eq!(errors.get("title"), Some("Title is required."));
        assert_eq!(
            errors.get("start"),
            Some("2026-02-30 is not a date on the calendar.")
        );
        assert!(errors.get("end").unwrap().starts_with("Enter the time"));
    }

    #[test]
    fn a_title_over_200_characters_is_refused() {
        let long = EventForm {
            title: "x".repeat(201),
            ..form()
        };
        assert!(
            long.parse()
                .unwrap_err()
                .get("title")
                .unwrap()
                .contains("at most 200")
        );
        let exact = EventForm {
            title: "x".repeat(200),
            ..form()
        };
        assert!(exact.parse().is_ok());
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let backwards = EventForm {
            end_time: "18:00".into(),
            ..form()
        };
        assert_eq!(
            backwards.parse().unwrap_err().get("end"),
            Some("The end must be after the start.")
        );
        let zero = EventForm {
            end_time: "19:00".into(),
            ..form()
        };
        assert!(zero.parse().is_err(), "an event must last some time");
    }

    #[test]
    fn all_day_events_are_dates_with_an_inclusive_last_day() {
        let holiday = EventForm {
            kind: "holiday".into(),
            all_day: Some("on".into()),
            start_date: "2026-12-24".into(),
            end_date: "2026-12-26".into(),
            start_time: "".into(),
            end_time: "".into(),
            ..form()
        };
        let draft = holiday.parse().unwrap();
        let placed = draft.schedule.place(New_York).unwrap();
        assert_eq!(placed.starts_at.to_rfc3339(), "2026-12-24T05:00:00+00:00");
        assert_eq!(placed.ends_at.to_rfc3339(), "2026-12-27T05:00:00+00:00");
        let backwards = EventForm {
            end_date: "2026-12-23".into(),
            ..holiday
        };
        assert!(backwards.parse().is_err());
    }

    #[test]
    fn events_longer_than_a_month_are_refused() {
        let long = EventForm {
            end_date: "2027-01-10".into(),
            ..form()
        };
        assert!(
            long.parse()
                .unwrap_err()
                .get("end")
                .unwrap()
                .contains("at most 31 days")
        );
    }

    #[test]
    fn placing_reports_a_gap_at_the_field_and_notes_an_ambiguous_hour() {
        let gap = EventForm {
            start_date: "2026-03-08".into(),
            start_time: "02:15".into(),
            end_time: "04:00".into(),
            ..form()
        };
        let errors = gap.parse().unwrap().schedule.place(New_York).unwrap_err();
        assert!(errors.get("start").unwrap().contains("does not exist"));

        let twice = EventForm {
            start_date: "2026-11-01".into(),
            start_time: "01:30".into(),
            end_time: "03:00".into(),
            ..form()
        };
        let placed = twice.parse().unwrap().schedule.place(New_York).unwrap();
        assert_eq!(placed.notices.len(), 1);
        assert!(placed.notices[0].contains("uses the first one (EDT)"));
    }

    #[test]
    fn an_edit_form_round_trips_a_stored_event() {
        let draft = form().parse().unwrap();
        let placed = draft.schedule.place(New_York).unwrap();
        let event = Event {
            id: EventId(1),
            facility_id: 1,
            kind: draft.kind,
            title: draft.title.clone(),
            description: draft.description.clone(),
            location: draft.location.clone(),
            timezone: "America/New_York".into(),
            schedule: draft.schedule,
            starts_at: placed.starts_at,
            ends_at: placed.ends_at,
            status: EventStatus::Scheduled,
            sequence: 0,
            created_at: placed.starts_at,
            updated_at: placed.starts_at,
        };
        assert_eq!(EventForm::from_event(&event).parse().unwrap(), draft);
    }
}
