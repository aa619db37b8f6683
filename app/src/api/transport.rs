//! The van, the event's rules and the manifest from the pages.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::Done;
use crate::domain::transport::{Logistics, Manifest, RulesForm, TransportForm};
use crate::error::AppError;

/// An event's van and rules, with the staff who may drive (for planners).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LogisticsData {
    pub logistics: Logistics,
    /// Staff to choose a driver from; empty unless the viewer plans events.
    pub drivers: Vec<(i64, String)>,
}

#[server(prefix = "/fn", endpoint = "event_logistics", input = GetUrl)]
pub async fn load_logistics(id: i64) -> Result<LogisticsData, AppError> {
    use crate::domain::{event::EventId, person::Action};
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let logistics = services::transport::logistics(&state, &viewer, EventId(id)).await?;
    let drivers = if viewer.person.role.can(Action::ManageEvents) {
        services::people::hosts(&state, &viewer).await?
    } else {
        Vec::new()
    };
    Ok(LogisticsData { logistics, drivers })
}

/// Saves an off-site event's van (an empty seat count removes it).
#[server(prefix = "/fn", endpoint = "save_transport")]
pub async fn save_transport(
    csrf_token: String,
    id: i64,
    #[server(default)] back: String,
    #[server(flatten)] form: TransportForm,
) -> Result<Done, AppError> {
    use crate::domain::event::EventId;
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let transport = form.parse()?;
    let removed = transport.is_none();
    services::transport::set_transport(&state, &viewer, EventId(id), transport).await?;
    Ok(reloading(
        &state,
        &back_to(&back, id),
        if removed {
            crate::i18n::m::flash_van_removed()
        } else {
            crate::i18n::m::flash_transport_saved()
        },
    ))
}

/// Saves who may come (days since admission, houses) and the staff ratio.
#[server(prefix = "/fn", endpoint = "save_rules")]
pub async fn save_rules(
    csrf_token: String,
    id: i64,
    #[server(default)] back: String,
    #[server(flatten)] form: RulesForm,
) -> Result<Done, AppError> {
    use crate::domain::event::EventId;
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let rules = form.parse()?;
    services::transport::set_rules(&state, &viewer, EventId(id), rules).await?;
    Ok(reloading(
        &state,
        &back_to(&back, id),
        crate::i18n::m::flash_rules_saved(),
    ))
}

/// Back to `path` loaded from the server, so the page shows the saved van
/// and rules (the message rides in the flash cookie, which a reload keeps).
#[cfg(feature = "ssr")]
fn reloading(state: &crate::state::AppState, path: &str, message: crate::i18n::Message) -> Done {
    crate::web::set_flash(&message, state.settings.secure_cookies());
    Done {
        reload: true,
        ..Done::to(path)
    }
}

/// The page a form came from, or the event's.
#[cfg(feature = "ssr")]
fn back_to(back: &str, id: i64) -> String {
    if back.is_empty() {
        format!("/events/{id}")
    } else {
        super::local_path(back)
    }
}

/// The van manifest of one occurrence (staff only; audited).
#[server(prefix = "/fn", endpoint = "manifest", input = GetUrl)]
pub async fn load_manifest(id: i64, key: String) -> Result<Manifest, AppError> {
    use crate::domain::occurrence::OccurrenceRef;
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::transport::manifest(&state, &viewer, at.event_id, at.key).await
}
