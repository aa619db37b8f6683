//! Taking access back from pages: one's own sessions and password, an
//! administrator's disable/enable, kiosk tablets and API tokens.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::Done;
use crate::error::AppError;

/// One of one's sessions as the sessions page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// What the page sends back to end it (not the session's key).
    pub handle: String,
    pub this_browser: bool,
    pub on_kiosk: bool,
    pub browser: String,
    /// On the facility's wall clock (see `domain::time::on_wall`).
    pub started: chrono::NaiveDateTime,
    pub last_seen: chrono::NaiveDateTime,
}

#[server(prefix = "/fn", endpoint = "my_sessions", input = GetUrl)]
pub async fn my_sessions() -> Result<Vec<SessionView>, AppError> {
    use crate::services::access;
    use crate::web;
    let state = web::state()?;
    let viewer = web::viewer()?;
    use crate::domain::time::on_wall;
    let current = viewer.session_hash.clone().unwrap_or_default();
    Ok(access::my_sessions(&state, &viewer)
        .await?
        .into_iter()
        .map(|s| SessionView {
            handle: access::session_handle(&s.id_hash),
            this_browser: s.id_hash == current,
            on_kiosk: s.kiosk_device_id.is_some(),
            browser: browser_name(&s.user_agent),
            started: on_wall(&viewer.facility.timezone, s.created_at),
            last_seen: on_wall(&viewer.facility.timezone, s.last_seen_at),
        })
        .collect())
}

/// A short name for a `User-Agent` ("Firefox on Android"); empty when
/// unknown.
#[cfg(feature = "ssr")]
fn browser_name(agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(mark, _)| agent.contains(mark))
    .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(mark, _)| agent.contains(mark))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(s)) => s.to_owned(),
        (None, None) => String::new(),
    }
}

#[server(prefix = "/fn", endpoint = "end_session")]
pub async fn end_session(csrf_token: String, session: String) -> Result<Done, AppError> {
    use crate::{services::access, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    access::end_my_session(&state, &viewer, &session).await?;
    Ok(Done::to("/me/sessions").with_flash(m::flash_session_ended()))
}

#[server(prefix = "/fn", endpoint = "end_other_sessions")]
pub async fn end_other_sessions(csrf_token: String) -> Result<Done, AppError> {
    use crate::{services::access, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let keep = viewer.session_hash.clone().ok_or(AppError::Forbidden)?;
    access::end_other_sessions(&state, viewer.person.id, &keep).await?;
    Ok(Done::to("/me/sessions").with_flash(m::flash_other_sessions_ended()))
}

#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(
    csrf_token: String,
    #[server(default)] current_password: String,
    #[server(default)] new_password: String,
) -> Result<Done, AppError> {
    use crate::{services::access, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    access::change_password(&state, &viewer, &current_password, &new_password).await?;
    Ok(Done {
        redirect_to: "/me".to_owned(),
        flash: Some(m::flash_password_changed()),
        reload: true,
    })
}

/// An administrator disables (or enables) an account.
#[server(prefix = "/fn", endpoint = "set_account_disabled")]
pub async fn set_account_disabled(
    csrf_token: String,
    person: i64,
    disabled: bool,
) -> Result<Done, AppError> {
    use crate::{domain::person::PersonId, services::access, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    access::set_disabled(&state, &viewer, PersonId(person), disabled).await?;
    let message = if disabled {
        m::flash_account_disabled()
    } else {
        m::flash_account_enabled()
    };
    Ok(Done::to(format!("/people/{person}")).with_flash(message))
}

/// A person's language: one's own (from "My schedule") or a client's
/// (staff, from the client's page). An empty `lang` follows the browser.
#[server(prefix = "/fn", endpoint = "set_language")]
pub async fn set_language(
    csrf_token: String,
    person: i64,
    #[server(default)] lang: String,
) -> Result<Done, AppError> {
    use crate::{domain::person::PersonId, i18n::Lang, services::access, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let chosen =
        match lang.trim() {
            "" => None,
            code => Some(Lang::from_code(code).ok_or_else(|| {
                AppError::field("lang", m::error_language_unknown(code.to_owned()))
            })?),
        };
    access::set_language(&state, &viewer, PersonId(person), chosen).await?;
    let own = person == viewer.person.id.0;
    Ok(Done {
        // The next page is in the new language: load it whole.
        reload: own,
        ..Done::to(if own {
            "/me".to_owned()
        } else {
            format!("/people/{person}")
        })
    }
    .with_flash(m::flash_language_saved()))
}

/// A kiosk tablet as the settings page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TabletView {
    pub id: i64,
    pub name: String,
    /// On the facility's wall clock (see `domain::time::on_wall`).
    pub enrolled: chrono::NaiveDateTime,
    pub last_used: Option<chrono::NaiveDateTime>,
    pub locked: bool,
    pub failed_pins: i64,
}

#[server(prefix = "/fn", endpoint = "kiosk_tablets", input = GetUrl)]
pub async fn kiosk_tablets() -> Result<Vec<TabletView>, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    use crate::domain::time::on_wall;
    Ok(services::kiosk::list(&state, &viewer)
        .await?
        .into_iter()
        .map(|k| TabletView {
            id: k.id,
            name: k.name,
            enrolled: on_wall(&viewer.facility.timezone, k.created_at),
            last_used: k
                .last_seen_at
                .map(|at| on_wall(&viewer.facility.timezone, at)),
            locked: k.locked_at.is_some(),
            failed_pins: k.failed_pins,
        })
        .collect())
}

/// Where a tablet list sends its person back to: the kiosk page (floor
/// staff) or the settings page (an admin).
#[cfg(feature = "ssr")]
fn tablets_page(back: Option<&str>) -> &'static str {
    match back {
        Some("/kiosk") => "/kiosk",
        _ => "/settings",
    }
}

#[server(prefix = "/fn", endpoint = "revoke_kiosk")]
pub async fn revoke_kiosk(
    csrf_token: String,
    kiosk: i64,
    back: Option<String>,
) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::kiosk::revoke(&state, &viewer, kiosk).await?;
    Ok(Done::to(tablets_page(back.as_deref())).with_flash(m::flash_kiosk_revoked()))
}

#[server(prefix = "/fn", endpoint = "unlock_kiosk")]
pub async fn unlock_kiosk(
    csrf_token: String,
    kiosk: i64,
    back: Option<String>,
) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::kiosk::unlock(&state, &viewer, kiosk).await?;
    Ok(Done::to(tablets_page(back.as_deref())).with_flash(m::flash_kiosk_unlocked()))
}

/// A person touched the kiosk screen: the idle time starts over. Returns
/// the seconds left before the session ends.
#[server(prefix = "/fn", endpoint = "kiosk_still_here")]
pub async fn kiosk_still_here(csrf_token: String) -> Result<i64, AppError> {
    use crate::web;
    let _ = csrf_token;
    let viewer = web::viewer()?;
    let ends = viewer.session_expires_at.ok_or(AppError::Unauthorized)?;
    Ok((ends - crate::db::now()).num_seconds().max(0))
}

/// An API token as the settings page lists it (never the token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: i64,
    pub owner: String,
    pub label: String,
    /// On the facility's wall clock (see `domain::time::on_wall`).
    pub created: chrono::NaiveDateTime,
    pub last_used: Option<chrono::NaiveDateTime>,
    pub revoked: bool,
}

#[server(prefix = "/fn", endpoint = "api_tokens", input = GetUrl)]
pub async fn api_tokens() -> Result<Vec<TokenView>, AppError> {
    use crate::domain::person::Action;
    use crate::{services::access, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    viewer.require(Action::ManageFacility)?;
    use crate::domain::time::on_wall;
    Ok(access::tokens(&state, viewer.facility.id)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            owner: t.person_name,
            label: t.label,
            created: on_wall(&viewer.facility.timezone, t.created_at),
            last_used: t
                .last_used_at
                .map(|at| on_wall(&viewer.facility.timezone, at)),
            revoked: t.revoked_at.is_some(),
        })
        .collect())
}

#[server(prefix = "/fn", endpoint = "revoke_api_token")]
pub async fn revoke_api_token(csrf_token: String, token: i64) -> Result<Done, AppError> {
    use crate::domain::person::Action;
    use crate::{services::access, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    viewer.require(Action::ManageFacility)?;
    access::revoke_token(&state, viewer.facility.id, token).await?;
    Ok(Done::to("/settings").with_flash(m::flash_token_revoked()))
}

/// Staff reset someone's password; the temporary one is kept for this
/// session to show on the person's page for ten minutes (never in a cookie).
#[server(prefix = "/fn", endpoint = "reset_password")]
pub async fn reset_password(csrf_token: String, person: i64) -> Result<Done, AppError> {
    use crate::{domain::person::PersonId, services::access, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let temporary = access::reset_password_by(&state, &viewer, PersonId(person)).await?;
    if let Some(hash) = &viewer.session_hash {
        let at = crate::db::now();
        crate::db::sessions::set_reveal(
            &state.db,
            hash,
            &format!("password:{person}:{temporary}"),
            at + chrono::Duration::minutes(10),
        )
        .await?;
    }
    Ok(Done::to(format!("/people/{person}")).with_flash(m::flash_password_reset()))
}

/// The temporary password just made for `person` by this session, if any.
#[server(prefix = "/fn", endpoint = "temporary_password", input = GetUrl)]
pub async fn temporary_password(person: i64) -> Result<Option<String>, AppError> {
    use crate::web;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let Some(hash) = &viewer.session_hash else {
        return Ok(None);
    };
    let kept = crate::db::sessions::reveal(&state.db, hash, crate::db::now()).await?;
    Ok(kept.and_then(|value| {
        let rest = value.strip_prefix("password:")?;
        let (owner, temporary) = rest.split_once(':')?;
        (owner.parse::<i64>().ok()? == person).then(|| temporary.to_owned())
    }))
}

/// Staff sign someone out everywhere (a lost phone, a shared computer).
#[server(prefix = "/fn", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere(csrf_token: String, person: i64) -> Result<Done, AppError> {
    use crate::{domain::person::PersonId, services::access, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    access::sign_out_everywhere_by(&state, &viewer, PersonId(person)).await?;
    Ok(Done::to(format!("/people/{person}")).with_flash(m::flash_signed_out_everywhere()))
}
