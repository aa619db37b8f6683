//! Kiosk tablets: enrollment by staff, PIN sign-in by clients.

use super::auth::{Viewer, hash_secret, random_secret};
use crate::db::{self, kiosks::Kiosk};
use crate::domain::person::{Action, PersonId};
use crate::domain::validation::{FieldErrors, required_text};
use crate::error::AppError;
use crate::i18n::m;
use crate::state::AppState;
use crate::web;

/// How long an enrolled tablet stays a kiosk (its cookie's age).
pub const ENROLLMENT_DAYS: i64 = 365;

/// The kiosk this browser is, if it is an enrolled one.
pub async fn current(state: &AppState) -> Result<Option<Kiosk>, AppError> {
    let Some(secret) = web::request_context().and_then(|c| c.kiosk_secret) else {
        return Ok(None);
    };
    Ok(db::kiosks::by_token(&state.db, &hash_secret(&secret)).await?)
}

/// Staff make this browser a kiosk: it gets a secret cookie, and the
/// staff member's own session ends here (so clients never inherit it).
pub async fn enroll(state: &AppState, viewer: &Viewer, name: &str) -> Result<Kiosk, AppError> {
    viewer.require(Action::EnrollKiosk)?;
    let mut errors = FieldErrors::new();
    let name = required_text(&mut errors, "name", m::field_name(), name, 60);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let secret = random_secret();
    let kiosk = db::kiosks::insert(
        &state.db,
        viewer.facility.id,
        &name,
        &hash_secret(&secret),
        viewer.person.id,
    )
    .await?;
    let secure = state.settings.secure_cookies();
    web::append_response_header(
        axum::http::header::SET_COOKIE,
        web::set_cookie(
            &web::kiosk_cookie_name(secure),
            &secret,
            secure,
            Some(ENROLLMENT_DAYS * 86_400),
        ),
    );
    if let Some(hash) = &viewer.session_hash {
        super::auth::sign_out(state, hash).await?;
    }
    web::append_response_header(
        axum::http::header::SET_COOKIE,
        web::set_cookie(&web::session_cookie_name(secure), "", secure, Some(0)),
    );
    tracing::info!(kiosk_id = kiosk.id, person_id = %viewer.person.id, "kiosk enrolled");
    Ok(kiosk)
}

/// Clients who can sign in on this kiosk (active, with a PIN): (id, name).
pub async fn clients(state: &AppState, kiosk: &Kiosk) -> Result<Vec<(i64, String)>, AppError> {
    Ok(db::people::with_pins(&state.db, kiosk.facility_id)
        .await?
        .into_iter()
        .map(|p| (p.id.0, p.display_name))
        .collect())
}

/// A client signs in with their PIN on the kiosk this browser is.
pub async fn sign_in(state: &AppState, person: PersonId, pin: &str) -> Result<(), AppError> {
    let kiosk = current(state)
        .await?
        .ok_or_else(|| AppError::conflict(m::kiosk_not_enrolled_error()))?;
    let context = web::request_context().ok_or(AppError::Internal)?;
    let from = super::auth::SignInFrom {
        address: context.address.clone(),
        user_agent: context.user_agent.clone(),
        replaces: context.viewer.and_then(|v| v.session_hash),
        lang: context.switched_lang,
        device: None,
    };
    let secret = super::auth::kiosk_sign_in(state, &kiosk, person, pin, &from).await?;
    let secure = state.settings.secure_cookies();
    web::append_response_header(
        axum::http::header::SET_COOKIE,
        web::set_cookie(&web::session_cookie_name(secure), &secret, secure, None),
    );
    // The language chosen before signing in is now the session's: the next
    // person at the kiosk starts from the facility's again.
    if from.lang.is_some() {
        web::append_response_header(
            axum::http::header::SET_COOKIE,
            web::clear_lang_cookie(secure),
        );
    }
    Ok(())
}

/// Admins and staff see the facility's kiosks (and may revoke them).
pub async fn list(state: &AppState, viewer: &Viewer) -> Result<Vec<Kiosk>, AppError> {
    viewer.require(Action::EnrollKiosk)?;
    Ok(db::kiosks::list(&state.db, viewer.facility.id).await?)
}

/// Revokes a tablet of a facility (lost, replaced): its cookie stops
/// working on its next request and every session opened on it ends.
/// Returns how many sessions ended; `NotFound` when no such tablet is
/// enrolled. The settings page and `hearth kiosk revoke` both call this.
pub async fn revoke_tablet(state: &AppState, facility_id: i64, id: i64) -> Result<u64, AppError> {
    if !db::kiosks::revoke(&state.db, facility_id, id).await? {
        return Err(AppError::NotFound);
    }
    let ended = db::sessions::delete_for_kiosk(&state.db, id).await?;
    tracing::info!(kiosk_id = id, ended, "kiosk revoked");
    Ok(ended)
}

/// Unlocks a tablet locked after too many wrong PINs (`NotFound` when no
/// such tablet is enrolled). The settings page and `hearth kiosk unlock`.
pub async fn unlock_tablet(state: &AppState, facility_id: i64, id: i64) -> Result<(), AppError> {
    if !db::kiosks::unlock(&state.db, facility_id, id).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(kiosk_id = id, "kiosk unlocked");
    Ok(())
}

/// Staff revoke a tablet from the settings page.
pub async fn revoke(state: &AppState, viewer: &Viewer, id: i64) -> Result<(), AppError> {
    viewer.require(Action::EnrollKiosk)?;
    revoke_tablet(state, viewer.facility.id, id).await?;
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        "revoke kiosk tablet",
        &format!("kiosk {id}"),
    )
    .await?;
    Ok(())
}

/// Staff unlock a tablet from the settings page.
pub async fn unlock(state: &AppState, viewer: &Viewer, id: i64) -> Result<(), AppError> {
    viewer.require(Action::EnrollKiosk)?;
    unlock_tablet(state, viewer.facility.id, id).await?;
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        "unlock kiosk tablet",
        &format!("kiosk {id}"),
    )
    .await?;
    Ok(())
}
