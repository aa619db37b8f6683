//! Outside panels of on-site 12-step meetings: everyone who sees the
//! meeting reads the group and first names; staff read how to reach the
//! panel; planners change it (audited, by ids).

use super::auth::Viewer;
use crate::db;
use crate::domain::event::{Event, EventId, EventKind, Venue};
use crate::domain::panel::{Panel, PanelContact, PanelDraft};
use crate::domain::person::Action;
use crate::error::AppError;
use crate::i18n::m;
use crate::state::AppState;

/// Only on-site 12-step meetings are brought in by a panel.
pub fn has_panel(event: &Event) -> bool {
    event.kind == EventKind::TwelveStep && event.venue == Venue::OnSite
}

/// The panel as anyone who may see the meeting reads it. `None` when the
/// event has no panel (or is not an on-site meeting).
pub async fn panel(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
) -> Result<Option<Panel>, AppError> {
    let event = super::events::get(state, viewer, id).await?;
    if !has_panel(&event) {
        return Ok(None);
    }
    Ok(db::panels::panel(&state.db, id)
        .await?
        .filter(|p| !p.is_empty()))
}

/// How to reach the panel: staff only.
pub async fn contact(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
) -> Result<Option<PanelContact>, AppError> {
    viewer.require(Action::ViewRosters)?;
    let event = super::events::get(state, viewer, id).await?;
    if !has_panel(&event) {
        return Ok(None);
    }
    Ok(db::panels::contact(&state.db, id).await?)
}

/// Sets (or, with an empty draft, removes) the panel of an on-site
/// 12-step meeting.
pub async fn save(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
    draft: &PanelDraft,
) -> Result<(), AppError> {
    viewer.require(Action::ManageEvents)?;
    let event = super::events::get(state, viewer, id).await?;
    if !has_panel(&event) {
        return Err(AppError::field("group", m::panel_only_on_site_meetings()));
    }
    if event.is_cancelled() {
        return Err(AppError::conflict(m::event_cancelled_no_changes()));
    }
    let action = if draft.is_empty() {
        db::panels::delete(&state.db, id).await?;
        "remove meeting panel"
    } else {
        db::panels::put(&state.db, id, draft, viewer.person.id).await?;
        "change meeting panel"
    };
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        action,
        &format!("event {id}"),
    )
    .await?;
    tracing::info!(event_id = %id, person_id = %viewer.person.id, "{action}");
    Ok(())
}
