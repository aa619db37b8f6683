//! Events: what they are, and the rules an event must satisfy before it is
//! stored. Kinds, 12-step details, schedules and the form live in the
//! submodules; everything is re-exported here.

mod form;
mod kind;
mod schedule;
mod twelve_step;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use form::{EventForm, parse_weekday_code};
pub use kind::EventKind;
pub use schedule::{MAX_SPAN_DAYS, PlacedSchedule, Schedule};
pub use twelve_step::{Fellowship, MEETING_TYPES, TwelveStep, is_meeting_type};

use super::person::PersonId;
use super::recurrence::{End, Rule};
use super::validation::{FieldErrors, optional_text, required_text};
use crate::i18n::{Message, m};

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;
pub const LOCATION_MAX: usize = 200;
pub const MAX_CAPACITY: u32 = 10_000;
/// RSVPs can close at most this many hours before an occurrence.
pub const MAX_RSVP_CLOSES_HOURS: u32 = 24 * 30;

/// Database id of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub i64);

impl std::fmt::Display for EventId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
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

/// Who an event is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Everyone,
    /// Staff only: never shown to clients.
    Staff,
    /// Clients (and the staff who run it).
    Clients,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Everyone, Audience::Staff, Audience::Clients];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::Staff => "staff",
            Audience::Clients => "clients",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Message> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == input.trim())
            .ok_or_else(|| m::event_audience_unknown(input))
    }
}

/// Where an event takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Venue {
    /// At the facility; the location is a room.
    OnSite,
    /// Elsewhere; the location is an address.
    OffSite,
}

impl Venue {
    pub fn as_str(self) -> &'static str {
        match self {
            Venue::OnSite => "on_site",
            Venue::OffSite => "off_site",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Message> {
        match input.trim() {
            "on_site" | "" => Ok(Venue::OnSite),
            "off_site" => Ok(Venue::OffSite),
            other => Err(m::event_venue_unknown(other)),
        }
    }
}

/// A validated event, ready to be stored (after its schedule is placed in
/// the facility's zone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDraft {
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub location: String,
    pub venue: Venue,
    /// The first occurrence (the only one, without a rule).
    pub schedule: Schedule,
    pub rule: Option<Rule>,
    pub audience: Audience,
    pub host_id: Option<PersonId>,
    pub capacity: Option<u32>,
    /// RSVPs close this many minutes before each occurrence starts.
    pub rsvp_closes_minutes: Option<u32>,
    /// Present exactly when `kind` is a 12-step meeting.
    pub twelve_step: Option<TwelveStep>,
    /// Guests one RSVP may bring (family visitors); 0 for none.
    pub max_guests: u32,
    /// Clients may see who is coming (never at 12-step meetings).
    pub show_names: bool,
}

/// The most guests one RSVP may bring.
pub const MAX_GUESTS: u32 = 20;

/// Trims and checks the free-text fields every event has.
pub fn check_text(
    errors: &mut FieldErrors,
    title: &str,
    description: &str,
    location: &str,
) -> (String, String, String) {
    (
        required_text(errors, "title", m::field_title(), title, TITLE_MAX),
        optional_text(
            errors,
            "description",
            m::field_description(),
            description,
            DESCRIPTION_MAX,
        ),
        optional_text(
            errors,
            "location",
            m::field_location(),
            location,
            LOCATION_MAX,
        ),
    )
}

impl EventDraft {
    /// Checks what spans fields: the schedule's order and length, the
    /// rule's numbers and end, and what goes with the kind.
    pub fn check(&self, errors: &mut FieldErrors) {
        self.schedule.check(errors);
        if let Some(capacity) = self.capacity
            && !(1..=MAX_CAPACITY).contains(&capacity)
        {
            errors.add("capacity", m::event_capacity_range(MAX_CAPACITY));
        }
        if let Some(minutes) = self.rsvp_closes_minutes
            && minutes > MAX_RSVP_CLOSES_HOURS * 60
        {
            errors.add(
                "rsvp_closes_hours",
                m::event_rsvp_closes_too_early(MAX_RSVP_CLOSES_HOURS),
            );
        }
        if self.max_guests > MAX_GUESTS {
            errors.add("max_guests", m::event_too_many_guests(MAX_GUESTS));
        }
        if self.show_names && self.kind == EventKind::TwelveStep {
            errors.add("show_names", m::event_twelve_step_names_hidden());
        }
        match (self.kind, &self.twelve_step) {
            (EventKind::TwelveStep, None) => {
                errors.add("fellowship", m::event_fellowship_required())
            }
            (EventKind::TwelveStep, Some(_)) | (_, None) => {}
            (_, Some(_)) => errors.add("fellowship", m::event_fellowship_only_twelve_step()),
        }
        if let Some(rule) = &self.rule {
            if let Err(message) = rule.check() {
                errors.add("repeat", message);
            }
            let first = self.schedule.local_start().date();
            if let End::Until(until) = rule.end {
                if until < first {
                    errors.add("until_date", m::event_series_ends_before_start());
                } else if until > super::recurrence::latest_until(first) {
                    errors.add(
                        "until_date",
                        m::event_series_too_long(super::recurrence::MAX_SERIES_YEARS),
                    );
                }
            }
        }
    }

    /// Moves the first occurrence to the first date the rule falls on, so
    /// the series and its first date agree (RFC 5545 wants DTSTART to be an
    /// occurrence). Returns a message saying so when it moved.
    pub fn synchronize(&mut self) -> Option<Message> {
        let rule = self.rule.as_ref()?;
        let chosen = self.schedule.local_start();
        if rule.matches_pattern(chosen.date()) {
            return None;
        }
        let first = super::recurrence::first_matching(rule, chosen)?;
        let shift = first - chosen;
        self.schedule = self.schedule.shifted(shift);
        Some(m::event_first_date_moved(chosen.date(), first.date()))
    }
}

/// A stored event: a one-off, or a series whose first occurrence is
/// `schedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub facility_id: i64,
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub location: String,
    pub venue: Venue,
    /// IANA zone the schedule's wall-clock times are in.
    pub timezone: String,
    pub schedule: Schedule,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub rule: Option<Rule>,
    /// When the last occurrence ends; `None` for a series without end.
    pub series_ends_at: Option<DateTime<Utc>>,
    pub audience: Audience,
    pub host_id: Option<PersonId>,
    pub capacity: Option<u32>,
    pub rsvp_closes_minutes: Option<u32>,
    pub twelve_step: Option<TwelveStep>,
    pub max_guests: u32,
    pub show_names: bool,
    pub status: EventStatus,
    /// Bumped on every change a calendar subscriber should notice.
    pub sequence: i64,
    /// The series this one was split from ("this and following").
    pub split_from: Option<EventId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Event {
    pub fn is_cancelled(&self) -> bool {
        self.status == EventStatus::Cancelled
    }

    pub fn is_recurring(&self) -> bool {
        self.rule.is_some()
    }

    /// The draft that would store this event again (for edits that change
    /// a few fields).
    pub fn to_draft(&self) -> EventDraft {
        EventDraft {
            kind: self.kind,
            title: self.title.clone(),
            description: self.description.clone(),
            location: self.location.clone(),
            venue: self.venue,
            schedule: self.schedule,
            rule: self.rule.clone(),
            audience: self.audience,
            host_id: self.host_id,
            capacity: self.capacity,
            rsvp_closes_minutes: self.rsvp_closes_minutes,
            twelve_step: self.twelve_step.clone(),
            max_guests: self.max_guests,
            show_names: self.show_names,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EventForm;
    use super::form::tests::meeting;

    #[test]
    fn a_series_starts_on_a_day_it_repeats_on() {
        // 2026-12-01 is a Tuesday, 2026-12-02 a Wednesday.
        let mut draft = EventForm {
            start_date: "2026-12-02".into(),
            ..meeting()
        }
        .parse()
        .unwrap();
        let notice = draft.synchronize().unwrap();
        assert_eq!(
            notice.to_string(),
            "Wednesday, December 2, 2026 is not a day this series repeats on, so it starts on \
             Thursday, December 3, 2026."
        );
        assert_eq!(
            draft.schedule.local_start().date().to_string(),
            "2026-12-03"
        );
        assert_eq!(draft.synchronize(), None);
    }
}
