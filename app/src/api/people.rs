//! The people directory, client accounts and the stay lifecycle.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::Done;
use crate::domain::person::Person;
use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "directory", input = GetUrl)]
pub async fn directory() -> Result<Vec<Person>, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::people::directory(&state, &viewer).await
}

#[server(prefix = "/fn", endpoint = "person", input = GetUrl)]
pub async fn get_person(id: i64) -> Result<Person, AppError> {
    use crate::domain::person::{Action, PersonId};
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    viewer.require(Action::ViewPeople)?;
    services::people::get(&state, &viewer, PersonId(id)).await
}

/// Creates a client account.
#[server(prefix = "/fn", endpoint = "add_client")]
pub async fn add_client(
    csrf_token: String,
    #[server(flatten)] client: crate::domain::person::NewClient,
) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let person = services::people::add_client_as(&state, &viewer, client).await?;
    let flash = match (&person.email, &person.login) {
        (Some(email), _) => m::flash_client_added_email(&person.display_name, email),
        (None, Some(login)) => m::flash_client_added_login(&person.display_name, login),
        (None, None) => m::flash_client_added(&person.display_name),
    };
    Ok(Done::to(format!("/people/{}", person.id)).with_flash(flash))
}

/// Discharges a client now.
#[server(prefix = "/fn", endpoint = "discharge")]
pub async fn discharge(csrf_token: String, id: i64) -> Result<Done, AppError> {
    use crate::{domain::person::PersonId, services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::people::discharge(&state, &viewer, PersonId(id)).await?;
    Ok(Done::to(format!("/people/{id}")).with_flash(m::flash_discharged()))
}

#[server(prefix = "/fn", endpoint = "readmit")]
pub async fn readmit(
    csrf_token: String,
    id: i64,
    #[server(default)] admission_date: String,
    #[server(default)] expected_discharge_date: String,
) -> Result<Done, AppError> {
    use crate::{domain::person::PersonId, services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::people::readmit(
        &state,
        &viewer,
        PersonId(id),
        &admission_date,
        &expected_discharge_date,
    )
    .await?;
    Ok(Done::to(format!("/people/{id}")).with_flash(m::flash_readmitted()))
}

/// Sets (or, empty, clears) a client's kiosk PIN.
#[server(prefix = "/fn", endpoint = "set_pin")]
pub async fn set_pin(
    csrf_token: String,
    id: i64,
    #[server(default)] pin: String,
) -> Result<Done, AppError> {
    use crate::{domain::person::PersonId, services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::people::set_pin(&state, &viewer, PersonId(id), pin.trim()).await?;
    let message = if pin.trim().is_empty() {
        m::flash_pin_removed()
    } else {
        m::flash_pin_set()
    };
    Ok(Done::to(format!("/people/{id}")).with_flash(message))
}
