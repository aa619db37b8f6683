//! Reading and planning events from the pages.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::Done;
use crate::domain::event::{Event, EventForm};
use crate::error::AppError;

/// An event with what its page shows: the next dates and the host's name.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EventPageData {
    pub event: Event,
    /// The next occurrences (cancelled ones included, skipped ones not).
    pub next: Vec<crate::domain::occurrence::Occurrence>,
    pub host_name: Option<String>,
}

/// How many coming dates an event's page lists.
pub const NEXT_DATES: usize = 8;

#[server(prefix = "/fn", endpoint = "event_details", input = GetUrl)]
pub async fn event_details(id: i64) -> Result<EventPageData, AppError> {
    use crate::{domain::event::EventId, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let event = services::events::get(&state, &viewer, EventId(id)).await?;
    let next = services::events::next_occurrences(&state, &viewer, &event, NEXT_DATES).await?;
    let host_name = match event.host_id {
        Some(host) => crate::db::people::get(&state.db, host)
            .await
            .map_err(AppError::from)?
            .map(|p| p.display_name),
        None => None,
    };
    Ok(EventPageData {
        event,
        next,
        host_name,
    })
}

#[server(prefix = "/fn", endpoint = "get_event", input = GetUrl)]
pub async fn get_event(id: i64) -> Result<Event, AppError> {
    use crate::{domain::event::EventId, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::events::get(&state, &viewer, EventId(id)).await
}

/// Creates an event, or updates the one with `event_id`.
#[server(prefix = "/fn", endpoint = "save_event")]
pub async fn save_event(
    csrf_token: String,
    #[server(default)] event_id: Option<i64>,
    #[server(flatten)] form: EventForm,
) -> Result<Done, AppError> {
    use crate::{domain::event::EventId, services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let draft = form.parse()?;
    let (saved, message) = match event_id {
        None => (
            services::events::create(&state, &viewer, draft, None).await?,
            m::flash_event_created(),
        ),
        Some(id) => (
            services::events::update(&state, &viewer, EventId(id), draft, None).await?,
            m::flash_changes_saved(),
        ),
    };
    Ok(done_saving(&saved, message))
}

/// Where to go after saving, with the notices as the flash message.
#[cfg(feature = "ssr")]
pub fn done_saving(saved: &crate::services::events::Saved, message: crate::i18n::Message) -> Done {
    let mut all = vec![message];
    all.extend(saved.notices.iter().cloned());
    let done = Done::to(format!("/events/{}", saved.event.id));
    match crate::i18n::Message::join(all) {
        Some(flash) => done.with_flash(flash),
        None => done,
    }
}

/// Staff who can host an event, for the form's list.
#[server(prefix = "/fn", endpoint = "list_hosts", input = GetUrl)]
pub async fn list_hosts() -> Result<Vec<(i64, String)>, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::people::hosts(&state, &viewer).await
}

#[server(prefix = "/fn", endpoint = "cancel_event")]
pub async fn cancel_event(csrf_token: String, id: i64) -> Result<Done, AppError> {
    use crate::{domain::event::EventId, services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let event = services::events::cancel(&state, &viewer, EventId(id)).await?;
    Ok(Done::to(format!("/events/{}", event.id)).with_flash(m::flash_event_cancelled()))
}
