//! Every server function call passes through here. State-changing calls must
//! carry the CSRF token (checked once, here) and come from this site.
//!
//! A form posted without JavaScript gets a real web answer: on success a
//! `303 See Other` to the next page (with the flash message in a cookie), on
//! failure the page it came from, rendered again with what was typed and a
//! message at each field — nothing is lost and nothing is stored.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use app::api::Done;
use app::error::AppError;
use app::i18n::Lang;
use app::page_context::FormSubmission;
use app::services::auth::secrets_equal;
use app::state::AppState;
use app::web::{self, CSRF_FIELD, RequestContext};
use axum::Extension;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header, request::Parts};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;
use leptos::server_fn::error::FromServerFnError;

use crate::middleware::same_origin;

/// The largest form body accepted.
const BODY_LIMIT: usize = 256 * 1024;

/// Renders the Leptos app for a request (the same renderer the page routes
/// use), so a refused form can be shown again.
#[derive(Clone)]
pub struct PageRenderer(pub Arc<dyn Fn(Request) -> PageFuture + Send + Sync>);

pub type PageFuture = Pin<Box<dyn Future<Output = Response> + Send>>;

pub async fn handle(
    State(state): State<AppState>,
    Extension(render): Extension<PageRenderer>,
    request: Request,
) -> Response {
    if request.method() == Method::GET {
        return call_server_fn(&state, request).await;
    }
    let (mut parts, body) = request.into_parts();
    let lang = parts
        .extensions
        .get::<RequestContext>()
        .map(|ctx| ctx.lang)
        .unwrap_or_default();
    let Ok(bytes) = to_bytes(body, BODY_LIMIT).await else {
        return error_reply(
            AppError::bad_request(app::i18n::m::form_too_large()),
            false,
            lang,
        );
    };
    let no_js = is_plain_form_post(&parts);
    let form_encoded = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_encoded {
        return error_reply(
            AppError::bad_request(app::i18n::m::form_not_urlencoded()),
            no_js,
            lang,
        );
    }
    let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();

    let context = parts.extensions.get::<RequestContext>().cloned();
    let token_ok = context.as_ref().is_some_and(|ctx| {
        fields
            .iter()
            .any(|(k, v)| k == CSRF_FIELD && secrets_equal(v, &ctx.csrf_token))
    });
    if !token_ok || !same_origin(&parts.headers, &state.settings.site_url) {
        tracing::warn!(
            path = parts.uri.path(),
            "form refused: CSRF token or origin"
        );
        return if no_js {
            rerender(&render, &parts, fields, AppError::Csrf).await
        } else {
            error_reply(AppError::Csrf, false, lang)
        };
    }

    if !no_js {
        return call_server_fn(&state, Request::from_parts(parts, Body::from(bytes))).await;
    }

    // Without JavaScript: ask as a script would, then answer as a web page.
    let original = parts.clone();
    parts
        .headers
        .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    let reply = call_server_fn(&state, Request::from_parts(parts, Body::from(bytes))).await;
    let (reply_parts, reply_body) = reply.into_parts();
    let Ok(reply_body) = to_bytes(reply_body, BODY_LIMIT).await else {
        return error_reply(AppError::Internal, true, lang);
    };
    if reply_parts.status.is_success() {
        let Ok(done) = serde_json::from_slice::<Done>(&reply_body) else {
            tracing::error!(
                path = original.uri.path(),
                "server function reply is not a Done"
            );
            return error_reply(AppError::Internal, true, lang);
        };
        let mut response = Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, app::api::local_path(&done.redirect_to))
            .body(Body::empty())
            .unwrap_or_default();
        for cookie in reply_parts.headers.get_all(header::SET_COOKIE) {
            response
                .headers_mut()
                .append(header::SET_COOKIE, cookie.clone());
        }
        if let Some(message) = &done.flash {
            let secure = state.settings.secure_cookies();
            response
                .headers_mut()
                .append(header::SET_COOKIE, web::flash_cookie(message, secure));
        }
        response
    } else {
        let error = AppError::de(reply_body);
        rerender(&render, &original, fields, error).await
    }
}

/// `Retry-After` for the errors that say when to try again (429, 503).
pub fn set_retry_after(response: &mut Response, error: &AppError) {
    if let Some(seconds) = error.retry_after()
        && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
}

/// Runs the server function. A failure is answered with the status its
/// [`AppError`] calls for (Leptos itself would say 500 for everything).
async fn call_server_fn(state: &AppState, request: Request) -> Response {
    let state = state.clone();
    let response = leptos_axum::handle_server_fns_with_context(
        move || provide_context(state.clone()),
        request,
    )
    .await
    .into_response();
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, BODY_LIMIT).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let error = AppError::de(bytes.clone());
    parts.status =
        StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::from_parts(parts, Body::from(bytes));
    set_retry_after(&mut response, &error);
    response
}

/// A plain HTML form post (not the server-function client): the browser
/// asks for HTML.
fn is_plain_form_post(parts: &Parts) -> bool {
    parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// The error as the server-function client expects it: the encoded error
/// with its HTTP status. For no-JavaScript callers that cannot be re-shown
/// a page, a short plain page.
pub(crate) fn error_reply(error: AppError, no_js: bool, lang: Lang) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = if no_js {
        (status, error.render(lang)).into_response()
    } else {
        let body = String::from_utf8_lossy(&error.ser()).into_owned();
        (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    set_retry_after(&mut response, &error);
    response
}

/// Renders the page the form was on again, with the posted fields (minus
/// secrets) and the error, answering with the error's status.
async fn rerender(
    render: &PageRenderer,
    original: &Parts,
    fields: Vec<(String, String)>,
    error: AppError,
) -> Response {
    let page = referer_path(original).unwrap_or_else(|| "/".to_owned());
    let lang = original
        .extensions
        .get::<RequestContext>()
        .map(|ctx| ctx.lang)
        .unwrap_or_default();
    let Ok(uri) = page.parse::<Uri>() else {
        return error_reply(error, true, lang);
    };
    let fields = fields
        .into_iter()
        .filter(|(k, _)| k != CSRF_FIELD && !is_secret_field(k))
        .collect();
    let mut request = Request::builder()
        .method(Method::GET)
        .uri(uri)
        .body(Body::empty())
        .unwrap_or_default();
    *request.headers_mut() = original.headers.clone();
    request.headers_mut().remove(header::CONTENT_TYPE);
    request.headers_mut().remove(header::CONTENT_LENGTH);
    if let Some(mut context) = original.extensions.get::<RequestContext>().cloned() {
        context.submission = Some(FormSubmission {
            action: original.uri.path().to_owned(),
            fields,
            error: error.clone(),
        });
        request.extensions_mut().insert(context);
    }
    let mut response = (render.0)(request).await;
    if response.status().is_success() {
        *response.status_mut() =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    }
    set_retry_after(&mut response, &error);
    response
}

/// The path (and query) of the page that posted, if it is on this site.
fn referer_path(parts: &Parts) -> Option<String> {
    let referer = parts.headers.get(header::REFERER)?.to_str().ok()?;
    let host = parts.headers.get(header::HOST)?.to_str().ok()?;
    let rest = referer.split_once("://")?.1;
    let (referer_host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    (referer_host == host).then(|| app::api::local_path(if path.is_empty() { "/" } else { path }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(headers: &[(&str, &str)]) -> Parts {
        let mut builder = Request::builder().uri("/fn/save_event");
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(()).unwrap().into_parts().0
    }

    #[test]
    fn referers_from_this_site_are_followed_back() {
        let p = parts(&[
            ("host", "127.0.0.1:3000"),
            ("referer", "http://127.0.0.1:3000/events/new?x=1"),
        ]);
        assert_eq!(referer_path(&p).as_deref(), Some("/events/new?x=1"));
        let p = parts(&[
            ("host", "127.0.0.1:3000"),
            ("referer", "http://127.0.0.1:3000"),
        ]);
        assert_eq!(referer_path(&p).as_deref(), Some("/"));
        let p = parts(&[
            ("host", "127.0.0.1:3000"),
            ("referer", "https://evil.example/x"),
        ]);
        assert_eq!(referer_path(&p), None);
    }
}

/// Fields never echoed back into a page: passwords and PINs.
fn is_secret_field(name: &str) -> bool {
    name.contains("password") || name == "pin" || name.ends_with("_pin")
}

#[cfg(test)]
mod secret_field_tests {
    use super::is_secret_field;

    #[test]
    fn passwords_and_pins_are_never_echoed() {
        for name in [
            "password",
            "new_password",
            "current_password",
            "pin",
            "kiosk_pin",
        ] {
            assert!(is_secret_field(name), "{name}");
        }
        for name in ["title", "pinned", "email", "spinach"] {
            assert!(!is_secret_field(name), "{name}");
        }
    }
}
