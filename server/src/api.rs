//! The JSON API, v1, under `/api/v1`. Authenticated with personal tokens
//! (`Authorization: Bearer …`); the OpenAPI document at
//! `/api/v1/openapi.json` is generated from these handlers.

use app::domain::occurrence::BadOccurrenceKey;
use app::error::AppError;
use app::i18n::{Lang, m};
use app::services::auth::Viewer;
use app::state::AppState;
use app::web::RequestContext;
use axum::Json;
use axum::extract::FromRequestParts;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::middleware::AuthMethod;

pub mod events;
pub mod karaoke;
pub mod meetings;
pub mod occurrences;
pub mod people;
pub mod rsvps;
pub mod signups;
pub mod transport;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hearth API",
        description = "Plan a facility's recreation events. Authenticate with a personal token \
                       (`hearth token create`) as `Authorization: Bearer <token>`.",
    ),
    modifiers(&BearerAuth),
    security(("token" = [])),
    tags((name = "events", description = "Events on the facility's calendar: one-offs and series"),
         (name = "occurrences", description = "The dated instances of events, and changes to one of them"),
         (name = "people", description = "Accounts and the stay lifecycle"),
         (name = "rsvps", description = "Who is coming to an occurrence, and who came"),
         (name = "transport", description = "Vans for off-site events, who may come, the staff ratio and manifests"),
         (name = "meetings", description = "12-step meetings: outside panels and the Meeting Guide import"),
         (name = "karaoke", description = "The song queue of a karaoke occurrence"),
         (name = "signups", description = "Potluck dish slots and volunteer tasks on an occurrence"),
         (name = "meta", description = "This document")),
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The API's routes and the OpenAPI document describing exactly them.
pub fn router() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(events::list_events, events::create_event))
        .routes(routes!(events::get_event, events::update_event))
        .routes(routes!(events::cancel_event))
        .routes(routes!(occurrences::list_occurrences))
        .routes(routes!(
            occurrences::get_occurrence,
            occurrences::change_occurrence
        ))
        .routes(routes!(occurrences::split_series))
        .routes(routes!(people::list_people, people::create_person))
        .routes(routes!(people::me))
        .routes(routes!(people::discharge))
        .routes(routes!(people::readmit))
        .routes(routes!(rsvps::list_rsvps))
        .routes(routes!(rsvps::put_rsvp, rsvps::delete_rsvp))
        .routes(routes!(rsvps::post_attendance))
        .routes(routes!(
            transport::get_transport,
            transport::put_transport,
            transport::delete_transport
        ))
        .routes(routes!(transport::put_rules))
        .routes(routes!(transport::get_manifest))
        .routes(routes!(
            meetings::get_panel,
            meetings::put_panel,
            meetings::delete_panel
        ))
        .routes(routes!(meetings::get_panel_contact))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(meetings::import_meeting_guide))
                .layer(axum::extract::DefaultBodyLimit::max(
                    app::ical::import::MAX_BYTES,
                )),
        )
        .routes(routes!(karaoke::list_songs, karaoke::add_song))
        .routes(routes!(karaoke::withdraw_song))
        .routes(routes!(karaoke::run_queue))
        .routes(routes!(signups::list_slots, signups::create_slot))
        .routes(routes!(signups::update_slot, signups::delete_slot))
        .routes(routes!(signups::claim_slot))
        .routes(routes!(signups::withdraw_claim))
        .routes(routes!(openapi_json))
        .split_for_parts();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    document_common_answers(&mut doc);
    let served = doc.clone();
    let router = router.layer(axum::Extension(std::sync::Arc::new(served)));
    (router, doc)
}

/// This OpenAPI 3 document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    security(()),
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json"))
)]
async fn openapi_json(
    axum::Extension(doc): axum::Extension<std::sync::Arc<utoipa::openapi::OpenApi>>,
) -> Response {
    Json(doc.as_ref().clone()).into_response()
}

/// Adds to every operation the answers any operation of its shape can
/// give, so that its entry lists every status it can return: `401` when it
/// needs a token; `400` (the body or query could not be read) and `422` (a
/// field is wrong) when it takes a body or a query; `404` when its path
/// names something; `422` too when the path carries an occurrence key;
/// `500` everywhere. An operation's own description of a status is kept.
fn document_common_answers(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let answer = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build(),
        )
    };
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [
            item.get.as_mut(),
            item.put.as_mut(),
            item.post.as_mut(),
            item.delete.as_mut(),
            item.patch.as_mut(),
        ];
        for operation in operations.into_iter().flatten() {
            let open = operation
                .security
                .as_ref()
                .is_some_and(|s| s.iter().all(|r| r == &Default::default()));
            let has_query = operation
                .parameters
                .iter()
                .flatten()
                .any(|p| matches!(p.parameter_in, ParameterIn::Query));
            let takes_input = operation.request_body.is_some() || has_query;
            let mut add = |status: &str, description: &str| {
                operation
                    .responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| answer(description));
            };
            if !open {
                add("401", "No token, or a token that is revoked or expired");
            }
            if takes_input {
                add(
                    "400",
                    "The body or query string could not be read (not JSON, wrong content type)",
                );
                add(
                    "422",
                    "A field is wrong; the error names it; nothing was changed",
                );
            }
            if path.contains('{') {
                add("404", "Not found, or not visible to the token's owner");
            }
            if path.contains("{key}") {
                add(
                    "422",
                    "A field is wrong (e.g. `key` is not an occurrence key); nothing was changed",
                );
            }
            add(
                "500",
                "Something went wrong on the server; nothing was changed",
            );
        }
    }
}

/// The error body every API failure has.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Machine-readable: `validation`, `bad_request`, `unauthorized`,
    /// `forbidden`, `not_found`, `conflict`, `rate_limited`, `internal`.
    pub code: String,
    pub message: String,
    /// The request field at fault (the first, when several are).
    pub field: Option<String>,
    /// Every field problem, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<FieldProblem>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// An [`AppError`] answered as JSON with its status.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        ApiError(error)
    }
}

/// A path's occurrence key that is not one: `422` at the `key` field.
impl From<BadOccurrenceKey> for ApiError {
    fn from(refused: BadOccurrenceKey) -> Self {
        ApiError(refused.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let error = self.0;
        let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
        // Written in the reference language here; the request-context
        // middleware writes it again in the requester's language.
        let mut response = (status, Json(error_body(&error, Lang::default()))).into_response();
        if let AppError::Unauthorized = error {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"hearth\""),
            );
        }
        crate::forms::set_retry_after(&mut response, &error);
        response.extensions_mut().insert(error);
        response
    }
}

/// The JSON error body of `error`, its messages in `lang`.
pub fn error_body(error: &AppError, lang: Lang) -> ErrorBody {
    let details: Vec<FieldProblem> = match error {
        AppError::Validation { errors } => errors
            .0
            .iter()
            .map(|e| FieldProblem {
                field: e.field.clone(),
                message: e.message.render(lang).into_owned(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let (message, field) = match details.first() {
        Some(first) => (first.message.clone(), Some(first.field.clone())),
        None => (error.render(lang), None),
    };
    ErrorBody {
        error: ErrorDetail {
            code: error.code().to_owned(),
            message,
            field,
            details,
        },
    }
}

/// Writes an API error's body again in `lang` (the error rides in the
/// response's extensions from [`ApiError::into_response`]).
pub fn localize_error(response: &mut Response, lang: Lang) {
    if lang == Lang::default() {
        return;
    }
    let Some(error) = response.extensions_mut().remove::<AppError>() else {
        return;
    };
    if let Ok(body) = serde_json::to_vec(&error_body(&error, lang)) {
        response.headers_mut().remove(header::CONTENT_LENGTH);
        *response.body_mut() = axum::body::Body::from(body);
    }
}

/// The language the request is answered in (see `RequestContext::lang`).
pub struct ApiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ApiLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ApiLang(
            parts
                .extensions
                .get::<RequestContext>()
                .map(|ctx| ctx.lang)
                .unwrap_or_default(),
        ))
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        ApiError(match rejection {
            JsonRejection::JsonDataError(e) => {
                AppError::field("body", m::api_body_invalid(e.body_text()))
            }
            JsonRejection::MissingJsonContentType(_) => {
                AppError::bad_request(m::api_body_not_json_content_type())
            }
            other => AppError::bad_request(m::api_body_unreadable(other.body_text())),
        })
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError(AppError::bad_request(m::api_query_invalid(
            rejection.body_text(),
        )))
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        ApiError(AppError::NotFound)
    }
}

/// A JSON body whose rejections answer in the API's error format. Every
/// request body of the API is a JSON object: an array, a string or a
/// number is refused with `422` before it is read into `T` (serde would
/// read an array into a struct field by field).
pub struct ApiJson<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let Json(value) = Json::<serde_json::Value>::from_request(request, state).await?;
        if !value.is_object() {
            return Err(ApiError(AppError::field("body", m::api_body_not_object())));
        }
        serde_json::from_value(value)
            .map(ApiJson)
            .map_err(|e| ApiError(AppError::field("body", m::api_body_invalid(e.to_string()))))
    }
}

#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// The person behind the request's API token; `401` without one.
pub struct ApiViewer(pub Viewer);

impl<S: Send + Sync> FromRequestParts<S> for ApiViewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let by_token = parts.extensions.get::<AuthMethod>() == Some(&AuthMethod::Token);
        parts
            .extensions
            .get::<RequestContext>()
            .and_then(|ctx| ctx.viewer.clone())
            .filter(|_| by_token)
            .map(ApiViewer)
            .ok_or(ApiError(AppError::Unauthorized))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
