//! Taking access back: disabling and enabling accounts, password resets
//! and changes, API tokens, sessions and a person's own list of where they
//! are signed in. The CLI and the admin pages call the same functions.

use crate::i18n::m;

use super::auth::{Viewer, hash_password, hash_secret, random_secret};
use crate::db::{self, sessions::SessionSummary, tokens::TokenSummary};
use crate::domain::person::{Action, Person, PersonId, Role, check_new_password};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;

/// Staff accounts are the admin's; clients' accounts are staff's too.
fn require_manage(viewer: &Viewer, person: &Person) -> Result<(), AppError> {
    if person.facility_id != viewer.facility.id {
        return Err(AppError::NotFound);
    }
    viewer.require(if person.role == Role::Client {
        Action::ManageClients
    } else {
        Action::ManageStaff
    })
}

async fn person(state: &AppState, id: PersonId) -> Result<Person, AppError> {
    db::people::get(&state.db, id)
        .await?
        .filter(|p| !p.purged)
        .ok_or(AppError::NotFound)
}

/// Chooses the language a person reads Hearth in (`None`: their
/// browser's): one's own, or a client's by staff (and anyone's by an
/// administrator). One's own choice replaces the language switch's for
/// this session.
pub async fn set_language(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
    lang: Option<crate::i18n::Lang>,
) -> Result<(), AppError> {
    if id == viewer.person.id {
        db::people::set_lang(&state.db, id, lang).await?;
        if let Some(session) = &viewer.session_hash {
            db::sessions::set_lang(&state.db, session, None).await?;
        }
        return Ok(());
    }
    let target = person(state, id).await?;
    require_manage(viewer, &target)?;
    db::people::set_lang(&state.db, id, lang).await?;
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        "set language",
        &format!(
            "person {}: {}",
            id.0,
            lang.map_or("browser", crate::i18n::Lang::code)
        ),
    )
    .await?;
    Ok(())
}

/// Disables an account: its sessions end, its API tokens and feed link are
/// revoked, and no sign-in, token or kiosk PIN of it works until it is
/// enabled again. Returns how many sessions ended.
pub async fn disable(state: &AppState, id: PersonId) -> Result<u64, AppError> {
    let at = db::now();
    person(state, id).await?;
    db::people::set_disabled(&state.db, id, Some(at)).await?;
    let ended = db::sessions::delete_for_person(&state.db, id).await?;
    db::tokens::revoke_all(&state.db, id, at).await?;
    db::feeds::revoke(&state.db, id, at).await?;
    db::devices::forget_person(&state.db, id).await?;
    tracing::info!(person_id = %id, ended, "account disabled");
    Ok(ended)
}

/// Enables a disabled account (API tokens and the feed link stay revoked:
/// new ones are made when needed).
pub async fn enable(state: &AppState, id: PersonId) -> Result<(), AppError> {
    person(state, id).await?;
    db::people::set_disabled(&state.db, id, None).await?;
    tracing::info!(person_id = %id, "account enabled");
    Ok(())
}

/// An administrator's disable or enable, from the person's page.
pub async fn set_disabled(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
    disabled: bool,
) -> Result<(), AppError> {
    let target = person(state, id).await?;
    require_manage(viewer, &target)?;
    if disabled && id == viewer.person.id {
        return Err(AppError::conflict(m::person_disable_self()));
    }
    if disabled {
        disable(state, id).await?;
    } else {
        enable(state, id).await?;
    }
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        if disabled {
            "disable account"
        } else {
            "enable account"
        },
        &format!("person {}", id.0),
    )
    .await?;
    Ok(())
}

/// Gives an account a temporary password that must be changed at the next
/// sign-in, and signs it out everywhere. Returns the password (shown once).
pub async fn reset_password(state: &AppState, id: PersonId) -> Result<String, AppError> {
    person(state, id).await?;
    let secret = random_secret();
    let temporary = format!(
        "{}-{}-{}-{}",
        &secret[0..4],
        &secret[4..8],
        &secret[8..12],
        &secret[12..16]
    );
    let hash = hash_password(state, temporary.clone()).await?;
    db::people::set_password(&state.db, id, &hash, true).await?;
    db::sessions::delete_for_person(&state.db, id).await?;
    // A browser that knew the old password is not trusted with the new.
    db::devices::forget_person(&state.db, id).await?;
    tracing::info!(person_id = %id, "password reset");
    Ok(temporary)
}

/// A signed-in person chooses a new password (required after a reset). The
/// current password is asked for; every other session of theirs ends.
pub async fn change_password(
    state: &AppState,
    viewer: &Viewer,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let Some(session) = &viewer.session_hash else {
        return Err(AppError::Forbidden);
    };
    let mut errors = FieldErrors::new();
    check_new_password(&mut errors, "new_password", new);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let hash = db::people::password_hash(&state.db, viewer.person.id)
        .await?
        .ok_or(AppError::Forbidden)?;
    let current_ok = super::auth::verify_password(state, current.to_owned(), hash.clone()).await?;
    if !current_ok {
        return Err(AppError::field(
            "current_password",
            m::auth_wrong_current_password(),
        ));
    }
    if super::auth::verify_password(state, new.to_owned(), hash).await? {
        return Err(AppError::field("new_password", m::auth_new_password_same()));
    }
    let new_hash = hash_password(state, new.to_owned()).await?;
    db::people::set_password(&state.db, viewer.person.id, &new_hash, false).await?;
    end_other_sessions(state, viewer.person.id, session).await?;
    tracing::info!(person_id = %viewer.person.id, "password changed");
    Ok(())
}

/// Ends every session of a person but `keep`. Returns how many ended.
pub async fn end_other_sessions(
    state: &AppState,
    person: PersonId,
    keep: &str,
) -> Result<u64, AppError> {
    Ok(db::sessions::delete_others(&state.db, person, keep).await?)
}

/// Signs a person out everywhere (the CLI's `session revoke`).
pub async fn end_all_sessions(state: &AppState, id: PersonId) -> Result<u64, AppError> {
    person(state, id).await?;
    Ok(db::sessions::delete_for_person(&state.db, id).await?)
}

/// One's own sessions, live ones only.
pub async fn my_sessions(
    state: &AppState,
    viewer: &Viewer,
) -> Result<Vec<SessionSummary>, AppError> {
    Ok(db::sessions::list_for_person(&state.db, viewer.person.id, db::now()).await?)
}

/// Ends one of one's own sessions, named by its handle (a hash of the
/// session's hash, so the page never carries what the database keys on).
pub async fn end_my_session(
    state: &AppState,
    viewer: &Viewer,
    handle: &str,
) -> Result<(), AppError> {
    for session in my_sessions(state, viewer).await? {
        if session_handle(&session.id_hash) == handle {
            db::sessions::delete_owned(&state.db, viewer.person.id, &session.id_hash).await?;
            return Ok(());
        }
    }
    Err(AppError::NotFound)
}

/// The name a session goes by on its owner's page.
pub fn session_handle(id_hash: &str) -> String {
    hash_secret(id_hash)[..16].to_owned()
}

/// Every API token of the viewer's facility (admins).
pub async fn tokens(state: &AppState, facility_id: i64) -> Result<Vec<TokenSummary>, AppError> {
    Ok(db::tokens::list(&state.db, facility_id).await?)
}

/// Revokes one API token of a facility.
pub async fn revoke_token(state: &AppState, facility_id: i64, id: i64) -> Result<(), AppError> {
    if db::tokens::revoke(&state.db, facility_id, id, db::now()).await? {
        tracing::info!(token_id = id, "API token revoked");
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// An administrator (or staff, for a client) resets someone's password from
/// their page. Returns the temporary password, to show once.
pub async fn reset_password_by(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
) -> Result<String, AppError> {
    let target = person(state, id).await?;
    require_manage(viewer, &target)?;
    let temporary = reset_password(state, id).await?;
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        "reset password",
        &format!("person {}", id.0),
    )
    .await?;
    Ok(temporary)
}

/// An administrator (or staff, for a client) signs someone out everywhere
/// from their page. Returns how many sessions ended.
pub async fn sign_out_everywhere_by(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
) -> Result<u64, AppError> {
    let target = person(state, id).await?;
    require_manage(viewer, &target)?;
    let ended = end_all_sessions(state, id).await?;
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        "sign out everywhere",
        &format!("person {}", id.0),
    )
    .await?;
    Ok(ended)
}
