//! `/api/v1/people`, `/api/v1/me`: accounts and the stay lifecycle.

use app::domain::person::{Action, Person, PersonId, PersonStatus, Role};
use app::error::AppError;
use app::services;
use app::services::people::NewClient;
use app::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, ApiPath, ApiResult, ApiViewer, ErrorBody};

/// A person as the API shows them to staff (clients see only themselves).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PersonOut {
    pub id: i64,
    /// admin, recreation_staff, staff or client.
    pub role: String,
    /// Full name for staff; first name and last initial for clients.
    pub name: String,
    pub email: Option<String>,
    pub login: Option<String>,
    /// active or discharged.
    pub status: String,
    pub house: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub admission_date: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub expected_discharge_date: Option<String>,
    pub discharged_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<Person> for PersonOut {
    fn from(p: Person) -> Self {
        PersonOut {
            id: p.id.0,
            role: p.role.as_str().to_owned(),
            name: p.display_name,
            email: p.email,
            login: p.login,
            status: p.status.as_str().to_owned(),
            house: p.house,
            admission_date: p.admission_date.map(|d| d.to_string()),
            expected_discharge_date: p.expected_discharge_date.map(|d| d.to_string()),
            discharged_at: p.discharged_at,
        }
    }
}

/// A new account. Clients: `name` is the preferred first name and last
/// initial ("Maria G."); e-mail, login, password and PIN are optional.
/// Staff and admins (admins only): name, e-mail and password.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PersonIn {
    /// client (default), staff, recreation_staff or admin.
    pub role: Option<String>,
    #[schema(example = "Maria G.")]
    pub name: String,
    pub email: Option<String>,
    pub login: Option<String>,
    pub password: Option<String>,
    /// Kiosk PIN, 6 to 8 digits, not a trivial one.
    pub pin: Option<String>,
    pub house: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub admission_date: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub expected_discharge_date: Option<String>,
}

/// Creates an account.
#[utoipa::path(
    post,
    path = "/api/v1/people",
    tag = "people",
    request_body = PersonIn,
    responses(
        (status = 201, body = PersonOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "Invalid fields; nothing stored"),
        (status = 503, body = ErrorBody, description = "Too many passwords and PINs are being hashed; try again after Retry-After seconds"),
    )
)]
pub async fn create_person(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiJson(input): ApiJson<PersonIn>,
) -> ApiResult<(StatusCode, Json<PersonOut>)> {
    let role = Role::parse(input.role.as_deref().unwrap_or("client"))
        .map_err(|m| AppError::field("role", m))?;
    let person = if role == Role::Client {
        services::people::add_client_as(
            &state,
            &viewer,
            NewClient {
                name: input.name,
                email: input.email.unwrap_or_default(),
                login: input.login.unwrap_or_default(),
                password: input.password.unwrap_or_default(),
                pin: input.pin.unwrap_or_default(),
                house: input.house.unwrap_or_default(),
                admission_date: date_field("admission_date", input.admission_date)?,
                expected_discharge_date: date_field(
                    "expected_discharge_date",
                    input.expected_discharge_date,
                )?,
            },
        )
        .await?
    } else {
        viewer.require(Action::ManageStaff)?;
        services::people::add(
            &state,
            viewer.facility.id,
            services::people::NewAccount {
                role,
                name: input.name,
                email: input.email.unwrap_or_default(),
                password: input.password.unwrap_or_default(),
            },
        )
        .await?
    };
    Ok((StatusCode::CREATED, Json(person.into())))
}

/// A date field of the API: left out is none; given, it must be a date (the
/// forms send an empty text for none, the API does not).
fn date_field(field: &str, value: Option<String>) -> Result<String, AppError> {
    match value {
        None => Ok(String::new()),
        Some(text) if text.trim().is_empty() => Err(AppError::field(
            field,
            app::i18n::m::time_date_malformed(text),
        )),
        Some(text) => Ok(text),
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct PeopleList {
    pub people: Vec<PersonOut>,
}

/// The people of the facility (staff): staff first, then clients.
#[utoipa::path(
    get,
    path = "/api/v1/people",
    tag = "people",
    responses(
        (status = 200, body = PeopleList),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
    )
)]
pub async fn list_people(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
) -> ApiResult<Json<PeopleList>> {
    let people = services::people::directory(&state, &viewer).await?;
    Ok(Json(PeopleList {
        people: people.into_iter().map(Into::into).collect(),
    }))
}

/// The person the token belongs to.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "people",
    responses((status = 200, body = PersonOut), (status = 401, body = ErrorBody))
)]
pub async fn me(ApiViewer(viewer): ApiViewer) -> ApiResult<Json<PersonOut>> {
    Ok(Json(viewer.person.into()))
}

/// Discharges a client now: sign-in and feeds stop, future RSVPs are
/// released (the waitlist moves up). Discharging twice changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/people/{id}/discharge",
    tag = "people",
    params(("id" = i64, Path, description = "Person id")),
    responses(
        (status = 200, body = PersonOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Not a client"),
    )
)]
pub async fn discharge(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PersonOut>> {
    let person = services::people::discharge(&state, &viewer, PersonId(id)).await?;
    Ok(Json(person.into()))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ReadmitIn {
    /// Defaults to today.
    #[schema(value_type = Option<String>, format = Date)]
    pub admission_date: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub expected_discharge_date: Option<String>,
}

/// Readmits a discharged client for a new stay.
#[utoipa::path(
    post,
    path = "/api/v1/people/{id}/readmit",
    tag = "people",
    params(("id" = i64, Path, description = "Person id")),
    request_body = ReadmitIn,
    responses(
        (status = 200, body = PersonOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Not discharged"),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn readmit(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ReadmitIn>,
) -> ApiResult<Json<PersonOut>> {
    let person = services::people::readmit(
        &state,
        &viewer,
        PersonId(id),
        &date_field("admission_date", input.admission_date)?,
        &date_field("expected_discharge_date", input.expected_discharge_date)?,
    )
    .await?;
    debug_assert!(person.status == PersonStatus::Active);
    Ok(Json(person.into()))
}
