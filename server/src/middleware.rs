//! Resolves who is asking before a request reaches a page, a server function
//! or the JSON API, and hands out the CSRF cookie.

use std::net::SocketAddr;

use app::i18n::Lang;
use app::services::auth::{self, Viewer};
use app::state::{AppState, TrustedProxies};
use app::web::{self, RequestContext};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// How the viewer authenticated, if at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMethod {
    Anonymous,
    /// The session cookie (pages and server functions).
    Session,
    /// `Authorization: Bearer` (the JSON API).
    Token,
}

/// What a person whose password was reset may do before changing it:
/// change it, sign out, or switch the language of the page that asks.
const MAY_BEFORE_PASSWORD_CHANGE: [&str; 3] =
    ["/fn/change_password", "/fn/sign_out", "/fn/set_language"];

/// Puts a [`RequestContext`] and an [`AuthMethod`] into the request's
/// extensions; sets the CSRF cookie on the first visit and clears a flash
/// message once a page has shown it.
pub async fn request_context(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let secure = state.settings.secure_cookies();
    let headers = request.headers();
    let address = client_address(&request, &state.settings.proxies);

    let csrf_cookie = web::csrf_cookie_name(secure);
    let existing_csrf = web::read_cookie(headers, &csrf_cookie).filter(|t| is_secret(t));
    let csrf_token = existing_csrf.map_or_else(auth::random_secret, str::to_owned);
    let new_csrf = existing_csrf.is_none();

    let query_lang = web::query_lang(request.uri().query());
    let switched_lang =
        web::read_cookie(headers, &web::lang_cookie_name(secure)).and_then(Lang::from_code);
    let browser_lang = web::browser_lang(headers);
    // Before the viewer is known (for an error about the session itself).
    let early_lang = web::LangChoice {
        query: query_lang,
        switched: switched_lang,
        browser: browser_lang,
        ..web::LangChoice::default()
    }
    .pick();
    let activity = if web::BACKGROUND_PATHS.contains(&request.uri().path()) {
        auth::Activity::Background
    } else {
        auth::Activity::Person
    };
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let (mut viewer, method) = match resolve_viewer(&state, headers, secure, activity).await {
        Ok(resolved) => resolved,
        Err(error) => return error.into_response_json_in(early_lang),
    };
    // A page's render reads some rows several times; it keeps them for
    // itself (server functions, the API and writes never do).
    if let Some(viewer) = viewer.as_mut()
        && is_page_render(&request)
    {
        viewer.reads = Some(std::sync::Arc::default());
    }
    let facility = match &viewer {
        Some(viewer) => Some(viewer.facility.clone()),
        None => match app::services::facilities::home(&state).await {
            Ok(facility) => facility,
            Err(error) => {
                tracing::error!(%error, "could not load the facility");
                return app::error::AppError::Internal.into_response_json();
            }
        },
    };
    let Some(facility) = facility else {
        tracing::error!("the database holds no facility");
        return app::error::AppError::Internal.into_response_json();
    };

    let flash_cookie = web::flash_cookie_name(secure);
    let flash_value = web::read_cookie(headers, &flash_cookie);
    let had_flash = flash_value.is_some();
    let flash = flash_value.and_then(web::read_flash);
    let kiosk_secret = web::read_cookie(headers, &web::kiosk_cookie_name(secure))
        .filter(|s| is_secret(s))
        .map(str::to_owned);
    let device_secret = web::read_cookie(headers, &web::device_cookie_name(secure))
        .filter(|s| is_secret(s))
        .map(str::to_owned);

    // A client signed in on a kiosk sees only the kiosk's screens.
    let kiosk_session = viewer.as_ref().is_some_and(|v| v.kiosk.is_some());
    let path = request.uri().path().to_owned();
    let lang = web::LangChoice {
        query: query_lang,
        switched: viewer
            .as_ref()
            .and_then(|v| v.session_lang)
            .or(switched_lang),
        person: viewer.as_ref().and_then(|v| v.person.lang),
        browser: browser_lang,
        facility: facility.default_lang,
        printout: web::PRINTOUT_PATHS.contains(&path.as_str()),
    }
    .pick();
    let kiosk_allowed = path.starts_with("/kiosk")
        || path.starts_with("/fn/")
        || path.starts_with("/events/")
        || path == "/lang";
    if kiosk_session && request.method() == axum::http::Method::GET && !kiosk_allowed {
        return axum::response::Redirect::to("/kiosk/home").into_response();
    }
    // A reset password is changed before anything else.
    let must_change = viewer
        .as_ref()
        .is_some_and(|v| v.person.must_change_password && v.session_hash.is_some());
    if must_change
        && !(path == "/me/password"
            || path.starts_with("/pkg/")
            || MAY_BEFORE_PASSWORD_CHANGE.contains(&path.as_str()))
    {
        let plain_form = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        if !path.starts_with("/fn/") || plain_form {
            return axum::response::Redirect::to("/me/password").into_response();
        }
        // A script's server-function call waits as well.
        return crate::forms::error_reply(app::error::AppError::Forbidden, false, lang);
    }

    request.extensions_mut().insert(method);
    request.extensions_mut().insert(RequestContext {
        viewer,
        csrf_token: csrf_token.clone(),
        address,
        facility,
        flash,
        submission: None,
        kiosk_secret,
        device_secret,
        lang,
        switched_lang,
        user_agent,
    });

    // Calendar files are fetched by calendar apps, not browsers with forms;
    // they get no cookie, so shared caches may keep the public ones.
    let is_calendar_file = request.uri().path().ends_with(".ics");
    // What a signed-in person saw, a server function's answer and the JSON
    // API are never kept by the browser or a cache: Back on a shared
    // computer must not show the previous person's page.
    let private =
        method != AuthMethod::Anonymous || path.starts_with("/fn/") || path.starts_with("/api/");
    let mut response = next.run(request).await;
    crate::api::localize_error(&mut response, lang);
    let response_headers = response.headers_mut();
    if new_csrf && !is_calendar_file {
        response_headers.append(
            header::SET_COOKIE,
            web::set_cookie(&csrf_cookie, &csrf_token, secure, None),
        );
    }
    if private && !is_calendar_file {
        response_headers.insert(
            header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
    }
    if had_flash && !response.status().is_redirection() {
        response.headers_mut().append(
            header::SET_COOKIE,
            web::set_cookie(&flash_cookie, "", secure, Some(0)),
        );
    }
    response
}

async fn resolve_viewer(
    state: &AppState,
    headers: &HeaderMap,
    secure: bool,
    activity: auth::Activity,
) -> Result<(Option<Viewer>, AuthMethod), app::error::AppError> {
    if let Some(token) = bearer_token(headers) {
        let viewer = auth::viewer_from_token(state, token).await?;
        return Ok((viewer, AuthMethod::Token));
    }
    match web::read_cookie(headers, &web::session_cookie_name(secure)).filter(|s| is_secret(s)) {
        Some(secret) => {
            let viewer = auth::viewer_from_session(state, secret, activity).await?;
            let method = if viewer.is_some() {
                AuthMethod::Session
            } else {
                AuthMethod::Anonymous
            };
            Ok((viewer, method))
        }
        None => Ok((None, AuthMethod::Anonymous)),
    }
}

/// A `GET` of a page (not a server function, the API or a file).
fn is_page_render(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == axum::http::Method::GET
        && !path.starts_with("/fn/")
        && !path.starts_with("/api/")
        && !path.contains('.')
}

/// The token of an `Authorization: Bearer …` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Our secrets are 64 lower-case hex digits; anything else is ignored
/// without a database lookup.
fn is_secret(value: &str) -> bool {
    value.len() == 64
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The client's address: the connection's, or the `X-Forwarded-For` entry the
/// trusted-proxy setting points at.
fn client_address(request: &Request, proxies: &TrustedProxies) -> String {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let forwarded: Vec<&str> = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let forwarded = (!forwarded.is_empty()).then(|| forwarded.join(","));
    proxies
        .client(peer, forwarded.as_deref())
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

/// Turns an [`app::error::AppError`] into the JSON API's error body.
pub trait IntoResponseJson {
    fn into_response_json(self) -> Response;
    fn into_response_json_in(self, lang: app::i18n::Lang) -> Response;
}

impl IntoResponseJson for app::error::AppError {
    fn into_response_json(self) -> Response {
        crate::api::ApiError(self).into_response()
    }

    fn into_response_json_in(self, lang: app::i18n::Lang) -> Response {
        let mut response = self.into_response_json();
        crate::api::localize_error(&mut response, lang);
        response
    }
}

/// Answers `403` when a cookie-authenticated state-changing request comes
/// from another origin (browsers send `Origin` on every cross-site POST).
pub fn same_origin(headers: &HeaderMap, site_url: &str) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Old browsers and non-browser clients send none; the CSRF token
        // still has to match.
        return true;
    };
    if origin == site_url.trim_end_matches('/') {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    matches!((origin_host, host), (Some(o), Some(h)) if o == h)
}

pub fn status_only(status: StatusCode) -> Response {
    status.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_tokens_are_read_case_insensitively() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer abc"),
        );
        assert_eq!(bearer_token(&headers), Some("abc"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer_token(&headers), None);
    }

    #[test]
    fn only_same_origin_posts_pass() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        assert!(same_origin(&headers, "http://127.0.0.1:3000"));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:3000"),
        );
        assert!(same_origin(&headers, "https://hearth.example.org"));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_origin(&headers, "https://hearth.example.org"));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://hearth.example.org"),
        );
        assert!(same_origin(&headers, "https://hearth.example.org/"));
    }
}
