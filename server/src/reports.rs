//! Downloads that are not pages: the participation report as CSV.

use app::error::AppError;
use app::state::AppState;
use app::web::RequestContext;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Range {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// `GET /reports/participation.csv?from=YYYY-MM-DD&to=YYYY-MM-DD`: for
/// signed-in recreation staff and admins; the export is written to the
/// audit log, and the file name names no one.
pub async fn participation_csv(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Query(range): Query<Range>,
) -> Response {
    let Some(viewer) = context.viewer else {
        return crate::api::ApiError(AppError::Unauthorized).into_response();
    };
    match app::services::reports::participation(&state, &viewer, &range.from, &range.to, true).await
    {
        Ok(report) => {
            // In the language this request is answered in (the person's
            // choice, `?lang=`, the browser's, the facility's).
            let (name, body) = app::services::reports::participation_csv_in(&report, context.lang);
            let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/csv; charset=utf-8"),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("private, no-store"),
                    ),
                ],
                body,
            )
                .into_response()
        }
        Err(error) => crate::api::ApiError(error).into_response(),
    }
}
