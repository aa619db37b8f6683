//! The iCal routes: `/events/{id}.ics`, `/calendar.ics`,
//! `/calendar/{kind}.ics` and `/feeds/{token}.ics`, with strong ETags,
//! Last-Modified and `304 Not Modified` answers.
//!
//! `/events/{id}` and `/calendar/{…}` are also pages, so those two routes
//! come here first and hand anything not ending in `.ics` to the page
//! renderer.

use app::domain::event::{EventId, EventKind};
use app::error::AppError;
use app::services::feed_cache::Encoding;
use app::services::feeds::{self, Conditional, Feed, PersonalFeed};
use app::state::AppState;
use app::web::RequestContext;
use axum::Extension;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use crate::api::ApiError;
use crate::forms::PageRenderer;

/// `GET /calendar.ics` (outside the page middleware: no cookie, no
/// session, no facility lookup before the copy in memory is found).
pub async fn facility(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    facility_or_kind(&state, None, &uri, &headers).await
}

/// `GET /calendar/{kind}.ics`, one route per kind next to `/calendar.ics`.
pub fn kind_routes() -> axum::Router<AppState> {
    EventKind::ALL
        .into_iter()
        .fold(axum::Router::new(), |router, kind| {
            router.route(
                &format!("/calendar/{}.ics", kind.as_str()),
                axum::routing::get(
                    move |State(state): State<AppState>, uri: Uri, headers: HeaderMap| async move {
                        facility_or_kind(&state, Some(kind), &uri, &headers).await
                    },
                ),
            )
        })
}

async fn facility_or_kind(
    state: &AppState,
    kind: Option<EventKind>,
    uri: &Uri,
    headers: &HeaderMap,
) -> Response {
    let asked = app::web::query_lang(uri.query());
    match feeds::facility_feed(state, kind, asked, &conditional(headers)).await {
        Ok(feed) => respond(
            feed,
            headers,
            if kind.is_some() { "kind" } else { "facility" },
        ),
        Err(error) => ApiError(error).into_response(),
    }
}

/// `GET /calendar/{file}` for anything but a kind's feed: pages such as
/// `/calendar/print`, or 404 for an unknown `.ics`.
pub async fn calendar_path(
    Extension(render): Extension<PageRenderer>,
    Path(file): Path<String>,
    request: Request,
) -> Response {
    if file.ends_with(".ics") {
        return ApiError(AppError::NotFound).into_response();
    }
    (render.0)(request).await
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
    let headers = request.headers();
    match feeds::event_file(
        &state,
        context.viewer.as_ref(),
        EventId(id),
        context.lang,
        app::web::query_lang(request.uri().query()),
        &conditional(headers),
    )
    .await
    {
        Ok(feed) => respond(feed, headers, "event"),
        Err(error) => ApiError(error).into_response(),
    }
}

/// `GET /feeds/{token}.ics`: a person's own calendar.
pub async fn personal(
    State(state): State<AppState>,
    Path(file): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return ApiError(AppError::NotFound).into_response();
    };
    let asked = app::web::query_lang(uri.query());
    match feeds::personal_feed(&state, token, asked, &conditional(&headers)).await {
        Ok(PersonalFeed::Live(feed) | PersonalFeed::Emptied(feed)) => {
            respond(feed, &headers, "personal")
        }
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

/// What the client holds, from `If-None-Match` and `If-Modified-Since`
/// (an unreadable date is ignored, as RFC 9110 says).
fn conditional(headers: &HeaderMap) -> Conditional {
    Conditional {
        if_none_match: headers
            .get(header::IF_NONE_MATCH)
            .map(|v| v.to_str().unwrap_or("\"\"").to_owned()),
        if_modified_since: headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
            .map(|d| d.with_timezone(&Utc)),
    }
}

/// The feed from memory: 304 when the client's copy is current, else its
/// bytes in the best encoding the client accepts.
fn respond(feed: Feed, headers: &HeaderMap, kind: &'static str) -> Response {
    if feed.written {
        crate::metrics::feed_rendered(kind);
    } else {
        crate::metrics::feed_from_memory(kind);
    }
    let rendered = &feed.rendered;
    let cache = if rendered.private {
        "private, no-cache"
    } else {
        "public, no-cache"
    };
    let mut response = if feed.not_modified {
        crate::metrics::feed_not_modified(kind);
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response
    } else {
        let encoding = Encoding::choose(
            headers
                .get(header::ACCEPT_ENCODING)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default(),
        );
        let mut response = Response::new(Body::from(rendered.bytes(encoding)));
        let out = response.headers_mut();
        out.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/calendar; charset=utf-8"),
        );
        if let Some(coding) = encoding.header() {
            out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        if let Some(name) = &rendered.file_name
            && let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        {
            out.insert(header::CONTENT_DISPOSITION, value);
        }
        response
    };
    let out = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(&rendered.etag) {
        out.insert(header::ETAG, etag);
    }
    if let Ok(date) = HeaderValue::from_str(&rendered.last_modified_http) {
        out.insert(header::LAST_MODIFIED, date);
    }
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    out.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if rendered.private {
        out.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(name: header::HeaderName, value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn conditional_headers_are_read() {
        let etag = conditional(&with(header::IF_NONE_MATCH, "\"abc\""));
        assert_eq!(etag.if_none_match.as_deref(), Some("\"abc\""));
        let date = conditional(&with(
            header::IF_MODIFIED_SINCE,
            "Thu, 26 Nov 2026 10:00:00 GMT",
        ));
        assert_eq!(
            date.if_modified_since.map(|d| d.to_rfc3339()),
            Some("2026-11-26T10:00:00+00:00".to_owned())
        );
        let junk = conditional(&with(header::IF_MODIFIED_SINCE, "yesterday"));
        assert!(junk.if_modified_since.is_none());
    }

    #[test]
    fn feed_secrets_are_not_logged() {
        assert_eq!(loggable_path("/feeds/abcdef.ics"), "/feeds/{token}.ics");
        assert_eq!(loggable_path("/calendar.ics"), "/calendar.ics");
    }

    #[test]
    fn http_dates_are_imf_fixdate() {
        let at = DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        let rendered = app::services::feed_cache::Rendered::new(
            String::new(),
            "\"e\"".to_owned(),
            at,
            false,
            None,
        );
        assert_eq!(rendered.last_modified_http, "Thu, 26 Nov 2026 10:00:00 GMT");
    }
}
