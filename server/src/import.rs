//! `POST /events/import`: the .ics upload form (multipart, so it works
//! without JavaScript). The form's CSRF token and origin are checked here,
//! the import runs, and the import page is rendered again with what it did.

use app::domain::event::EventKind;
use app::domain::event::Fellowship;
use app::domain::person::Action;
use app::error::AppError;
use app::i18n::{Message, m};
use app::services::auth::secrets_equal;
use app::services::import::{UploadOutcome, import_ics};
use app::services::meeting_guide::{
    GuideOptions, GuideSummary, GuideUploadOutcome, import_meeting_guide,
};
use app::state::AppState;
use app::web::{CSRF_FIELD, RequestContext};
use axum::Extension;
use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::api::ApiError;
use crate::forms::PageRenderer;
use crate::middleware::same_origin;

/// The largest upload body (the file plus the other fields).
pub const BODY_LIMIT: usize = app::ical::import::MAX_BYTES + 64 * 1024;

struct Upload {
    csrf: String,
    kind: String,
    /// `ics` (default) or `meeting_guide`.
    format: String,
    fellowship: String,
    dry_run: bool,
    file: Option<String>,
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, Message> {
    let mut upload = Upload {
        csrf: String::new(),
        kind: String::new(),
        format: String::new(),
        fellowship: String::new(),
        dry_run: false,
        file: None,
    };
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| m::upload_unreadable())?
    {
        let name = field.name().unwrap_or("").to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|_| m::upload_too_large(app::ical::import::MAX_BYTES / 1024 / 1024))?;
        match name.as_str() {
            CSRF_FIELD => upload.csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "kind" => upload.kind = String::from_utf8_lossy(&bytes).into_owned(),
            "format" => upload.format = String::from_utf8_lossy(&bytes).into_owned(),
            "fellowship" => upload.fellowship = String::from_utf8_lossy(&bytes).into_owned(),
            "dry_run" => upload.dry_run = !bytes.is_empty(),
            "file" if !bytes.is_empty() => {
                upload.file =
                    Some(String::from_utf8(bytes.to_vec()).map_err(|_| m::upload_not_utf8())?);
            }
            _ => {}
        }
    }
    Ok(upload)
}

pub async fn upload(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Extension(render): Extension<PageRenderer>,
    request: Request,
) -> Response {
    let Some(viewer) = context.viewer.clone() else {
        return ApiError(AppError::Unauthorized).into_response();
    };
    if let Err(error) = viewer.require(Action::ManageEvents) {
        return ApiError(error).into_response();
    }
    let headers = request.headers().clone();
    if !same_origin(&headers, &state.settings.site_url) {
        return ApiError(AppError::Csrf).into_response();
    }
    let outcome = match Multipart::from_request(request, &state).await {
        Err(_) => Err(m::upload_not_multipart()),
        Ok(multipart) => match read_upload(multipart).await {
            Err(message) => Err(message),
            Ok(upload) if !secrets_equal(&upload.csrf, &context.csrf_token) => {
                return ApiError(AppError::Csrf).into_response();
            }
            Ok(upload) if upload.format == "meeting_guide" => {
                let outcome = import_guide(&state, &viewer, upload).await;
                return render_page(render, headers, context, GuideUploadOutcome(outcome)).await;
            }
            Ok(upload) => match (EventKind::parse(&upload.kind), upload.file) {
                (Err(message), _) => Err(message),
                (_, None) => Err(m::upload_choose_ics()),
                (Ok(kind), Some(text)) => import_ics(
                    &state,
                    &viewer.facility,
                    Some(viewer.person.id),
                    &text,
                    kind,
                    |_, _| {},
                )
                .await
                .map_err(|error| error.full_message()),
            },
        },
    };
    render_page(render, headers, context, UploadOutcome(outcome)).await
}

async fn import_guide(
    state: &AppState,
    viewer: &app::services::auth::Viewer,
    upload: Upload,
) -> Result<GuideSummary, Message> {
    let fellowship = Fellowship::parse(&upload.fellowship)?;
    let Some(text) = upload.file else {
        return Err(m::upload_choose_guide());
    };
    import_meeting_guide(
        state,
        &viewer.facility,
        Some(viewer.person.id),
        &text,
        GuideOptions {
            fellowship,
            dry_run: upload.dry_run,
        },
        |_, _| {},
    )
    .await
    .map_err(|error| error.full_message())
}

/// Renders the import page with an outcome (an [`UploadOutcome`] or a
/// [`GuideUploadOutcome`]); 422 when the file was refused.
async fn render_page<T: Refused + Clone + Send + Sync + 'static>(
    render: PageRenderer,
    headers: axum::http::HeaderMap,
    context: RequestContext,
    outcome: T,
) -> Response {
    let refused = outcome.refused();
    let mut page = Request::builder()
        .method(Method::GET)
        .uri("/events/import")
        .body(Body::empty())
        .unwrap_or_default();
    *page.headers_mut() = headers;
    page.headers_mut().remove(header::CONTENT_TYPE);
    page.headers_mut().remove(header::CONTENT_LENGTH);
    page.extensions_mut().insert(context);
    page.extensions_mut().insert(outcome);
    let mut response = (render.0)(page).await;
    if refused && response.status().is_success() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

trait Refused {
    fn refused(&self) -> bool;
}

impl Refused for UploadOutcome {
    fn refused(&self) -> bool {
        self.0.is_err()
    }
}

impl Refused for GuideUploadOutcome {
    fn refused(&self) -> bool {
        self.0.is_err()
    }
}
