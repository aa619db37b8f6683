//! The web boundary on the server: cookies, the per-request context the
//! middleware resolves, and what server functions use to reach state.

use axum::http::{HeaderMap, HeaderValue, header};
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Message;
use crate::page_context::FormSubmission;
use crate::services::auth::{SESSION_IDLE, Viewer};
use crate::state::AppState;

const SESSION_COOKIE: &str = "hearth_session";
const CSRF_COOKIE: &str = "hearth_csrf";
const FLASH_COOKIE: &str = "hearth_flash";
const KIOSK_COOKIE: &str = "hearth_kiosk";
const LANG_COOKIE: &str = "hearth_lang";
const DEVICE_COOKIE: &str = "hearth_device";
/// The form field (and server function argument) carrying the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";

/// Cookie names get the `__Host-` prefix on https: the browser then insists
/// on `Secure`, `Path=/` and no `Domain`, so a sibling subdomain cannot plant
/// them.
pub fn cookie_name(base: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    }
}

pub fn session_cookie_name(secure: bool) -> String {
    cookie_name(SESSION_COOKIE, secure)
}

pub fn csrf_cookie_name(secure: bool) -> String {
    cookie_name(CSRF_COOKIE, secure)
}

pub fn flash_cookie_name(secure: bool) -> String {
    cookie_name(FLASH_COOKIE, secure)
}

pub fn kiosk_cookie_name(secure: bool) -> String {
    cookie_name(KIOSK_COOKIE, secure)
}

/// A browser someone signed in from with their password (see
/// `services::auth::sign_in`): kept across sessions and sign-outs.
pub fn device_cookie_name(secure: bool) -> String {
    cookie_name(DEVICE_COOKIE, secure)
}

pub fn device_cookie(secret: &str, secure: bool) -> HeaderValue {
    set_cookie(
        &device_cookie_name(secure),
        secret,
        secure,
        Some(crate::services::auth::DEVICE_FORGET_AFTER.num_seconds()),
    )
}

/// The language switch's choice while signed out (a browser-session
/// cookie; signing in moves it onto the new session and clears it).
pub fn lang_cookie_name(secure: bool) -> String {
    cookie_name(LANG_COOKIE, secure)
}

/// Deletes the language switch's cookie (its choice moved onto a session).
pub fn clear_lang_cookie(secure: bool) -> HeaderValue {
    set_cookie(&lang_cookie_name(secure), "", secure, Some(0))
}

/// The value of the cookie `name` in the request headers.
pub fn read_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure on https.
/// `max_age` `None` makes a browser-session cookie; zero deletes.
pub fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<i64>) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if secure {
        cookie.push_str("; Secure");
    }
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    // Names and values are ours (hex, fixed names, url-encoded text).
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn session_cookie(secret: &str, secure: bool) -> HeaderValue {
    set_cookie(
        &session_cookie_name(secure),
        secret,
        secure,
        Some(SESSION_IDLE.num_seconds()),
    )
}

/// What the middleware learned about a request before it reached a page,
/// a server function or an API handler.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub viewer: Option<Viewer>,
    pub csrf_token: String,
    /// The client's address, as used for rate limiting.
    pub address: String,
    /// The viewer's facility, or the default one for visitors.
    pub facility: crate::db::facilities::Facility,
    pub flash: Option<Message>,
    pub submission: Option<FormSubmission>,
    /// The enrolled-kiosk cookie of this browser, if any.
    pub kiosk_secret: Option<String>,
    /// The device cookie of a browser someone signed in from, if any.
    pub device_secret: Option<String>,
    /// The language this request is answered in.
    pub lang: crate::i18n::Lang,
    /// The language switch's choice of a signed-out browser (its cookie).
    pub switched_lang: Option<crate::i18n::Lang>,
    /// The browser's `User-Agent` (kept with a new session).
    pub user_agent: String,
}

/// Server functions a page calls by itself on a timer (RSVP counts, the
/// karaoke queue): they never keep a kiosk session alive.
pub const BACKGROUND_PATHS: &[&str] = &[
    "/fn/rsvp_summary",
    "/fn/karaoke_screen",
    "/fn/karaoke_version",
    "/fn/board",
];

/// The browser's language, when its `Accept-Language` names one Hearth
/// speaks.
pub fn browser_lang(headers: &HeaderMap) -> Option<crate::i18n::Lang> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::i18n::Lang::from_accept_language)
}

/// The language a query string asks for (`?lang=es`), if Hearth speaks it.
pub fn query_lang(query: Option<&str>) -> Option<crate::i18n::Lang> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "lang")
        .and_then(|(_, value)| crate::i18n::Lang::from_tag(value))
}

/// Everything that may decide the language of one page.
#[derive(Debug, Clone, Copy, Default)]
pub struct LangChoice {
    /// `?lang=` in the address: a link to one language's version.
    pub query: Option<crate::i18n::Lang>,
    /// The language switch, for this session (or this signed-out browser).
    pub switched: Option<crate::i18n::Lang>,
    /// The signed-in person's own choice.
    pub person: Option<crate::i18n::Lang>,
    /// The browser's `Accept-Language`.
    pub browser: Option<crate::i18n::Lang>,
    /// The facility's language.
    pub facility: crate::i18n::Lang,
    /// A printout for the wall (the printable month, the subscribe
    /// poster): in the facility's language unless asked otherwise.
    pub printout: bool,
}

impl LangChoice {
    /// The address first, then the switch, then the person's choice, then
    /// the browser's, then the facility's. A printout skips the person's
    /// and the browser's: it is read by the whole house.
    pub fn pick(&self) -> crate::i18n::Lang {
        let personal = if self.printout {
            None
        } else {
            self.person.or(self.browser)
        };
        self.query
            .or(self.switched)
            .or(personal)
            .unwrap_or(self.facility)
    }
}

/// Pages printed for the whole house, in the facility's language.
pub const PRINTOUT_PATHS: &[&str] = &["/calendar/print", "/subscribe/poster"];

/// The request context of the request being handled (pages and server
/// functions).
pub fn request_context() -> Option<RequestContext> {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestContext>().cloned())
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

/// The signed-in viewer, or `Unauthorized`.
pub fn viewer() -> Result<Viewer, AppError> {
    request_context()
        .and_then(|ctx| ctx.viewer)
        .ok_or(AppError::Unauthorized)
}

/// Adds a header to the response of the current server function or page.
pub fn append_response_header(name: header::HeaderName, value: HeaderValue) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(name, value);
    }
}

/// Sets the one-time message the next page shows (for requests without
/// JavaScript, which follow a redirect).
pub fn set_flash(message: &Message, secure: bool) {
    append_response_header(header::SET_COOKIE, flash_cookie(message, secure));
}

/// The `Set-Cookie` value carrying a one-time message: the message (its id
/// and arguments, not words — the next page puts it into its reader's
/// language) as url-encoded JSON.
pub fn flash_cookie(message: &Message, secure: bool) -> HeaderValue {
    let json = serde_json::to_string(message).unwrap_or_default();
    let encoded: String = form_urlencoded::byte_serialize(json.as_bytes()).collect();
    set_cookie(&flash_cookie_name(secure), &encoded, secure, Some(60))
}

/// The one-time message in a flash cookie's value, if it is one.
pub fn read_flash(value: &str) -> Option<Message> {
    let json: String = form_urlencoded::parse(format!("m={value}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())?;
    serde_json::from_str(&json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flash_messages_round_trip_through_their_cookie() {
        let message = crate::i18n::m::flash_template_saved("Friday karaoke; 100% fun");
        let cookie = flash_cookie(&message, false);
        let value = cookie
            .to_str()
            .unwrap()
            .split_once('=')
            .unwrap()
            .1
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        assert!(!value.contains(';') && !value.contains(' '), "{value}");
        assert_eq!(read_flash(&value), Some(message));
        assert_eq!(read_flash("not%20json"), None);
    }

    #[test]
    fn cookies_are_found_among_several() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; hearth_session=abc; b=2"),
        );
        assert_eq!(read_cookie(&headers, "hearth_session"), Some("abc"));
        assert_eq!(read_cookie(&headers, "hearth"), None);
    }

    #[test]
    fn secure_cookies_get_the_host_prefix_and_flag() {
        let value = set_cookie(&session_cookie_name(true), "x", true, Some(10));
        assert_eq!(
            value.to_str().unwrap(),
            "__Host-hearth_session=x; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=10"
        );
        assert_eq!(session_cookie_name(false), "hearth_session");
    }
}
