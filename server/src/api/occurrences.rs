//! `/api/v1/occurrences` and `/api/v1/events/{id}/occurrences/{key}`: the
//! dated instances of events, and changes to one of them.

use app::domain::event::{Audience, EventKind, EventStatus, Schedule};
use app::domain::occurrence::{ChangeKind, Occurrence, OccurrencePatch, OccurrenceRef};
use app::domain::time::{parse_date, parse_zone};
use app::domain::validation::FieldErrors;
use app::error::AppError;
use app::services;
use app::services::events::Filter;
use app::state::AppState;
use axum::Json;
use axum::extract::State;
use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::events::{EventOut, EventPatch, instant_param, local_rfc3339, local_time};
use super::{ApiJson, ApiPath, ApiQuery, ApiResult, ApiViewer, ErrorBody};

/// One occurrence. `key` is its original start in UTC (like an iCalendar
/// RECURRENCE-ID); it stays the same when the occurrence is moved.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OccurrenceOut {
    pub event_id: i64,
    #[schema(example = "20261208T000000Z")]
    pub key: String,
    pub kind: EventKind,
    pub audience: Audience,
    pub title: String,
    pub location: String,
    pub description: String,
    pub timezone: String,
    pub all_day: bool,
    #[schema(example = "2026-12-07T19:00:00-05:00")]
    pub start: String,
    #[schema(example = "2026-12-07T21:00:00-05:00")]
    pub end: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub start_date: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub end_date: Option<String>,
    /// `scheduled` or `cancelled`.
    pub status: EventStatus,
    /// Moved or changed from the series.
    pub overridden: bool,
    pub recurring: bool,
}

impl OccurrenceOut {
    fn new(occurrence: Occurrence, timezone: &str) -> Self {
        let zone = parse_zone(timezone).ok();
        let (start_date, end_date) = match occurrence.schedule {
            Schedule::AllDay {
                first_day,
                last_day,
            } => (Some(first_day.to_string()), Some(last_day.to_string())),
            Schedule::Timed { .. } => (None, None),
        };
        OccurrenceOut {
            event_id: occurrence.event_id.0,
            key: occurrence.key.to_string(),
            kind: occurrence.kind,
            audience: occurrence.audience,
            title: occurrence.title,
            location: occurrence.location,
            description: occurrence.description,
            timezone: timezone.to_owned(),
            all_day: occurrence.schedule.is_all_day(),
            start: local_rfc3339(zone, occurrence.starts_at),
            end: local_rfc3339(zone, occurrence.ends_at),
            start_date,
            end_date,
            status: occurrence.status,
            overridden: occurrence.overridden,
            recurring: occurrence.recurring,
        }
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct OccurrenceList {
    /// Occurrences overlapping the window, earliest first.
    pub occurrences: Vec<OccurrenceOut>,
}

/// A window of time and optional filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OccurrenceQuery {
    /// RFC 3339 instant; defaults to now.
    pub from: Option<String>,
    /// RFC 3339 instant after `from`, at most 366 days later; defaults to 60 days after `from`.
    pub to: Option<String>,
    /// Kinds to include, comma-separated (e.g. `karaoke,potluck`).
    pub kind: Option<String>,
    /// `everyone`, `staff` or `clients`.
    pub audience: Option<String>,
}

/// Expanded occurrences of every event in a window.
#[utoipa::path(
    get,
    path = "/api/v1/occurrences",
    tag = "occurrences",
    params(OccurrenceQuery),
    responses(
        (status = 200, body = OccurrenceList),
        (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "Bad window or filter"),
    )
)]
pub async fn list_occurrences(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiQuery(query): ApiQuery<OccurrenceQuery>,
) -> ApiResult<Json<OccurrenceList>> {
    let from = instant_param("from", &query.from)?.unwrap_or_else(Utc::now);
    let to = instant_param("to", &query.to)?.unwrap_or(from + Duration::days(60));
    let mut errors = FieldErrors::new();
    let kinds = query
        .kind
        .as_deref()
        .unwrap_or("")
        .split(',')
        .filter(|k| !k.trim().is_empty())
        .filter_map(|k| EventKind::parse(k).map_err(|m| errors.add("kind", m)).ok())
        .collect();
    let audience = query
        .audience
        .as_deref()
        .map(|a| {
            Audience::parse(a)
                .map_err(|m| errors.add("audience", m))
                .ok()
        })
        .unwrap_or(None);
    if !errors.is_empty() {
        return Err(AppError::from(errors).into());
    }
    let filter = Filter { kinds, audience };
    let occurrences = services::events::occurrences(&state, &viewer, from, to, &filter).await?;
    let events = services::events::in_window(&state, &viewer, from, to).await?;
    let zone_of = |id| {
        events
            .iter()
            .find(|e| e.id == id)
            .map_or(viewer.facility.timezone.as_str(), |e| e.timezone.as_str())
            .to_owned()
    };
    Ok(Json(OccurrenceList {
        occurrences: occurrences
            .into_iter()
            .map(|o| {
                let zone = zone_of(o.event_id);
                OccurrenceOut::new(o, &zone)
            })
            .collect(),
    }))
}

/// Changes to one occurrence. Give new times (`start`/`end`, or the dates
/// of an all-day event), a `title`, `location` or `description`, or a
/// `status`: `cancelled` calls it off (it stays, marked cancelled),
/// `skipped` takes it off the calendar, `scheduled` restores it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct OccurrenceChangeIn {
    pub start: Option<String>,
    pub end: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub start_date: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub end_date: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    /// `scheduled`, `cancelled` or `skipped`.
    pub status: Option<String>,
}

/// One occurrence of an event.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/occurrences/{key}",
    tag = "occurrences",
    params(("id" = i64, Path, description = "Event id"),
           ("key" = String, Path, description = "Original start in UTC, e.g. 20261208T000000Z")),
    responses(
        (status = 200, body = OccurrenceOut),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_occurrence(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key)): ApiPath<(i64, String)>,
) -> ApiResult<Json<OccurrenceOut>> {
    // Only a lookup: a key that is not one names no occurrence.
    let at = OccurrenceRef::parse(id, &key).map_err(|_| AppError::NotFound)?;
    let (event, occurrence) =
        services::events::occurrence(&state, &viewer, at.event_id, at.key).await?;
    Ok(Json(OccurrenceOut::new(occurrence, &event.timezone)))
}

/// Changes or cancels one occurrence.
#[utoipa::path(
    patch,
    path = "/api/v1/events/{id}/occurrences/{key}",
    tag = "occurrences",
    params(("id" = i64, Path, description = "Event id"),
           ("key" = String, Path, description = "Original start in UTC, e.g. 20261208T000000Z")),
    request_body = OccurrenceChangeIn,
    responses(
        (status = 200, body = OccurrenceOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The event is cancelled"),
        (status = 422, body = ErrorBody, description = "Not an occurrence, or invalid fields; nothing stored"),
    )
)]
pub async fn change_occurrence(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key)): ApiPath<(i64, String)>,
    ApiJson(input): ApiJson<OccurrenceChangeIn>,
) -> ApiResult<Json<OccurrenceOut>> {
    let OccurrenceRef { event_id: id, key } = OccurrenceRef::parse(id, &key)?;
    let event = services::events::get(&state, &viewer, id).await?;
    let zone = parse_zone(&event.timezone).map_err(|m| AppError::field("timezone", m))?;
    let mut errors = FieldErrors::new();
    let status = input.status.as_deref().and_then(|s| match s {
        "cancelled" => Some(ChangeKind::Cancelled),
        "skipped" => Some(ChangeKind::Skipped),
        "scheduled" => Some(ChangeKind::Changed),
        other => {
            errors.add("status", app::i18n::m::api_status_unknown(other));
            None
        }
    });
    let schedule = if input.start_date.is_some() || input.end_date.is_some() {
        let first = input
            .start_date
            .as_deref()
            .map(|d| parse_date(d).map_err(|m| errors.add("start_date", m)).ok());
        let last = input
            .end_date
            .as_deref()
            .map(|d| parse_date(d).map_err(|m| errors.add("end_date", m)).ok());
        match (first.flatten(), last.flatten().or(first.flatten())) {
            (Some(first_day), Some(last_day)) => Some(Schedule::AllDay {
                first_day,
                last_day,
            }),
            _ => {
                if errors.is_empty() {
                    errors.add("start_date", app::i18n::m::api_all_day_dates());
                }
                None
            }
        }
    } else if input.start.is_some() || input.end.is_some() {
        let length = event.schedule.local_end() - event.schedule.local_start();
        let start = input
            .start
            .as_ref()
            .map(|_| local_time(zone, "start", &input.start, &mut errors));
        let end = input
            .end
            .as_ref()
            .map(|_| local_time(zone, "end", &input.end, &mut errors));
        match (start.flatten(), end.flatten()) {
            (Some(start), Some(end)) => Some(Schedule::Timed { start, end }),
            (Some(start), None) if input.end.is_none() => Some(Schedule::Timed {
                start,
                end: start + length,
            }),
            (None, Some(end)) if input.start.is_none() => {
                let (original, ..) =
                    app::domain::occurrence::original(&event, key).ok_or_else(|| {
                        AppError::field(
                            "key",
                            app::i18n::m::occurrence_not_of_event(key.to_string()),
                        )
                    })?;
                Some(Schedule::Timed {
                    start: original.local_start(),
                    end,
                })
            }
            _ => None,
        }
    } else {
        None
    };
    if !errors.is_empty() {
        return Err(AppError::from(errors).into());
    }
    let patch = OccurrencePatch {
        schedule,
        title: input.title,
        location: input.location,
        description: input.description,
        status,
    };
    let occurrence = services::events::change_occurrence(&state, &viewer, id, key, patch).await?;
    Ok(Json(OccurrenceOut::new(occurrence, &event.timezone)))
}

/// "This and following": the series ends before this occurrence and a new
/// event, with the changes given, continues from it. Answers the new event.
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/occurrences/{key}/split",
    tag = "occurrences",
    params(("id" = i64, Path, description = "Event id"),
           ("key" = String, Path, description = "The first occurrence of the new part")),
    request_body = EventPatch,
    responses(
        (status = 201, body = EventOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The event is cancelled"),
        (status = 422, body = ErrorBody, description = "Not an occurrence, or invalid fields; nothing stored"),
    )
)]
pub async fn split_series(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key)): ApiPath<(i64, String)>,
    super::ApiLang(lang): super::ApiLang,
    ApiJson(patch): ApiJson<EventPatch>,
) -> ApiResult<(axum::http::StatusCode, Json<EventOut>)> {
    let OccurrenceRef { event_id: id, key } = OccurrenceRef::parse(id, &key)?;
    let (event, occurrence) = services::events::occurrence(&state, &viewer, id, key).await?;
    let (draft, _) = super::events::draft_from_occurrence(&event, &occurrence, patch)?;
    let saved = services::events::split(&state, &viewer, id, key, draft).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(EventOut::saved(saved, lang)),
    ))
}
