//! The iCal routes: `/events/{id}.ics`, `/calendar.ics`,
//! `/calendar/{kind}.ics` and `/feeds/{token}.ics`, with strong ETags,
//! Last-Modified and `304 Not Modified` answers.
//!
//! `/events/{id}` and `/calendar/{…}` are also pages, so those two routes
//! come here first and hand anything not ending in `.ics` to the page
//! renderer.

use app::domain::event::{EventId, EventKind};
use app::error::AppError;
use app::services::feeds::{self, Feed, PersonalFeed};
use app::state::AppState;
use app::web::RequestContext;
use axum::Extension;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use crate::api::ApiError;
use crate::forms::PageRenderer;

/// `GET /calendar.ics`
pub async fn facility(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    headers: HeaderMap,
) -> Response {
    match feeds::facility_feed(&state, &context.facility, None).await {
        Ok(feed) => respond(&headers, feed),
        Err(error) => ApiError(error).into_response(),
    }
}

/// `GET /calendar/{kind}.ics`; other `/calendar/…` paths are pages.
pub async fn calendar_path(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Extension(render): Extension<PageRenderer>,
    Path(file): Path<String>,
    request: Request,
) -> Response {
    let Some(name) = file.strip_suffix(".ics") else {
        return (render.0)(request).await;
    };
    let Ok(kind) = EventKind::parse(name) else {
        return ApiError(AppError::NotFound).into_response();
    };
    match feeds::facility_feed(&state, &context.facility, Some(kind)).await {
        Ok(feed) => respond(request.headers(), feed),
        Err(error) => ApiError(error).into_response(),
    }
}

/// `GET /events/{id}.ics`; `/events/{id}` itself is the event's page.
pub async fn event_path(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Extension(render): Extension<PageRenderer>,
    Path(file): Path<String>,
    request: Request,
) -> Response {
    let Some(id) = file.strip_suffix(".ics") else {
        return (render.0)(request).await;
    };
    let Ok(id) = id.parse::<i64>() else {
        return ApiError(AppError::NotFound).into_response();
    };
    match feeds::event_file(&state, context.viewer.as_ref(), EventId(id)).await {
        Ok(feed) => respond(request.headers(), feed),
        Err(error) => ApiError(error).into_response(),
    }
}

/// `GET /feeds/{token}.ics`: a person's own calendar.
pub async fn personal(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return ApiError(AppError::NotFound).into_response();
    };
    match feeds::personal_feed(&state, token).await {
        Ok(PersonalFeed::Live(feed) | PersonalFeed::Emptied(feed)) => respond(&headers, feed),
        Ok(PersonalFeed::Gone) => ApiError(AppError::NotFound).into_response(),
        Err(error) => ApiError(error).into_response(),
    }
}

/// The request path as logged: a personal feed's secret is never written.
pub fn loggable_path(path: &str) -> &str {
    if path.starts_with("/feeds/") {
        "/feeds/{token}.ics"
    } else {
        path
    }
}

/// An HTTP-date (RFC 9110 §5.6.7).
fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Whether the client's copy is current: `If-None-Match` decides when
/// present (weak comparison, `*` matches), else `If-Modified-Since`.
fn not_modified(headers: &HeaderMap, feed: &Feed) -> bool {
    if let Some(value) = headers.get(header::IF_NONE_MATCH) {
        let Ok(value) = value.to_str() else {
            return false;
        };
        return value
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == feed.etag);
    }
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
        .is_some_and(|since| feed.last_modified.timestamp() <= since.timestamp())
}

fn respond(headers: &HeaderMap, feed: Feed) -> Response {
    let cache = if feed.private {
        "private, no-cache"
    } else {
        "public, no-cache"
    };
    let mut response = if not_modified(headers, &feed) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response
    } else {
        let mut response = Response::new(Body::from(feed.body));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/calendar; charset=utf-8"),
        );
        if let Some(name) = &feed.file_name
            && let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
        response
    };
    let out = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(&feed.etag) {
        out.insert(header::ETAG, etag);
    }
    if let Ok(date) = HeaderValue::from_str(&http_date(feed.last_modified)) {
        out.insert(header::LAST_MODIFIED, date);
    }
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if feed.private {
        out.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed() -> Feed {
        Feed {
            body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
            etag: "\"abc\"".into(),
            last_modified: DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z")
                .map(|d| d.with_timezone(&Utc))
                .unwrap_or_default(),
            private: true,
            file_name: None,
        }
    }

    fn with(name: header::HeaderName, value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn etags_match_strongly_weakly_and_in_lists() {
        assert!(not_modified(
            &with(header::IF_NONE_MATCH, "\"abc\""),
            &feed()
        ));
        assert!(not_modified(
            &with(header::IF_NONE_MATCH, "W/\"abc\""),
            &feed()
        ));
        assert!(not_modified(
            &with(header::IF_NONE_MATCH, "\"x\", \"abc\""),
            &feed()
        ));
        assert!(not_modified(&with(header::IF_NONE_MATCH, "*"), &feed()));
        assert!(!not_modified(
            &with(header::IF_NONE_MATCH, "\"abd\""),
            &feed()
        ));
    }

    #[test]
    fn if_modified_since_compares_seconds() {
        let same = with(header::IF_MODIFIED_SINCE, "Thu, 26 Nov 2026 10:00:00 GMT");
        let earlier = with(header::IF_MODIFIED_SINCE, "Thu, 26 Nov 2026 09:59:59 GMT");
        assert!(not_modified(&same, &feed()));
        assert!(!not_modified(&earlier, &feed()));
        assert!(!not_modified(
            &with(header::IF_MODIFIED_SINCE, "yesterday"),
            &feed()
        ));
    }

    #[test]
    fn if_none_match_wins_over_if_modified_since() {
        let mut headers = with(header::IF_NONE_MATCH, "\"old\"");
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("Thu, 26 Nov 2026 10:00:00 GMT"),
        );
        assert!(!not_modified(&headers, &feed()));
    }

    #[test]
    fn feed_secrets_are_not_logged() {
        assert_eq!(loggable_path("/feeds/abcdef.ics"), "/feeds/{token}.ics");
        assert_eq!(loggable_path("/calendar.ics"), "/calendar.ics");
    }

    #[test]
    fn http_dates_are_imf_fixdate() {
        assert_eq!(
            http_date(feed().last_modified),
            "Thu, 26 Nov 2026 10:00:00 GMT"
        );
    }
}
