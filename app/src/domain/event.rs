//! Events: what they are, and the rules an event must satisfy before it is
//! stored.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::person::PersonId;
use super::recurrence::{End, RepeatChoice, Rule};
use super::time::{self, NonexistentLocalTime};
use super::validation::{FieldErrors, optional_text, required_text};
use crate::i18n::{Message, m};

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;
pub const LOCATION_MAX: usize = 200;
/// The longest an event may last, timed or all-day.
pub const MAX_SPAN_DAYS: i64 = 31;
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

    /// A shape per kind that survives black-and-white printing.
    pub fn symbol(self) -> &'static str {
        match self {
            EventKind::Karaoke => "♪",
            EventKind::Potluck => "●",
            EventKind::TwelveStep => "◆",
            EventKind::Holiday => "★",
            EventKind::Outing => "▲",
            EventKind::Recreation => "■",
            EventKind::Other => "○",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Message> {
        let input = input.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == input)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|k| k.as_str()).collect();
                m::event_kind_unknown(input, names.join(", "))
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

/// The fellowship a 12-step meeting belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Fellowship {
    Aa,
    Na,
    Ca,
    Cma,
    AlAnon,
    Other,
}

impl Fellowship {
    pub const ALL: [Fellowship; 6] = [
        Fellowship::Aa,
        Fellowship::Na,
        Fellowship::Ca,
        Fellowship::Cma,
        Fellowship::AlAnon,
        Fellowship::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Fellowship::Aa => "aa",
            Fellowship::Na => "na",
            Fellowship::Ca => "ca",
            Fellowship::Cma => "cma",
            Fellowship::AlAnon => "al_anon",
            Fellowship::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Message> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == input.trim())
            .ok_or_else(|| m::event_fellowship_unknown(input))
    }
}

/// Meeting Guide meeting type codes (their names are the `meeting-type`
/// messages in `app/locales`), as in the
/// current spec (<https://github.com/code4recovery/spec>, `data/types.json`),
/// grouped by what they say: format, literature, who it is for, language,
/// access. `ONL` (Online) is no longer in the spec but older feeds and
/// Hearth events still carry it, so it stays readable.
pub const MEETING_TYPES: &[&str] = &[
    "O", "C", "SP", "D", "B", "ST", "TR", "BE", "LIT", "MED", "11", "12x12", "ABSI", "DR", "GR",
    "LS", "H", "CAN", "BRK", "AL", "AL-AN", "W", "M", "Y", "SEN", "P", "LGBTQ", "G", "L", "T",
    "BI", "NB", "POC", "N", "NDG", "A", "DD", "EN", "S", "AM", "DA", "DE", "EL", "FA", "FR", "HE",
    "HI", "HR", "HU", "ITA", "JA", "KOR", "LT", "ML", "NO", "POL", "POR", "PUN", "RUS", "SK", "SV",
    "TH", "TL", "UK", "ASL", "X", "XB", "FF", "CF", "BA", "OUT", "SM", "XT", "POA", "DB", "TC",
    "ONL",
];

/// Whether Hearth knows a Meeting Guide type code.
pub fn is_meeting_type(code: &str) -> bool {
    MEETING_TYPES.contains(&code)
}

/// What only 12-step meetings have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwelveStep {
    pub fellowship: Fellowship,
    /// Meeting Guide codes, in the order of [`MEETING_TYPES`].
    pub types: Vec<String>,
}

impl TwelveStep {
    /// Checks the codes and puts them in the canonical order.
    pub fn new(fellowship: Fellowship, codes: &[String]) -> Result<Self, Message> {
        let mut unknown = Vec::new();
        for code in codes {
            if !is_meeting_type(code.trim()) {
                unknown.push(code.trim().to_owned());
            }
        }
        if !unknown.is_empty() {
            return Err(m::event_meeting_types_unknown(
                unknown.len(),
                unknown.join(", "),
            ));
        }
        let types = MEETING_TYPES
            .iter()
            .filter(|code| codes.iter().any(|c| c.trim() == **code))
            .map(|code| (*code).to_owned())
            .collect();
        Ok(TwelveStep { fellowship, types })
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
            errors.add("end", m::event_end_before_start());
        } else if too_long {
            errors.add("end", m::event_too_long(MAX_SPAN_DAYS));
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
                        errors.add(field, e.message());
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

fn ambiguous_notice(zone: Tz, local: NaiveDateTime, utc: DateTime<Utc>) -> Message {
    m::event_time_ambiguous(
        local.format("%H:%M").to_string(),
        local.format("%Y-%m-%d").to_string(),
        zone.name(),
        utc.with_timezone(&zone).format("%Z").to_string(),
    )
}

/// A schedule placed in its zone: the instants it spans, and anything the
/// person should be told about how their local times were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedSchedule {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub notices: Vec<Message>,
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
        Some(m::event_first_date_moved(
            chosen.format("%Y-%m-%d").to_string(),
            first.format("%Y-%m-%d").to_string(),
        ))
    }
}

impl Schedule {
    /// The same schedule moved by `by` (whole days keep all-day events
    /// all-day).
    pub fn shifted(&self, by: Duration) -> Schedule {
        match *self {
            Schedule::Timed { start, end } => Schedule::Timed {
                start: start + by,
                end: end + by,
            },
            Schedule::AllDay {
                first_day,
                last_day,
            } => Schedule::AllDay {
                first_day: first_day + Duration::days(by.num_days()),
                last_day: last_day + Duration::days(by.num_days()),
            },
        }
    }

    /// The same wall-clock shape starting at `local_start` (for an
    /// occurrence of a series).
    pub fn starting_at(&self, local_start: NaiveDateTime) -> Schedule {
        self.shifted(local_start - self.local_start())
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
    .find(|d| super::recurrence::weekday_code(*d) == code.trim())
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
                        m::event_interval_range(super::recurrence::MAX_INTERVAL, text),
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
        if let super::recurrence::Pattern::Weekly { days } = &rule.pattern {
            self.repeat_days = days
                .iter()
                .map(|d| super::recurrence::weekday_code(*d).to_owned())
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

    #[test]
    fn an_end_before_the_start_is_refused() {
        let backwards = EventForm {
            end_time: "18:00".into(),
            ..form()
        };
        assert_eq!(
            backwards.parse().unwrap_err().text("end").as_deref(),
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
                .to_string()
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
        assert!(
            errors
                .get("start")
                .unwrap()
                .to_string()
                .contains("does not exist")
        );

        let twice = EventForm {
            start_date: "2026-11-01".into(),
            start_time: "01:30".into(),
            end_time: "03:00".into(),
            ..form()
        };
        let placed = twice.parse().unwrap().schedule.place(New_York).unwrap();
        assert_eq!(placed.notices.len(), 1);
        assert!(
            placed.notices[0]
                .to_string()
                .contains("uses the first one (EDT)")
        );
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

    fn meeting() -> EventForm {
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
    fn meeting_types_read_as_codes_with_their_names() {
        let codes: Vec<String> = ["O", "D", "BE", "ZZ"].map(String::from).to_vec();
        assert_eq!(
            crate::i18n::Tr::default().describe_meeting_types(&codes),
            "O Open · D Discussion · BE Newcomer · ZZ"
        );
        // The current spec's codes, including those added since 2024.
        for code in ["AL-AN", "BRK", "NB", "NDG", "P", "TC", "DB", "KOR", "UK"] {
            assert!(is_meeting_type(code), "{code}");
        }
        let mut seen = std::collections::HashSet::new();
        assert!(MEETING_TYPES.iter().all(|code| seen.insert(*code)));
        // Every code has a name (a message of its own, so every language
        // has one: the build checks).
        for code in MEETING_TYPES {
            let id = format!("meeting-type-{code}");
            assert!(crate::i18n::MsgId::from_id(&id).is_some(), "{id}");
        }
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
            "2026-12-02 is not a day this series repeats on, so it starts on 2026-12-03."
        );
        assert_eq!(
            draft.schedule.local_start().date().to_string(),
            "2026-12-03"
        );
        assert_eq!(draft.synchronize(), None);
    }
}
