//! Planning events.

use chrono::{DateTime, Duration, Utc};

use super::auth::Viewer;
use crate::db::{self, events::EventValues};
use crate::domain::event::{Event, EventDraft, EventId};
use crate::domain::person::Action;
use crate::domain::time::parse_zone;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;

/// The widest window one listing may ask for.
pub const MAX_WINDOW: Duration = Duration::days(366);
/// The most events one listing returns.
pub const MAX_LISTED: i64 = 1000;

/// A stored event and anything the person should be told about how their
/// input was read (an ambiguous local time, for instance).
#[derive(Debug, Clone)]
pub struct Saved {
    pub event: Event,
    pub notices: Vec<String>,
}

/// Creates a one-off event. `timezone` defaults to the facility's zone.
pub async fn create(
    state: &AppState,
    viewer: &Viewer,
    draft: EventDraft,
    timezone: Option<&str>,
) -> Result<Saved, AppError> {
    viewer.require(Action::ManageEvents)?;
    let zone_name = timezone.unwrap_or(&viewer.facility.timezone);
    let zone = parse_zone(zone_name).map_err(|m| AppError::field("timezone", m))?;
    let placed = draft.schedule.place(zone)?;
    let values = EventValues {
        draft: &draft,
        timezone: zone.name(),
        placed: &placed,
    };
    let event = db::events::insert(
        &state.db,
        viewer.facility.id,
        Some(viewer.person.id),
        &values,
    )
    .await?;
    tracing::info!(event_id = %event.id, person_id = %viewer.person.id, "event created");
    Ok(Saved {
        event,
        notices: placed.notices,
    })
}

/// Replaces an event's content. A cancelled event stays as it was.
pub async fn update(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
    draft: EventDraft,
    timezone: Option<&str>,
) -> Result<Saved, AppError> {
    viewer.require(Action::ManageEvents)?;
    let existing = get(state, viewer, id).await?;
    if existing.is_cancelled() {
        return Err(AppError::conflict(
            "This event is cancelled, so it can no longer be changed.",
        ));
    }
    let zone_name = timezone.unwrap_or(&existing.timezone);
    let zone = parse_zone(zone_name).map_err(|m| AppError::field("timezone", m))?;
    let placed = draft.schedule.place(zone)?;
    let values = EventValues {
        draft: &draft,
        timezone: zone.name(),
        placed: &placed,
    };
    let event = db::events::update(&state.db, viewer.facility.id, id, &values)
        .await?
        .ok_or(AppError::NotFound)?;
    tracing::info!(event_id = %event.id, person_id = %viewer.person.id, "event updated");
    Ok(Saved {
        event,
        notices: placed.notices,
    })
}

/// Cancels an event; cancelling twice is harmless.
pub async fn cancel(state: &AppState, viewer: &Viewer, id: EventId) -> Result<Event, AppError> {
    viewer.require(Action::ManageEvents)?;
    let event = db::events::cancel(&state.db, viewer.facility.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    tracing::info!(event_id = %event.id, person_id = %viewer.person.id, "event cancelled");
    Ok(event)
}

pub async fn get(state: &AppState, viewer: &Viewer, id: EventId) -> Result<Event, AppError> {
    viewer.require(Action::ViewEvents)?;
    db::events::get(&state.db, viewer.facility.id, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Events overlapping `[from, to)`, earliest first.
pub async fn in_window(
    state: &AppState,
    viewer: &Viewer,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Event>, AppError> {
    viewer.require(Action::ViewEvents)?;
    if to <= from {
        return Err(FieldErrors::single("to", "`to` must be after `from`.").into());
    }
    if to - from > MAX_WINDOW {
        return Err(FieldErrors::single(
            "to",
            format!("Ask for at most {} days at a time.", MAX_WINDOW.num_days()),
        )
        .into());
    }
    Ok(db::events::in_window(
        &state.db,
        viewer.facility.id,
        db::at(from),
        db::at(to),
        MAX_LISTED,
    )
    .await?)
}
