//! Reading and planning events from the pages.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::Done;
use crate::domain::event::{Event, EventForm};
use crate::error::AppError;

/// How far ahead the upcoming list looks.
pub const UPCOMING_DAYS: i64 = 60;

/// Events from now (including those in progress) to [`UPCOMING_DAYS`] ahead.
#[server(prefix = "/fn", endpoint = "upcoming_events", input = GetUrl)]
pub async fn upcoming_events() -> Result<Vec<Event>, AppError> {
    use crate::{db, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let from = db::now();
    services::events::in_window(
        &state,
        &viewer,
        from,
        from + chrono::Duration::days(UPCOMING_DAYS),
    )
    .await
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
            "Event created.",
        ),
        Some(id) => (
            services::events::update(&state, &viewer, EventId(id), draft, None).await?,
            "Changes saved.",
        ),
    };
    let mut flash = message.to_owned();
    for notice in &saved.notices {
        flash.push(' ');
        flash.push_str(notice);
    }
    Ok(Done::to(format!("/events/{}", saved.event.id)).with_flash(flash))
}

#[server(prefix = "/fn", endpoint = "cancel_event")]
pub async fn cancel_event(csrf_token: String, id: i64) -> Result<Done, AppError> {
    use crate::{domain::event::EventId, services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let event = services::events::cancel(&state, &viewer, EventId(id)).await?;
    Ok(Done::to(format!("/events/{}", event.id)).with_flash("The event is cancelled."))
}
