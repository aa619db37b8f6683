//! Event templates: save an event's setup under a name, start new events
//! from it.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::Done;
use crate::domain::event::EventForm;
use crate::error::AppError;

/// The facility's templates, by name: (id, name).
#[server(prefix = "/fn", endpoint = "list_templates", input = GetUrl)]
pub async fn list_templates() -> Result<Vec<(i64, String)>, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::templates::list(&state, &viewer).await
}

/// A template's form: the event's setup with the dates left for the
/// person to choose.
#[server(prefix = "/fn", endpoint = "template_form", input = GetUrl)]
pub async fn template_form(id: i64) -> Result<EventForm, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::templates::form(&state, &viewer, id).await
}

#[server(prefix = "/fn", endpoint = "save_template")]
pub async fn save_template(
    csrf_token: String,
    event_id: i64,
    name: String,
) -> Result<Done, AppError> {
    use crate::{domain::event::EventId, services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let name = services::templates::save(&state, &viewer, EventId(event_id), &name).await?;
    Ok(Done::to(format!("/events/{event_id}")).with_flash(m::flash_template_saved(name)))
}

#[server(prefix = "/fn", endpoint = "delete_template")]
pub async fn delete_template(csrf_token: String, id: i64) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::templates::delete(&state, &viewer, id).await?;
    Ok(Done::to("/templates").with_flash(m::flash_template_deleted()))
}
