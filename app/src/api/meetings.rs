//! 12-step meetings from the pages: the outside panel of an on-site
//! meeting. The panel (group, first names) and its staff-only contact are
//! separate calls with separate types, so a client's page never receives a
//! contact field.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::Done;
use crate::domain::panel::{Panel, PanelContact, PanelForm};
use crate::error::AppError;

/// The panel of an on-site 12-step meeting, if one is set.
#[server(prefix = "/fn", endpoint = "load_meeting_panel", input = GetUrl)]
pub async fn load_meeting_panel(id: i64) -> Result<Option<Panel>, AppError> {
    use crate::{domain::event::EventId, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::panels::panel(&state, &viewer, EventId(id)).await
}

/// How to reach the panel: staff only (403 for clients).
#[server(prefix = "/fn", endpoint = "load_panel_contact", input = GetUrl)]
pub async fn load_panel_contact(id: i64) -> Result<Option<PanelContact>, AppError> {
    use crate::{domain::event::EventId, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::panels::contact(&state, &viewer, EventId(id)).await
}

/// Sets (or, with every field empty, removes) the panel.
#[server(prefix = "/fn", endpoint = "save_panel")]
pub async fn save_panel(
    csrf_token: String,
    event_id: i64,
    #[server(flatten)] form: PanelForm,
) -> Result<Done, AppError> {
    use crate::{domain::event::EventId, services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let draft = form.parse()?;
    services::panels::save(&state, &viewer, EventId(event_id), &draft).await?;
    let message = if draft.is_empty() {
        m::flash_panel_removed()
    } else {
        m::flash_panel_saved()
    };
    Ok(Done::to(format!("/events/{event_id}")).with_flash(message))
}
