//! `/api/v1/events/{id}/occurrences/{key}/rsvps` and `…/attendance`.

use app::domain::occurrence::OccurrenceRef;
use app::domain::person::PersonId;
use app::domain::rsvp::{Engagement, Response, RsvpState};
use app::error::AppError;
use app::services;
use app::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, ApiPath, ApiResult, ApiViewer, ErrorBody};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RsvpIn {
    /// going, maybe or not_going.
    pub response: String,
    /// Guests coming along (family visitors), where the event allows them.
    #[serde(default)]
    pub guests: u32,
}

/// Where the RSVP stands after the answer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RsvpOut {
    pub state: RsvpState,
    /// Place on the waitlist (1 is next), when waitlisted.
    pub position: Option<i64>,
    pub guests: u32,
}

/// Answers for a person: oneself (clients and staff), or a client on their
/// behalf (staff). Going takes seats (with guests) while there are any;
/// otherwise the person is waitlisted in arrival order.
#[utoipa::path(
    put,
    path = "/api/v1/events/{id}/occurrences/{key}/rsvps/{person_id}",
    tag = "rsvps",
    params(("id" = i64, Path), ("key" = String, Path), ("person_id" = i64, Path)),
    request_body = RsvpIn,
    responses(
        (status = 200, body = RsvpOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "Answering for someone else without being staff"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Cancelled, started, closed, or no room for more guests"),
        (status = 422, body = ErrorBody, description = "Bad answer, guests or key"),
    )
)]
pub async fn put_rsvp(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text, person)): ApiPath<(i64, String, i64)>,
    ApiJson(input): ApiJson<RsvpIn>,
) -> ApiResult<Json<RsvpOut>> {
    let response = Response::parse(&input.response).map_err(|m| AppError::field("response", m))?;
    let at = OccurrenceRef::parse(id, &key_text)?;
    let rsvp = services::rsvps::respond(
        &state,
        &viewer,
        at.event_id,
        at.key,
        PersonId(person),
        response,
        input.guests,
    )
    .await?;
    Ok(Json(RsvpOut {
        state: rsvp.state,
        position: rsvp.position,
        guests: rsvp.guests,
    }))
}

/// Removes a person's RSVP (their seat goes to the waitlist).
#[utoipa::path(
    delete,
    path = "/api/v1/events/{id}/occurrences/{key}/rsvps/{person_id}",
    tag = "rsvps",
    params(("id" = i64, Path), ("key" = String, Path), ("person_id" = i64, Path)),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn delete_rsvp(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text, person)): ApiPath<(i64, String, i64)>,
) -> ApiResult<StatusCode> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    services::rsvps::remove(&state, &viewer, at.event_id, at.key, PersonId(person)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RsvpRow {
    pub person_id: i64,
    pub name: String,
    /// going, waitlisted, maybe or not_going; absent for a walk-in.
    pub state: Option<RsvpState>,
    pub position: Option<i64>,
    pub guests: u32,
    /// A staff member who answered on the person's behalf.
    pub answered_by: Option<String>,
    pub attendance: Option<Engagement>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RsvpList {
    pub rsvps: Vec<RsvpRow>,
}

/// The roster (staff): one row per person, going and waitlisted in
/// arrival order first. Every request is written to the audit log.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/occurrences/{key}/rsvps",
    tag = "rsvps",
    params(("id" = i64, Path), ("key" = String, Path)),
    responses(
        (status = 200, body = RsvpList),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn list_rsvps(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text)): ApiPath<(i64, String)>,
) -> ApiResult<Json<RsvpList>> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    let lines = services::rsvps::roster(&state, &viewer, at.event_id, at.key).await?;
    Ok(Json(RsvpList {
        rsvps: lines
            .into_iter()
            .map(|l| RsvpRow {
                person_id: l.person_id.0,
                name: l.name,
                state: l.state,
                position: l.position,
                guests: l.guests,
                answered_by: l.answered_by,
                attendance: l.attendance,
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceIn {
    pub person_id: i64,
    /// attended, left_early, refused, unavailable or no_show.
    pub code: String,
}

/// Records how a person took part (an RSVP is not needed: walk-ins).
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/occurrences/{key}/attendance",
    tag = "rsvps",
    params(("id" = i64, Path), ("key" = String, Path)),
    request_body = AttendanceIn,
    responses(
        (status = 204, description = "Recorded"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Cancelled, or too early"),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn post_attendance(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text)): ApiPath<(i64, String)>,
    ApiJson(input): ApiJson<AttendanceIn>,
) -> ApiResult<StatusCode> {
    let code = Engagement::parse(&input.code).map_err(|m| AppError::field("code", m))?;
    let at = OccurrenceRef::parse(id, &key_text)?;
    services::rsvps::record_attendance(
        &state,
        &viewer,
        at.event_id,
        at.key,
        PersonId(input.person_id),
        code,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
