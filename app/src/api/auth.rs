//! Signing in and out.

use leptos::prelude::*;

use super::Done;
use crate::error::AppError;

/// Checks the e-mail and password and opens a session.
#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(
    csrf_token: String,
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let context = web::request_context().ok_or(AppError::Internal)?;
    let from = services::auth::SignInFrom {
        address: context.address.clone(),
        user_agent: context.user_agent.clone(),
        replaces: context.viewer.and_then(|v| v.session_hash),
        lang: context.switched_lang,
        device: context.device_secret.clone(),
    };
    let services::auth::SignedIn {
        person,
        session,
        device,
    } = services::auth::sign_in(&state, &email, &password, &from).await?;
    let secure = state.settings.secure_cookies();
    web::append_response_header(
        axum::http::header::SET_COOKIE,
        web::session_cookie(&session, secure),
    );
    web::append_response_header(
        axum::http::header::SET_COOKIE,
        web::device_cookie(&device, secure),
    );
    if from.lang.is_some() {
        web::append_response_header(
            axum::http::header::SET_COOKIE,
            web::clear_lang_cookie(secure),
        );
    }
    // A fresh CSRF token for the signed-in session.
    web::append_response_header(
        axum::http::header::SET_COOKIE,
        web::set_cookie(
            &web::csrf_cookie_name(secure),
            &services::auth::random_secret(),
            secure,
            None,
        ),
    );
    let redirect_to = if person.must_change_password {
        "/me/password".to_owned()
    } else {
        super::local_path(if next.is_empty() { "/" } else { &next })
    };
    Ok(Done {
        redirect_to,
        flash: None,
        reload: true,
    })
}

/// Ends the current session.
#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out(csrf_token: String) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    if let Some(hash) = web::viewer().ok().and_then(|v| v.session_hash) {
        services::auth::sign_out(&state, &hash).await?;
    }
    let secure = state.settings.secure_cookies();
    web::append_response_header(
        axum::http::header::SET_COOKIE,
        web::set_cookie(&web::session_cookie_name(secure), "", secure, Some(0)),
    );
    Ok(Done {
        redirect_to: "/".to_owned(),
        flash: None,
        reload: true,
    })
}
