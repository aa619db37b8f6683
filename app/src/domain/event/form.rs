//! The event form as the browser sends it, parsed into a checked
//! [`EventDraft`], and filled in again from a stored event for editing.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{
    Audience, Event, EventDraft, EventKind, Fellowship, Schedule, TwelveStep, Venue, check_text,
};
use crate::domain::person::PersonId;
use crate::domain::recurrence::{self, End, RepeatChoice, Rule};
use crate::domain::time;
use crate::domain::validation::FieldErrors;
use crate::i18n::{Message, m};

/// The event form exactly as the browser sends it: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForm {
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub location: String,
    /// `on_site` or `off_site`.
    #[serde(default)]
    pub venue: String,
    /// `everyone`, `staff` or `clients`.
    #[serde(default)]
    pub audience: String,
    /// A staff member's id, or empty.
    #[serde(default)]
    pub host_id: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub rsvp_closes_hours: String,
    #[serde(default)]
    pub fellowship: String,
    /// Checkboxes named `meeting_types[]`.
    #[serde(default)]
    pub meeting_types: Vec<String>,
    /// Guests per RSVP (empty: none).
    #[serde(default)]
    pub max_guests: String,
    /// A checkbox: clients may see who is coming.
    #[serde(default)]
    pub show_names: Option<String>,
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
    /// A [`RepeatChoice`] name; empty means never.
    #[serde(default)]
    pub repeat: String,
    #[serde(default)]
    pub interval: String,
    /// Checkboxes named `repeat_days[]`, RFC 5545 codes (`MO` … `SU`).
    #[serde(default)]
    pub repeat_days: Vec<String>,
    /// `never`, `until` or `count`.
    #[serde(default)]
    pub ends: String,
    #[serde(default)]
    pub until_date: String,
    #[serde(default)]
    pub count: String,
}

fn parse_number(errors: &mut FieldErrors, field: &str, label: Message, input: &str) -> Option<u32> {
    let input = input.trim();
    if input.is_empty() {
        return None;
    }
    match input.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.add(field, m::field_not_a_number(label, input));
            None
        }
    }
}

/// Parses a weekday code such as `TU`.
pub fn parse_weekday_code(code: &str) -> Option<Weekday> {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .find(|d| recurrence::weekday_code(*d) == code.trim())
}

impl EventForm {
    pub fn is_all_day(&self) -> bool {
        matches!(self.all_day.as_deref(), Some("on" | "true" | "1"))
    }

    /// Parses and validates the form. Runs in the browser (inline
    /// validation) and on the server (the real check); placing the times in
    /// the facility's zone and bounding the series happen on the server.
    pub fn parse(&self) -> Result<EventDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = EventKind::parse(&self.kind)
            .map_err(|m| errors.add("kind", m))
            .ok();
        let (title, description, location) =
            check_text(&mut errors, &self.title, &self.description, &self.location);
        let venue = Venue::parse(&self.venue)
            .map_err(|m| errors.add("venue", m))
            .ok();
        let audience = if self.audience.trim().is_empty() {
            Some(Audience::Everyone)
        } else {
            Audience::parse(&self.audience)
                .map_err(|m| errors.add("audience", m))
                .ok()
        };
        let host_id = match self.host_id.trim() {
            "" => None,
            id => match id.parse::<i64>() {
                Ok(id) => Some(PersonId(id)),
                Err(_) => {
                    errors.add("host_id", m::event_host_choose());
                    None
                }
            },
        };
        let capacity = parse_number(&mut errors, "capacity", m::field_capacity(), &self.capacity);
        let rsvp_closes_minutes = parse_number(
            &mut errors,
            "rsvp_closes_hours",
            m::field_hours(),
            &self.rsvp_closes_hours,
        )
        .map(|h| h.saturating_mul(60));
        let twelve_step = match kind {
            Some(EventKind::TwelveStep) if self.fellowship.trim().is_empty() => None,
            Some(EventKind::TwelveStep) => Fellowship::parse(&self.fellowship)
                .and_then(|f| TwelveStep::new(f, &self.meeting_types))
                .map_err(|m| errors.add("fellowship", m))
                .ok(),
            _ => None,
        };
        let max_guests = parse_number(
            &mut errors,
            "max_guests",
            m::field_guests(),
            &self.max_guests,
        )
        .unwrap_or(0);
        let show_names = matches!(self.show_names.as_deref(), Some("on" | "true" | "1"));
        let schedule = self.parse_schedule(&mut errors);
        let rule = schedule.and_then(|s| self.parse_rule(&mut errors, s.local_start().date()));
        match (kind, venue, audience, schedule, rule) {
            (Some(kind), Some(venue), Some(audience), Some(schedule), Some(rule)) => {
                let draft = EventDraft {
                    kind,
                    title,
                    description,
                    location,
                    venue,
                    schedule,
                    rule,
                    audience,
                    host_id,
                    capacity,
                    rsvp_closes_minutes,
                    twelve_step,
                    max_guests,
                    show_names,
                };
                draft.check(&mut errors);
                errors.into_result(draft)
            }
            _ => Err(errors),
        }
    }

    fn parse_schedule(&self, errors: &mut FieldErrors) -> Option<Schedule> {
        let date = |errors: &mut FieldErrors, field: &str, input: &str| {
            if input.trim().is_empty() {
                errors.add(field, m::field_date_required());
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
                errors.add(field, m::field_time_required());
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

    /// `Some(None)` for "does not repeat", `None` when the repeat fields
    /// are wrong (the errors say why).
    fn parse_rule(&self, errors: &mut FieldErrors, first: NaiveDate) -> Option<Option<Rule>> {
        let repeat = self.repeat.trim();
        let choice = if repeat.is_empty() {
            RepeatChoice::Never
        } else {
            match RepeatChoice::parse(repeat) {
                Some(choice) => choice,
                None => {
                    errors.add("repeat", m::event_repeat_unknown(repeat));
                    return None;
                }
            }
        };
        let mut days = Vec::new();
        for code in &self.repeat_days {
            match parse_weekday_code(code) {
                Some(day) => days.push(day),
                None => {
                    errors.add("repeat", m::event_weekday_unknown(code));
                    return None;
                }
            }
        }
        let pattern = match choice.pattern(first, &days) {
            Ok(None) => return Some(None),
            Ok(Some(pattern)) => pattern,
            Err(message) => {
                errors.add("repeat", message);
                return None;
            }
        };
        let interval = match self.interval.trim() {
            "" => 1,
            text => match text.parse::<u16>() {
                Ok(n) => n,
                Err(_) => {
                    errors.add(
                        "interval",
                        m::event_interval_range(recurrence::MAX_INTERVAL, text),
                    );
                    return None;
                }
            },
        };
        let end = match self.ends.trim() {
            "" | "never" => End::Never,
            "until" => match time::parse_date(&self.until_date) {
                Ok(date) => End::Until(date),
                Err(message) => {
                    errors.add("until_date", message);
                    return None;
                }
            },
            "count" => match self.count.trim().parse::<u32>() {
                Ok(n) => End::Count(n),
                Err(_) => {
                    errors.add("count", m::event_count_not_a_number());
                    return None;
                }
            },
            other => {
                errors.add("ends", m::event_end_unknown(other));
                return None;
            }
        };
        Some(Some(Rule {
            pattern,
            interval,
            end,
        }))
    }

    /// The form pre-filled from a stored event, for editing.
    pub fn from_event(event: &Event) -> Self {
        let mut form = EventForm::from_schedule(&event.schedule);
        form.kind = event.kind.as_str().to_owned();
        form.title = event.title.clone();
        form.description = event.description.clone();
        form.location = event.location.clone();
        form.venue = event.venue.as_str().to_owned();
        form.audience = event.audience.as_str().to_owned();
        form.host_id = event.host_id.map(|id| id.to_string()).unwrap_or_default();
        form.capacity = event.capacity.map(|n| n.to_string()).unwrap_or_default();
        form.rsvp_closes_hours = event
            .rsvp_closes_minutes
            .map(|m| (m / 60).to_string())
            .unwrap_or_default();
        if event.max_guests > 0 {
            form.max_guests = event.max_guests.to_string();
        }
        form.show_names = event.show_names.then(|| "on".to_owned());
        if let Some(twelve_step) = &event.twelve_step {
            form.fellowship = twelve_step.fellowship.as_str().to_owned();
            form.meeting_types = twelve_step.types.clone();
        }
        if let Some(rule) = &event.rule {
            form.set_rule(rule);
        }
        form
    }

    /// The date and time fields for `schedule`.
    pub fn from_schedule(schedule: &Schedule) -> Self {
        let (start_date, start_time, end_date, end_time, all_day) = match *schedule {
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
            all_day,
            start_date: start_date.format("%Y-%m-%d").to_string(),
            start_time,
            end_date: end_date.format("%Y-%m-%d").to_string(),
            end_time,
            ..EventForm::default()
        }
    }

    /// The repeat fields for `rule`.
    pub fn set_rule(&mut self, rule: &Rule) {
        self.repeat = RepeatChoice::of(rule).as_str().to_owned();
        self.interval = rule.interval.to_string();
        if let recurrence::Pattern::Weekly { days } = &rule.pattern {
            self.repeat_days = days
                .iter()
                .map(|d| recurrence::weekday_code(*d).to_owned())
                .collect();
        }
        match rule.end {
            End::Never => self.ends = "never".to_owned(),
            End::Until(date) => {
                self.ends = "until".to_owned();
                self.until_date = date.format("%Y-%m-%d").to_string();
            }
            End::Count(n) => {
                self.ends = "count".to_owned();
                self.count = n.to_string();
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::domain::event::{EventId, EventStatus};
    use chrono::NaiveDateTime;
    use chrono_tz::America::New_York;

    pub(in crate::domain::event) fn form() -> EventForm {
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
            ..EventForm::default()
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
        assert!(
            errors
                .get("kind")
                .unwrap()
                .to_string()
                .contains("not a kind of event")
        );
        assert_eq!(errors.text("title").as_deref(), Some("Title is required."));
        assert_eq!(
            errors.text("start").as_deref(),
            Some("2026-02-30 is not a date on the calendar.")
        );
        assert!(
            errors
                .get("end")
                .unwrap()
                .to_string()
                .starts_with("Enter the time")
        );
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
                .to_string()
                .contains("at most 200")
        );
        let exact = EventForm {
            title: "x".repeat(200),
            ..form()
        };
        assert!(exact.parse().is_ok());
    }

    fn stored(draft: &EventDraft) -> Event {
        let placed = draft.schedule.place(New_York).unwrap();
        Event {
            id: EventId(1),
            facility_id: 1,
            kind: draft.kind,
            title: draft.title.clone(),
            description: draft.description.clone(),
            location: draft.location.clone(),
            venue: draft.venue,
            timezone: "America/New_York".into(),
            schedule: draft.schedule,
            starts_at: placed.starts_at,
            ends_at: placed.ends_at,
            rule: draft.rule.clone(),
            series_ends_at: None,
            audience: draft.audience,
            host_id: draft.host_id,
            capacity: draft.capacity,
            rsvp_closes_minutes: draft.rsvp_closes_minutes,
            twelve_step: draft.twelve_step.clone(),
            max_guests: draft.max_guests,
            show_names: draft.show_names,
            status: EventStatus::Scheduled,
            sequence: 0,
            split_from: None,
            created_at: placed.starts_at,
            updated_at: placed.starts_at,
        }
    }

    #[test]
    fn an_edit_form_round_trips_a_stored_event() {
        let draft = form().parse().unwrap();
        assert_eq!(
            EventForm::from_event(&stored(&draft)).parse().unwrap(),
            draft
        );
    }

    pub(in crate::domain::event) fn meeting() -> EventForm {
        EventForm {
            kind: "twelve_step".into(),
            title: "Tuesday NA".into(),
            fellowship: "na".into(),
            meeting_types: vec!["D".into(), "O".into()],
            venue: "off_site".into(),
            location: "12 Elm St".into(),
            audience: "clients".into(),
            capacity: "12".into(),
            rsvp_closes_hours: "2".into(),
            repeat: "weekly".into(),
            repeat_days: vec!["TU".into(), "TH".into()],
            interval: "2".into(),
            ends: "count".into(),
            count: "10".into(),
            start_date: "2026-12-01".into(),
            ..form()
        }
    }

    #[test]
    fn a_series_with_its_kind_details_round_trips_through_the_form() {
        let draft = meeting().parse().unwrap();
        let twelve_step = draft.twelve_step.clone().unwrap();
        assert_eq!(twelve_step.fellowship, Fellowship::Na);
        assert_eq!(
            twelve_step.types,
            vec!["O".to_owned(), "D".to_owned()],
            "canonical order"
        );
        assert_eq!(draft.venue, Venue::OffSite);
        assert_eq!(draft.audience, Audience::Clients);
        assert_eq!(draft.capacity, Some(12));
        assert_eq!(draft.rsvp_closes_minutes, Some(120));
        let rule = draft.rule.clone().unwrap();
        assert_eq!(
            rule.to_rrule(None),
            "FREQ=WEEKLY;INTERVAL=2;COUNT=10;BYDAY=TU,TH"
        );
        assert_eq!(
            EventForm::from_event(&stored(&draft)).parse().unwrap(),
            draft
        );
    }

    #[test]
    fn kind_details_are_checked() {
        let no_fellowship = EventForm {
            fellowship: "".into(),
            ..meeting()
        };
        assert_eq!(
            no_fellowship
                .parse()
                .unwrap_err()
                .text("fellowship")
                .as_deref(),
            Some("Choose the meeting's fellowship.")
        );
        let bad_code = EventForm {
            meeting_types: vec!["O".into(), "ZZ".into()],
            ..meeting()
        };
        assert_eq!(
            bad_code.parse().unwrap_err().text("fellowship").as_deref(),
            Some("Unknown meeting type code: ZZ.")
        );
        let karaoke_with_fellowship = EventForm {
            fellowship: "aa".into(),
            ..form()
        };
        assert!(
            karaoke_with_fellowship
                .parse()
                .unwrap()
                .twelve_step
                .is_none(),
            "ignored for other kinds"
        );
        let zero = EventForm {
            capacity: "0".into(),
            ..form()
        };
        assert!(zero.parse().unwrap_err().get("capacity").is_some());
        let words = EventForm {
            capacity: "twelve".into(),
            ..form()
        };
        assert_eq!(
            words.parse().unwrap_err().text("capacity").as_deref(),
            Some("Capacity must be a whole number (got \"twelve\").")
        );
    }

    #[test]
    fn repeat_fields_are_checked() {
        let until_far = EventForm {
            ends: "until".into(),
            until_date: "2099-12-31".into(),
            ..meeting()
        };
        assert_eq!(
            until_far
                .parse()
                .unwrap_err()
                .get("until_date")
                .map(|m| m.id),
            Some(crate::i18n::MsgId::EventSeriesTooLong),
            "a series ends at most ten years on"
        );
        let until_ten_years = EventForm {
            ends: "until".into(),
            until_date: "2036-11-30".into(),
            ..meeting()
        };
        assert!(until_ten_years.parse().is_ok());
        let until_before = EventForm {
            ends: "until".into(),
            until_date: "2026-11-01".into(),
            ..meeting()
        };
        assert_eq!(
            until_before
                .parse()
                .unwrap_err()
                .text("until_date")
                .as_deref(),
            Some("The series must end on or after its first date.")
        );
        let bad_day = EventForm {
            repeat_days: vec!["XX".into()],
            ..meeting()
        };
        assert!(bad_day.parse().unwrap_err().get("repeat").is_some());
        let not_last = EventForm {
            repeat: "monthly_last".into(),
            start_date: "2026-12-01".into(),
            ..form()
        };
        assert!(
            not_last
                .parse()
                .unwrap_err()
                .get("repeat")
                .unwrap()
                .to_string()
                .contains("not the last")
        );
        let every_zero = EventForm {
            interval: "0".into(),
            ..meeting()
        };
        assert!(every_zero.parse().unwrap_err().get("repeat").is_some());
    }
}
