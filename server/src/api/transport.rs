//! `/api/v1/events/{id}/transport`, `/api/v1/events/{id}/rules` and the
//! van manifest of an occurrence.

use app::domain::event::EventId;
use app::domain::occurrence::OccurrenceRef;
use app::domain::transport::{Logistics, Manifest, RulesForm, TransportForm};
use app::error::AppError;
use app::services;
use app::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiJson, ApiPath, ApiResult, ApiViewer, ErrorBody};

/// An off-site event's van.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransportIn {
    /// Passenger seats, 1–100. Everyone going rides, guests included.
    pub van_seats: u32,
    /// A staff member's id.
    #[serde(default)]
    pub driver_id: Option<i64>,
    /// Local time the van leaves, `HH:MM`.
    #[serde(default)]
    #[schema(example = "18:15")]
    pub departs: Option<String>,
    /// Local time the van is back, `HH:MM`.
    #[serde(default)]
    #[schema(example = "21:30")]
    pub returns: Option<String>,
    #[serde(default)]
    pub pickup_point: Option<String>,
}

/// Who may come and the staff ratio. Send all three; omitted ones are
/// cleared.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesIn {
    /// Clients must have been admitted at least this many days before the
    /// date (1–365).
    #[serde(default)]
    pub min_days_admitted: Option<u32>,
    /// Only clients of these houses (empty: any).
    #[serde(default)]
    pub houses: Vec<String>,
    /// One staff member for every this many clients (1–100); a warning to
    /// staff, never a refusal.
    #[serde(default)]
    pub clients_per_staff: Option<u32>,
}

/// The event's van and rules.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/transport",
    tag = "transport",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Logistics),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_transport(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Logistics>> {
    Ok(Json(
        services::transport::logistics(&state, &viewer, EventId(id)).await?,
    ))
}

/// Sets an off-site event's van (planners). A smaller van never takes a
/// seat away; a bigger one moves the waitlist up.
#[utoipa::path(
    put,
    path = "/api/v1/events/{id}/transport",
    tag = "transport",
    params(("id" = i64, Path)),
    request_body = TransportIn,
    responses(
        (status = 200, body = Logistics),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "Bad field, an on-site event, or a driver who is not active staff"),
    )
)]
pub async fn put_transport(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<TransportIn>,
) -> ApiResult<Json<Logistics>> {
    let form = TransportForm {
        van_seats: input.van_seats.to_string(),
        driver_id: input.driver_id.map(|d| d.to_string()).unwrap_or_default(),
        departs: input.departs.unwrap_or_default(),
        returns: input.returns.unwrap_or_default(),
        pickup_point: input.pickup_point.unwrap_or_default(),
    };
    let transport = form.parse().map_err(AppError::from)?;
    Ok(Json(
        services::transport::set_transport(&state, &viewer, EventId(id), transport).await?,
    ))
}

/// Removes the van (planners).
#[utoipa::path(
    delete,
    path = "/api/v1/events/{id}/transport",
    tag = "transport",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Logistics),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn delete_transport(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Logistics>> {
    Ok(Json(
        services::transport::set_transport(&state, &viewer, EventId(id), None).await?,
    ))
}

/// Sets who may come and the staff ratio (planners).
#[utoipa::path(
    put,
    path = "/api/v1/events/{id}/rules",
    tag = "transport",
    params(("id" = i64, Path)),
    request_body = RulesIn,
    responses(
        (status = 200, body = Logistics),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn put_rules(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<RulesIn>,
) -> ApiResult<Json<Logistics>> {
    let form = RulesForm {
        min_days_admitted: input
            .min_days_admitted
            .map(|n| n.to_string())
            .unwrap_or_default(),
        houses: input.houses.join(","),
        clients_per_staff: input
            .clients_per_staff
            .map(|n| n.to_string())
            .unwrap_or_default(),
    };
    let rules = form.parse().map_err(AppError::from)?;
    Ok(Json(
        services::transport::set_rules(&state, &viewer, EventId(id), rules).await?,
    ))
}

/// The van manifest of one occurrence (staff): driver, times, riders with
/// their houses, the waitlist and the staff ratio. Written to the audit log.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/occurrences/{key}/manifest",
    tag = "transport",
    params(("id" = i64, Path), ("key" = String, Path)),
    responses(
        (status = 200, body = Manifest),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn get_manifest(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text)): ApiPath<(i64, String)>,
) -> ApiResult<Json<Manifest>> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    Ok(Json(
        services::transport::manifest(&state, &viewer, at.event_id, at.key).await?,
    ))
}
