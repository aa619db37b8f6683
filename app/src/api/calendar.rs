//! What the calendar views, the occurrence page and the board read, and
//! changes to single occurrences.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::Done;
use crate::domain::event::{Event, EventForm};
use crate::domain::occurrence::Occurrence;
use crate::error::AppError;

/// A calendar view's days and occurrences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarData {
    pub occurrences: Vec<Occurrence>,
    /// The day the view is about (today when none was asked for).
    pub date: NaiveDate,
    /// The first and last day shown (inclusive).
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// "Today" in the facility's zone, for highlighting.
    pub today: NaiveDate,
    pub facility_name: String,
}

/// The occurrences a calendar view shows: `view` is agenda, week or month,
/// around `date` (today when empty); optionally only some kinds
/// (comma-separated) or one audience.
#[server(prefix = "/fn", endpoint = "calendar", input = GetUrl)]
pub async fn calendar(
    #[server(default)] view: String,
    #[server(default)] date: String,
    #[server(default)] kinds: String,
    #[server(default)] audience: String,
) -> Result<CalendarData, AppError> {
    use crate::domain::calendar::CalendarView;
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let filter = parse_filter(&kinds, &audience)?;
    let view = CalendarView::parse(&view).unwrap_or_default();
    let zone = crate::domain::time::parse_zone(&viewer.facility.timezone)
        .map_err(|_| AppError::Internal)?;
    let today = chrono::Utc::now().with_timezone(&zone).date_naive();
    let date = match date.trim() {
        "" => today,
        text => crate::domain::time::parse_date(text).map_err(|m| AppError::field("date", m))?,
    };
    let (first, last) = view.range(date, viewer.facility.first_day);
    let from = crate::domain::time::start_of_day(zone, first);
    let to = crate::domain::time::start_of_day(zone, last + chrono::Duration::days(1));
    let mut occurrences = services::events::occurrences(&state, &viewer, from, to, &filter).await?;
    // The views show no descriptions; leaving them out keeps the page (and
    // the data it carries for hydration) small.
    for occurrence in &mut occurrences {
        occurrence.description.clear();
    }
    Ok(CalendarData {
        occurrences,
        date,
        first,
        last,
        today,
        facility_name: viewer.facility.name.clone(),
    })
}

#[cfg(feature = "ssr")]
fn parse_filter(kinds: &str, audience: &str) -> Result<crate::services::events::Filter, AppError> {
    use crate::domain::event::{Audience, EventKind};
    let kinds = kinds
        .split(',')
        .filter(|k| !k.trim().is_empty())
        .map(|k| EventKind::parse(k).map_err(|m| AppError::field("kind", m)))
        .collect::<Result<Vec<_>, _>>()?;
    let audience = match audience.trim() {
        "" | "all" => None,
        a => Some(Audience::parse(a).map_err(|m| AppError::field("audience", m))?),
    };
    Ok(crate::services::events::Filter { kinds, audience })
}

/// What the "today" board shows: no names, ever.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardData {
    pub facility_name: String,
    pub today: NaiveDate,
    pub occurrences: Vec<Occurrence>,
}

/// Today's occurrences for the board. Anyone may read it when the admin
/// made the board public; otherwise it needs a signed-in person.
#[server(prefix = "/fn", endpoint = "board", input = GetUrl)]
pub async fn board() -> Result<BoardData, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let context = web::request_context().ok_or(AppError::Internal)?;
    let facility = context.facility.clone();
    if context.viewer.is_none() && !facility.public_board {
        return Err(AppError::Unauthorized);
    }
    let zone =
        crate::domain::time::parse_zone(&facility.timezone).map_err(|_| AppError::Internal)?;
    let today = chrono::Utc::now().with_timezone(&zone).date_naive();
    let from = crate::domain::time::start_of_day(zone, today);
    let to = crate::domain::time::start_of_day(zone, today + chrono::Duration::days(1));
    let signed_in = context.viewer.is_some();
    let occurrences = services::events::board(&state, &facility, from, to, signed_in).await?;
    Ok(BoardData {
        facility_name: facility.name,
        today,
        occurrences,
    })
}

/// An event and one of its occurrences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OccurrenceData {
    pub event: Event,
    pub occurrence: Occurrence,
    /// The form for "this and following" / "this occurrence" edits,
    /// pre-filled with the occurrence's times.
    pub form: EventForm,
}

#[server(prefix = "/fn", endpoint = "get_occurrence", input = GetUrl)]
pub async fn get_occurrence(id: i64, key: String) -> Result<OccurrenceData, AppError> {
    use crate::domain::occurrence::OccurrenceRef;
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    // Only a lookup: a key that is not one names no occurrence.
    let at = OccurrenceRef::parse(id, &key).map_err(|_| AppError::NotFound)?;
    let (event, occurrence) =
        services::events::occurrence(&state, &viewer, at.event_id, at.key).await?;
    let mut form = EventForm::from_event(&event);
    let times = EventForm::from_schedule(&occurrence.schedule);
    form.start_date = times.start_date;
    form.start_time = times.start_time;
    form.end_date = times.end_date;
    form.end_time = times.end_time;
    form.title = occurrence.title.clone();
    form.location = occurrence.location.clone();
    form.description = occurrence.description.clone();
    Ok(OccurrenceData {
        event,
        occurrence,
        form,
    })
}

/// Skips, cancels or restores one occurrence (`action`: skip, cancel or
/// restore).
#[server(prefix = "/fn", endpoint = "set_occurrence_status")]
pub async fn set_occurrence_status(
    csrf_token: String,
    id: i64,
    key: String,
    action: String,
) -> Result<Done, AppError> {
    use crate::domain::occurrence::{ChangeKind, OccurrencePatch, OccurrenceRef};
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    let (status, message) = match action.as_str() {
        "skip" => (ChangeKind::Skipped, m::flash_date_skipped()),
        "cancel" => (ChangeKind::Cancelled, m::flash_date_cancelled()),
        "restore" => (ChangeKind::Changed, m::flash_date_restored()),
        other => {
            return Err(AppError::bad_request(m::error_unknown_action(other)));
        }
    };
    let patch = OccurrencePatch {
        status: Some(status),
        ..OccurrencePatch::default()
    };
    let occurrence =
        services::events::change_occurrence(&state, &viewer, at.event_id, at.key, patch).await?;
    let to = if status == ChangeKind::Skipped {
        format!("/events/{id}")
    } else {
        occurrence.href()
    };
    Ok(Done::to(to).with_flash(message))
}

/// Saves the occurrence form: `scope` `this` changes only this date (its
/// times, title, location, description); `following` changes this date and
/// every later one (splitting the series).
#[server(prefix = "/fn", endpoint = "edit_occurrence")]
pub async fn edit_occurrence(
    csrf_token: String,
    id: i64,
    key: String,
    scope: String,
    #[server(flatten)] form: EventForm,
) -> Result<Done, AppError> {
    use crate::domain::occurrence::{OccurrencePatch, OccurrenceRef};
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    let draft = form.parse()?;
    match scope.as_str() {
        "this" => {
            let patch = OccurrencePatch {
                schedule: Some(draft.schedule),
                title: Some(draft.title),
                location: Some(draft.location),
                description: Some(draft.description),
                status: None,
            };
            let occurrence =
                services::events::change_occurrence(&state, &viewer, at.event_id, at.key, patch)
                    .await?;
            Ok(Done::to(occurrence.href()).with_flash(m::flash_date_changed()))
        }
        "following" => {
            let saved =
                services::events::split(&state, &viewer, at.event_id, at.key, draft).await?;
            Ok(super::events::done_saving(
                &saved,
                m::flash_following_changed(),
            ))
        }
        other => Err(AppError::bad_request(m::error_unknown_scope(other))),
    }
}
