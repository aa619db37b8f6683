//! The shared tablet in the common room: staff enroll it once; clients then
//! sign in on it with their PIN, and are signed out after a minute idle.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::Done;
use crate::error::AppError;

/// What the kiosk page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum KioskState {
    /// This browser is not an enrolled kiosk.
    NotEnrolled { can_enroll: bool },
    /// Enrolled: clients pick their name (only those with a PIN).
    Ready {
        name: String,
        clients: Vec<(i64, String)>,
    },
    /// Locked after too many wrong PINs: no names, no PIN form, until
    /// staff unlock it.
    Locked { name: String },
}

#[server(prefix = "/fn", endpoint = "kiosk_state", input = GetUrl)]
pub async fn load_kiosk() -> Result<KioskState, AppError> {
    use crate::domain::person::Action;
    use crate::{services, web};
    let state = web::state()?;
    let context = web::request_context().ok_or(AppError::Internal)?;
    match services::kiosk::current(&state).await? {
        Some(kiosk) if kiosk.locked_at.is_some() => Ok(KioskState::Locked { name: kiosk.name }),
        Some(kiosk) => Ok(KioskState::Ready {
            clients: services::kiosk::clients(&state, &kiosk).await?,
            name: kiosk.name,
        }),
        None => Ok(KioskState::NotEnrolled {
            can_enroll: context
                .viewer
                .is_some_and(|v| v.person.role.can(Action::EnrollKiosk)),
        }),
    }
}

/// Staff enroll this browser as a kiosk (it keeps a secret cookie for a
/// year) and are signed out of it.
#[server(prefix = "/fn", endpoint = "enroll_kiosk")]
pub async fn enroll_kiosk(csrf_token: String, name: String) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::kiosk::enroll(&state, &viewer, &name).await?;
    Ok(Done {
        redirect_to: "/kiosk".to_owned(),
        flash: Some(m::flash_kiosk_enrolled()),
        reload: true,
    })
}

/// A client signs in on the kiosk with their PIN.
#[server(prefix = "/fn", endpoint = "kiosk_sign_in")]
pub async fn kiosk_sign_in(
    csrf_token: String,
    person_id: i64,
    pin: String,
) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    services::kiosk::sign_in(
        &state,
        crate::domain::person::PersonId(person_id),
        pin.trim(),
    )
    .await?;
    Ok(Done {
        redirect_to: "/kiosk/home".to_owned(),
        flash: None,
        reload: true,
    })
}
