//! `/api/v1/events`: create, read, list by window, edit and cancel.

use app::domain::event::{
    Audience, Event, EventDraft, EventKind, EventStatus, Fellowship, Schedule, TwelveStep, Venue,
    check_text,
};
use app::domain::person::PersonId;
use app::domain::recurrence::{End, parse_rrule};
use app::domain::time::{parse_date, parse_zone};
use app::domain::validation::FieldErrors;
use app::error::AppError;
use app::i18n::{Lang, Message, MsgId, m};
use app::services;
use app::services::events::Saved;
use app::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, FixedOffset, SecondsFormat, SubsecRound, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, ApiLang, ApiPath, ApiQuery, ApiResult, ApiViewer, ErrorBody};

/// An event as the API shows it. Times are RFC 3339 with the offset in
/// force in the event's time zone; a series shows its first occurrence and
/// its `rrule`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EventOut {
    pub id: i64,
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub location: String,
    pub venue: Venue,
    /// IANA time zone the event is planned in.
    #[schema(example = "America/New_York")]
    pub timezone: String,
    pub all_day: bool,
    /// Start instant; for all-day events the first day's local midnight.
    #[schema(example = "2026-12-04T19:00:00-05:00")]
    pub start: String,
    /// End instant (exclusive); for all-day events the midnight after the last day.
    #[schema(example = "2026-12-04T21:00:00-05:00")]
    pub end: String,
    /// All-day events: the first day.
    #[schema(value_type = Option<String>, format = Date)]
    pub start_date: Option<String>,
    /// All-day events: the last day (inclusive).
    #[schema(value_type = Option<String>, format = Date)]
    pub end_date: Option<String>,
    /// RFC 5545 RRULE of a series; absent for one-off events.
    #[schema(example = "FREQ=WEEKLY;BYDAY=TU")]
    pub rrule: Option<String>,
    /// End of the last occurrence; absent for a series that never ends.
    pub series_end: Option<String>,
    pub audience: Audience,
    pub host_id: Option<i64>,
    pub capacity: Option<u32>,
    /// RSVPs close this many minutes before each occurrence.
    pub rsvp_closes_minutes: Option<u32>,
    /// 12-step meetings only.
    pub fellowship: Option<Fellowship>,
    /// 12-step meetings only: Meeting Guide type codes.
    pub meeting_types: Vec<String>,
    /// Guests one RSVP may bring.
    pub max_guests: u32,
    /// Clients may see who is coming (never for 12-step meetings).
    pub show_names: bool,
    pub status: EventStatus,
    /// Increases with every change a calendar should notice.
    pub sequence: i64,
    /// The series this one continues ("this and following").
    pub split_from: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// How input was interpreted, e.g. a local time that happens twice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

impl EventOut {
    /// A saved event, with how its input was read in `lang`.
    pub fn saved(saved: Saved, lang: Lang) -> Self {
        let notices = saved
            .notices
            .iter()
            .map(|n| n.render(lang).into_owned())
            .collect();
        EventOut::new(saved.event, notices)
    }
}

/// An instant as RFC 3339 with the offset in force in `zone`.
pub fn local_rfc3339(zone: Option<Tz>, t: DateTime<Utc>) -> String {
    match zone {
        Some(zone) => t
            .with_timezone(&zone)
            .to_rfc3339_opts(SecondsFormat::Secs, false),
        None => t.to_rfc3339_opts(SecondsFormat::Secs, true),
    }
}

impl EventOut {
    fn new(event: Event, notices: Vec<String>) -> Self {
        let zone: Option<Tz> = event.timezone.parse().ok();
        let (start_date, end_date) = match event.schedule {
            Schedule::AllDay {
                first_day,
                last_day,
            } => (Some(first_day.to_string()), Some(last_day.to_string())),
            Schedule::Timed { .. } => (None, None),
        };
        let rrule = event.rule.as_ref().map(|rule| {
            let until = match rule.end {
                End::Until(date) if !event.schedule.is_all_day() => {
                    zone.map(|zone| app::domain::recurrence::end_of_day(zone, date))
                }
                _ => None,
            };
            rule.to_rrule(until)
        });
        EventOut {
            id: event.id.0,
            kind: event.kind,
            title: event.title,
            description: event.description,
            location: event.location,
            venue: event.venue,
            all_day: event.schedule.is_all_day(),
            start: local_rfc3339(zone, event.starts_at),
            end: local_rfc3339(zone, event.ends_at),
            timezone: event.timezone,
            start_date,
            end_date,
            rrule,
            series_end: event.series_ends_at.map(|t| local_rfc3339(zone, t)),
            audience: event.audience,
            host_id: event.host_id.map(|p| p.0),
            capacity: event.capacity,
            rsvp_closes_minutes: event.rsvp_closes_minutes,
            fellowship: event.twelve_step.as_ref().map(|t| t.fellowship),
            meeting_types: event.twelve_step.map(|t| t.types).unwrap_or_default(),
            max_guests: event.max_guests,
            show_names: event.show_names,
            status: event.status,
            sequence: event.sequence,
            split_from: event.split_from.map(|e| e.0),
            created_at: event.created_at,
            updated_at: event.updated_at,
            notices,
        }
    }
}

/// A new event. Timed events give `start` and `end`; all-day events give
/// `all_day: true` with `start_date` (and `end_date` for several days). A
/// series adds an `rrule`; its first occurrence is `start`.
#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EventIn {
    /// One of karaoke, potluck, twelve_step, holiday, outing, recreation, other.
    #[schema(example = "karaoke")]
    pub kind: String,
    /// 1–200 characters.
    #[schema(example = "Friday karaoke night")]
    pub title: String,
    pub description: Option<String>,
    /// A room on site, or an address off site.
    pub location: Option<String>,
    /// `on_site` (default) or `off_site`.
    pub venue: Option<String>,
    /// `everyone` (default), `staff` or `clients`.
    pub audience: Option<String>,
    /// The hosting staff member's id.
    pub host_id: Option<i64>,
    pub capacity: Option<u32>,
    /// RSVPs close this many minutes before each occurrence.
    pub rsvp_closes_minutes: Option<u32>,
    /// 12-step meetings: aa, na, ca, cma, al_anon or other.
    pub fellowship: Option<String>,
    /// 12-step meetings: Meeting Guide type codes such as O, C, SP, D.
    pub meeting_types: Option<Vec<String>>,
    /// Guests one RSVP may bring (default 0).
    pub max_guests: Option<u32>,
    /// Clients may see who is coming (default false; never for 12-step meetings).
    pub show_names: Option<bool>,
    /// IANA zone; defaults to the facility's.
    pub timezone: Option<String>,
    pub all_day: Option<bool>,
    /// RFC 3339 with offset.
    #[schema(example = "2026-12-04T19:00:00-05:00")]
    pub start: Option<String>,
    /// RFC 3339 with offset; after `start`.
    #[schema(example = "2026-12-04T21:00:00-05:00")]
    pub end: Option<String>,
    #[schema(example = "2026-12-25")]
    pub start_date: Option<String>,
    /// Inclusive; defaults to `start_date`.
    pub end_date: Option<String>,
    /// RFC 5545 RRULE (weekly, monthly or yearly, as the event form offers).
    #[schema(example = "FREQ=WEEKLY;BYDAY=TU;COUNT=10")]
    pub rrule: Option<String>,
}

/// Reads a JSON field that may be absent, `null` or a value: absent is
/// `None`, `null` is `Some(None)`.
fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Changes to an event ("the whole series"): only the fields given change;
/// `null` clears an optional one (`"rrule": null` stops repeating).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EventPatch {
    pub kind: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub location: Option<String>,
    pub venue: Option<String>,
    pub audience: Option<String>,
    #[serde(deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub host_id: Option<Option<i64>>,
    #[serde(deserialize_with = "nullable")]
    #[schema(value_type = Option<u32>)]
    pub capacity: Option<Option<u32>>,
    #[serde(deserialize_with = "nullable")]
    #[schema(value_type = Option<u32>)]
    pub rsvp_closes_minutes: Option<Option<u32>>,
    pub fellowship: Option<String>,
    pub meeting_types: Option<Vec<String>>,
    pub max_guests: Option<u32>,
    pub show_names: Option<bool>,
    pub timezone: Option<String>,
    pub all_day: Option<bool>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    #[serde(deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub rrule: Option<Option<String>>,
}

impl EventIn {
    /// The input as it would be sent to recreate `event`.
    fn from_event(event: &Event) -> Self {
        let out = EventOut::new(event.clone(), Vec::new());
        EventIn {
            kind: event.kind.as_str().to_owned(),
            title: event.title.clone(),
            description: Some(event.description.clone()),
            location: Some(event.location.clone()),
            venue: Some(event.venue.as_str().to_owned()),
            audience: Some(event.audience.as_str().to_owned()),
            host_id: out.host_id,
            capacity: out.capacity,
            rsvp_closes_minutes: out.rsvp_closes_minutes,
            fellowship: out.fellowship.map(|f| f.as_str().to_owned()),
            meeting_types: Some(out.meeting_types.clone()),
            max_guests: Some(out.max_guests),
            show_names: Some(out.show_names),
            timezone: Some(event.timezone.clone()),
            all_day: Some(out.all_day),
            start: (!out.all_day).then_some(out.start),
            end: (!out.all_day).then_some(out.end),
            start_date: out.start_date,
            end_date: out.end_date,
            rrule: out.rrule,
        }
    }

    fn apply(mut self, patch: EventPatch) -> Self {
        let switching_to_timed = patch.all_day == Some(false) && self.all_day == Some(true);
        if switching_to_timed {
            self.start_date = None;
            self.end_date = None;
        }
        macro_rules! take {
            ($($field:ident),*) => { $( if patch.$field.is_some() { self.$field = patch.$field; } )* };
        }
        macro_rules! take_nullable {
            ($($field:ident),*) => { $( if let Some(value) = patch.$field { self.$field = value; } )* };
        }
        if let Some(kind) = patch.kind {
            self.kind = kind;
        }
        if let Some(title) = patch.title {
            self.title = title;
        }
        take!(
            description,
            location,
            venue,
            audience,
            fellowship,
            meeting_types,
            timezone,
            all_day,
            max_guests,
            show_names
        );
        take!(start, end, start_date, end_date);
        take_nullable!(host_id, capacity, rsvp_closes_minutes, rrule);
        self
    }

    /// Validates everything, reporting every problem at its field.
    fn parse(&self, default_zone: &str) -> Result<(EventDraft, Tz), AppError> {
        let mut errors = FieldErrors::new();
        let kind = if self.kind.trim().is_empty() {
            errors.add("kind", m::event_kind_required());
            None
        } else {
            EventKind::parse(&self.kind)
                .map_err(|m| errors.add("kind", m))
                .ok()
        };
        let (title, description, location) = check_text(
            &mut errors,
            &self.title,
            self.description.as_deref().unwrap_or(""),
            self.location.as_deref().unwrap_or(""),
        );
        let venue = Venue::parse(self.venue.as_deref().unwrap_or("on_site"))
            .map_err(|m| errors.add("venue", m))
            .ok();
        let audience = Audience::parse(self.audience.as_deref().unwrap_or("everyone"))
            .map_err(|m| errors.add("audience", m))
            .ok();
        let twelve_step = match (kind, &self.fellowship) {
            (Some(EventKind::TwelveStep), Some(fellowship)) => Fellowship::parse(fellowship)
                .and_then(|f| TwelveStep::new(f, self.meeting_types.as_deref().unwrap_or(&[])))
                .map_err(|m| errors.add("fellowship", m))
                .ok(),
            (Some(EventKind::TwelveStep), None) => None,
            (_, Some(_)) => {
                errors.add("fellowship", m::event_fellowship_only_twelve_step());
                None
            }
            (_, None) => None,
        };
        let zone = parse_zone(self.timezone.as_deref().unwrap_or(default_zone))
            .map_err(|m| errors.add("timezone", m))
            .ok();
        let schedule = zone.and_then(|zone| self.schedule(zone, &mut errors));
        let rule = match (&self.rrule, schedule, zone) {
            (None, ..) => Some(None),
            (Some(text), Some(schedule), Some(zone)) => {
                parse_rrule(text, schedule.local_start(), zone, schedule.is_all_day())
                    .map(Some)
                    .map_err(|m| errors.add("rrule", m))
                    .ok()
            }
            (Some(_), ..) => None,
        };
        match (kind, venue, audience, schedule, rule, zone) {
            (Some(kind), Some(venue), Some(audience), Some(schedule), Some(rule), Some(zone)) => {
                let draft = EventDraft {
                    kind,
                    title,
                    description,
                    location,
                    venue,
                    schedule,
                    rule,
                    audience,
                    host_id: self.host_id.map(PersonId),
                    capacity: self.capacity,
                    rsvp_closes_minutes: self.rsvp_closes_minutes,
                    twelve_step,
                    max_guests: self.max_guests.unwrap_or(0),
                    show_names: self.show_names.unwrap_or(false),
                };
                draft.check(&mut errors);
                errors.into_result((draft, zone)).map_err(Into::into)
            }
            _ => Err(errors.into()),
        }
    }

    fn schedule(&self, zone: Tz, errors: &mut FieldErrors) -> Option<Schedule> {
        if self.all_day == Some(true) {
            let first_day = match &self.start_date {
                Some(d) => parse_date(d).map_err(|m| errors.add("start_date", m)).ok(),
                None => {
                    errors.add("start_date", m::api_all_day_start_date());
                    None
                }
            };
            let last_day = match &self.end_date {
                Some(d) => parse_date(d).map_err(|m| errors.add("end_date", m)).ok(),
                None => first_day,
            };
            return Some(Schedule::AllDay {
                first_day: first_day?,
                last_day: last_day?,
            });
        }
        let start = local_time(zone, "start", &self.start, errors);
        let end = local_time(zone, "end", &self.end, errors);
        Some(Schedule::Timed {
            start: start?,
            end: end?,
        })
    }
}

/// The draft for "this and following": the event's fields with the
/// occurrence's times as the new first occurrence, then the patch.
pub fn draft_from_occurrence(
    event: &Event,
    occurrence: &app::domain::occurrence::Occurrence,
    patch: EventPatch,
) -> Result<(EventDraft, Tz), AppError> {
    let zone: Option<Tz> = event.timezone.parse().ok();
    let mut input = EventIn::from_event(event);
    match occurrence.schedule {
        Schedule::AllDay {
            first_day,
            last_day,
        } => {
            input.start_date = Some(first_day.to_string());
            input.end_date = Some(last_day.to_string());
        }
        Schedule::Timed { .. } => {
            input.start = Some(local_rfc3339(zone, occurrence.starts_at));
            input.end = Some(local_rfc3339(zone, occurrence.ends_at));
        }
    }
    input.apply(patch).parse(&event.timezone)
}

/// An RFC 3339 instant as wall-clock time in `zone`.
pub fn local_time(
    zone: Tz,
    field: &str,
    value: &Option<String>,
    errors: &mut FieldErrors,
) -> Option<chrono::NaiveDateTime> {
    match value {
        None => {
            errors.add(field, m::api_instant_required(field));
            None
        }
        Some(text) => match DateTime::<FixedOffset>::parse_from_rfc3339(text.trim()) {
            // Whole seconds: occurrence keys are written to the second.
            Ok(t) => Some(
                zone.from_utc_datetime(&t.naive_utc())
                    .naive_local()
                    .trunc_subsecs(0),
            ),
            Err(_) => {
                errors.add(field, not_an_instant(text));
                None
            }
        },
    }
}

/// Why `text` is not an RFC 3339 instant: a date that is not on the
/// calendar is named as such.
fn not_an_instant(text: &str) -> Message {
    if let Some(date) = text.trim().get(..10)
        && let Err(message) = parse_date(date)
        && message.id == MsgId::TimeDateNotOnCalendar
    {
        return message;
    }
    m::api_not_an_instant(text)
}

/// A window of time; `from` defaults to now and `to` to 60 days after `from`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Window {
    /// RFC 3339 instant.
    pub from: Option<String>,
    /// RFC 3339 instant, after `from`; at most 366 days later.
    pub to: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct EventList {
    /// Events overlapping the window, earliest first.
    pub events: Vec<EventOut>,
}

pub fn instant_param(
    field: &str,
    value: &Option<String>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    value
        .as_deref()
        .map(|text| {
            DateTime::parse_from_rfc3339(text.trim())
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| AppError::field(field, not_an_instant(text)))
        })
        .transpose()
}

/// Events overlapping a window of time.
#[utoipa::path(
    get,
    path = "/api/v1/events",
    tag = "events",
    params(Window),
    responses(
        (status = 200, body = EventList),
        (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "Bad window"),
    )
)]
pub async fn list_events(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiQuery(window): ApiQuery<Window>,
) -> ApiResult<Json<EventList>> {
    let from = instant_param("from", &window.from)?.unwrap_or_else(Utc::now);
    let to = instant_param("to", &window.to)?.unwrap_or(from + Duration::days(60));
    let events = services::events::in_window(&state, &viewer, from, to).await?;
    Ok(Json(EventList {
        events: events
            .into_iter()
            .map(|e| EventOut::new(e, Vec::new()))
            .collect(),
    }))
}

/// Creates a one-off event.
#[utoipa::path(
    post,
    path = "/api/v1/events",
    tag = "events",
    request_body = EventIn,
    responses(
        (status = 201, body = EventOut),
        (status = 400, body = ErrorBody, description = "Malformed JSON"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "Invalid fields; nothing stored"),
    )
)]
pub async fn create_event(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiLang(lang): ApiLang,
    ApiJson(input): ApiJson<EventIn>,
) -> ApiResult<(StatusCode, Json<EventOut>)> {
    let (draft, zone) = input.parse(&viewer.facility.timezone)?;
    let saved = services::events::create(&state, &viewer, draft, Some(zone.name())).await?;
    Ok((StatusCode::CREATED, Json(EventOut::saved(saved, lang))))
}

/// One event.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}",
    tag = "events",
    params(("id" = i64, Path, description = "Event id")),
    responses(
        (status = 200, body = EventOut),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_event(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<EventOut>> {
    let event = services::events::get(&state, &viewer, app::domain::event::EventId(id)).await?;
    Ok(Json(EventOut::new(event, Vec::new())))
}

/// Changes some of an event's fields. A cancelled event cannot change (409).
#[utoipa::path(
    patch,
    path = "/api/v1/events/{id}",
    tag = "events",
    params(("id" = i64, Path, description = "Event id")),
    request_body = EventPatch,
    responses(
        (status = 200, body = EventOut),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The event is cancelled"),
        (status = 422, body = ErrorBody, description = "Invalid fields; nothing stored"),
    )
)]
pub async fn update_event(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
    ApiLang(lang): ApiLang,
    ApiJson(patch): ApiJson<EventPatch>,
) -> ApiResult<Json<EventOut>> {
    let id = app::domain::event::EventId(id);
    let existing = services::events::get(&state, &viewer, id).await?;
    let (draft, zone) = EventIn::from_event(&existing)
        .apply(patch)
        .parse(&viewer.facility.timezone)?;
    let saved = services::events::update(&state, &viewer, id, draft, Some(zone.name())).await?;
    Ok(Json(EventOut::saved(saved, lang)))
}

/// Cancels an event. It stays visible, marked cancelled; cancelling again
/// changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/cancel",
    tag = "events",
    params(("id" = i64, Path, description = "Event id")),
    responses(
        (status = 200, body = EventOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn cancel_event(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<EventOut>> {
    let event = services::events::cancel(&state, &viewer, app::domain::event::EventId(id)).await?;
    Ok(Json(EventOut::new(event, Vec::new())))
}
