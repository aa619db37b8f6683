//! `GET /lang?to=es&back=/calendar`: the language switch at the top of
//! every page. Signed in, the choice holds for this session only (on a
//! kiosk it ends with the client's session); signed out, for this browser
//! until it closes (and it moves onto the session at sign-in). A person's
//! standing choice is set on their own page instead.
//!
//! A link rather than a form, so that it works without JavaScript and
//! from any page; it changes nothing but the language. With JavaScript,
//! what a form on the page holds is carried across (see
//! `components::language`).

use app::db;
use app::error::AppError;
use app::i18n::{Lang, m};
use app::state::AppState;
use app::web::{self, RequestContext};
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::api::ApiError;

#[derive(Debug, Deserialize)]
pub struct Switch {
    /// The language's code (`en`, `es`).
    #[serde(default)]
    to: String,
    /// Where to go back to: a path on this site.
    #[serde(default)]
    back: String,
}

pub async fn switch(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    Query(switch): Query<Switch>,
) -> Response {
    let Some(lang) = Lang::from_code(switch.to.trim()) else {
        return ApiError(AppError::bad_request(m::error_language_unknown(switch.to)))
            .into_response();
    };
    let back = app::api::local_path(&switch.back);
    let secure = state.settings.secure_cookies();
    match context.viewer.and_then(|v| v.session_hash) {
        Some(session) => {
            if let Err(error) = db::sessions::set_lang(&state.db, &session, Some(lang)).await {
                return ApiError(error.into()).into_response();
            }
            Redirect::to(&back).into_response()
        }
        None => (
            [(
                header::SET_COOKIE,
                web::set_cookie(&web::lang_cookie_name(secure), lang.code(), secure, None),
            )],
            Redirect::to(&back),
        )
            .into_response(),
    }
}
