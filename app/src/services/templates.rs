//! Event templates.

use super::auth::Viewer;
use crate::db;
use crate::domain::event::{EventForm, EventId};
use crate::domain::person::Action;
use crate::domain::validation::{FieldErrors, required_text};
use crate::error::AppError;
use crate::i18n::m;
use crate::state::AppState;

pub const NAME_MAX: usize = 100;

pub async fn list(state: &AppState, viewer: &Viewer) -> Result<Vec<(i64, String)>, AppError> {
    viewer.require(Action::ManageEvents)?;
    Ok(db::templates::list(&state.db, viewer.facility.id)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect())
}

/// Saves the event's setup (kind, text, times of day, repetition, …)
/// under `name`; returns the name as stored.
pub async fn save(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    name: &str,
) -> Result<String, AppError> {
    viewer.require(Action::ManageEvents)?;
    let mut errors = FieldErrors::new();
    let name = required_text(&mut errors, "name", m::field_name(), name, NAME_MAX);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let event = super::events::get(state, viewer, event).await?;
    let fields =
        serde_json::to_string(&EventForm::from_event(&event)).map_err(|_| AppError::Internal)?;
    db::templates::insert(
        &state.db,
        viewer.facility.id,
        &name,
        &fields,
        viewer.person.id,
    )
    .await
    .map_err(|e| match e {
        db::DbError::Duplicate(_) => AppError::field("name", m::template_exists(&name)),
        other => other.into(),
    })?;
    tracing::info!(event_id = %event.id, "template saved");
    Ok(name)
}

/// The template's form with its dates cleared (times of day, length and
/// repetition stay).
pub async fn form(state: &AppState, viewer: &Viewer, id: i64) -> Result<EventForm, AppError> {
    viewer.require(Action::ManageEvents)?;
    let template = db::templates::get(&state.db, viewer.facility.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut form: EventForm = serde_json::from_str(&template.fields).map_err(|e| {
        tracing::error!(error = %e, template_id = id, "unreadable template");
        AppError::Internal
    })?;
    form.start_date.clear();
    form.end_date.clear();
    form.until_date.clear();
    Ok(form)
}

pub async fn delete(state: &AppState, viewer: &Viewer, id: i64) -> Result<(), AppError> {
    viewer.require(Action::ManageEvents)?;
    if db::templates::delete(&state.db, viewer.facility.id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
