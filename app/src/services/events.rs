//! Planning events: one-offs and series, and changes to single
//! occurrences.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::auth::Viewer;
use super::change_clock::Kept;
use crate::db::{self, events::EventValues};
use crate::domain::event::{
    Event, EventDraft, EventId, EventKind, EventStatus, PlacedSchedule, check_text,
};
use crate::domain::occurrence::{
    ChangeKind, Moved, Occurrence, OccurrenceChange, OccurrenceKey, OccurrencePatch, expand,
    instants, key_on_date, local_date, original,
};
use crate::domain::person::Action;
use crate::domain::recurrence::{End, check_occurrences, end_of_day, last_start, local_starts};
use crate::domain::time::parse_zone;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::i18n::{Message, m};
use crate::state::AppState;

/// The widest window one listing may ask for.
pub const MAX_WINDOW: Duration = Duration::days(366);
/// The most events one listing returns.
pub const MAX_LISTED: i64 = 2000;

/// A stored event and anything the person should be told about how their
/// input was read (an ambiguous local time, a moved first date, …).
#[derive(Debug, Clone)]
pub struct Saved {
    pub event: Event,
    pub notices: Vec<Message>,
}

/// What the calendar views ask for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kinds: Vec<EventKind>,
    pub audience: Option<crate::domain::event::Audience>,
}

impl Filter {
    fn admits(&self, occurrence: &Occurrence) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&occurrence.kind))
            && self.audience.is_none_or(|a| a == occurrence.audience)
    }
}

/// Everything storing `draft` in `zone` needs, or the reasons it cannot be.
pub(crate) struct Prepared {
    pub(crate) placed: PlacedSchedule,
    rrule: Option<String>,
    series_ends_at: Option<DateTime<Utc>>,
    notices: Vec<Message>,
}

pub(crate) fn prepare(draft: &mut EventDraft, zone: Tz) -> Result<Prepared, AppError> {
    let mut notices: Vec<Message> = draft.synchronize().into_iter().collect();
    let mut errors = FieldErrors::new();
    draft.check(&mut errors);
    if let Some(rule) = &draft.rule
        && let Err(message) = check_occurrences(rule, draft.schedule.local_start())
    {
        errors.add("repeat", message);
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let placed = draft.schedule.place(zone)?;
    notices.extend(placed.notices.iter().cloned());
    let (rrule, series_ends_at) = match &draft.rule {
        None => (None, Some(placed.ends_at)),
        Some(rule) => {
            let until = match rule.end {
                End::Until(date) if !draft.schedule.is_all_day() => Some(end_of_day(zone, date)),
                _ => None,
            };
            let ends = last_start(rule, draft.schedule.local_start())
                .map(|last| instants(zone, &draft.schedule.starting_at(last)).1);
            (Some(rule.to_rrule(until)), ends)
        }
    };
    Ok(Prepared {
        placed,
        rrule,
        series_ends_at,
        notices,
    })
}

pub(crate) fn values<'a>(
    draft: &'a EventDraft,
    zone: &'a Tz,
    prepared: &'a Prepared,
) -> EventValues<'a> {
    EventValues {
        draft,
        timezone: zone.name(),
        placed: &prepared.placed,
        rrule: prepared.rrule.clone(),
        series_ends_at: prepared.series_ends_at,
    }
}

fn zone(name: &str) -> Result<Tz, AppError> {
    parse_zone(name).map_err(|m| AppError::field("timezone", m))
}

/// Creates an event (a series when the draft has a rule). `timezone`
/// defaults to the facility's zone.
pub async fn create(
    state: &AppState,
    viewer: &Viewer,
    mut draft: EventDraft,
    timezone: Option<&str>,
) -> Result<Saved, AppError> {
    viewer.require(Action::ManageEvents)?;
    let zone = zone(timezone.unwrap_or(&viewer.facility.timezone))?;
    let prepared = prepare(&mut draft, zone)?;
    check_host(state, viewer, &draft, None).await?;
    let event = db::events::insert(
        &state.db,
        viewer.facility.id,
        Some(viewer.person.id),
        None,
        &values(&draft, &zone, &prepared),
    )
    .await?;
    tracing::info!(event_id = %event.id, person_id = %viewer.person.id, "event created");
    Ok(Saved {
        event,
        notices: prepared.notices,
    })
}

/// Replaces an event's content ("the whole series"). Changes to single
/// occurrences follow their dates; those whose date the series no longer
/// falls on are dropped, and the notices say how many.
pub async fn update(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
    mut draft: EventDraft,
    timezone: Option<&str>,
) -> Result<Saved, AppError> {
    viewer.require(Action::ManageEvents)?;
    let existing = get(state, viewer, id).await?;
    if existing.is_cancelled() {
        return Err(AppError::conflict(m::event_cancelled_no_changes()));
    }
    let zone = zone(timezone.unwrap_or(&existing.timezone))?;
    let prepared = prepare(&mut draft, zone)?;
    check_host(state, viewer, &draft, Some(&existing)).await?;
    let saved = replace(state, &existing, &draft, zone, prepared).await?;
    tracing::info!(event_id = %saved.event.id, person_id = %viewer.person.id, "event updated");
    Ok(saved)
}

/// A host must be an active staff member of the facility — unless the
/// event already had that host (who may since have left: the event keeps
/// them until someone picks another).
async fn check_host(
    state: &AppState,
    viewer: &Viewer,
    draft: &EventDraft,
    existing: Option<&Event>,
) -> Result<(), AppError> {
    match draft.host_id {
        Some(host) if existing.and_then(|e| e.host_id) != Some(host) => {
            super::people::require_active_staff(
                state,
                viewer,
                host,
                "host_id",
                m::event_host_not_staff(),
            )
            .await
        }
        _ => Ok(()),
    }
}

/// Stores `draft` (already prepared for `zone`) over `existing`: changes
/// to single dates and RSVPs follow their dates, a raised capacity
/// promotes the waitlist. Permission is the caller's business (imports
/// run from the command line without a viewer).
pub(crate) async fn replace(
    state: &AppState,
    existing: &Event,
    draft: &EventDraft,
    zone: Tz,
    mut prepared: Prepared,
) -> Result<Saved, AppError> {
    let id = existing.id;
    let changes = db::events::changes_of(&state.db, id).await?;
    let rekeyed = if changes.is_empty() {
        None
    } else {
        let mut future = existing.clone();
        future.schedule = draft.schedule;
        future.rule = draft.rule.clone();
        future.timezone = zone.name().to_owned();
        future.starts_at = prepared.placed.starts_at;
        future.ends_at = prepared.placed.ends_at;
        let (kept, dropped) = carry_over(existing, &future, changes);
        if dropped > 0 {
            prepared.notices.push(m::event_changes_dropped(dropped));
        }
        Some(kept)
    };
    let event = db::events::update(
        &state.db,
        existing.facility_id,
        id,
        &values(draft, &zone, &prepared),
        rekeyed.as_deref(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    follow_dates(state, existing, &event, |_| true).await?;
    if event.capacity != existing.capacity || event.venue != existing.venue {
        super::rsvps::capacity_changed(state, &event).await?;
    }
    Ok(Saved {
        event,
        notices: prepared.notices,
    })
}

/// RSVPs and attendance follow their dates from `from` to `to` (the same
/// event after its times changed, or the new part of a split), for the
/// occurrences `which` selects.
async fn follow_dates(
    state: &AppState,
    from: &Event,
    to: &Event,
    which: impl Fn(OccurrenceKey) -> bool,
) -> Result<(), AppError> {
    let mut moves = Vec::new();
    for key in db::rsvps::keys_in_use(&state.db, from.id).await? {
        if !which(key) {
            continue;
        }
        // A one-off has one occurrence wherever it moves; a series' dates
        // are matched by their local day.
        let new = if from.rule.is_none() && to.rule.is_none() {
            Some(OccurrenceKey(to.starts_at))
        } else {
            key_on_date(to, local_date(from, key))
        };
        if let Some(new) = new
            && (new != key || from.id != to.id)
        {
            moves.push((key, new));
        }
    }
    db::rsvps::rekey(&state.db, from.id, to.id, &moves).await?;
    Ok(())
}

/// Moves changes from the occurrences of `from` to the occurrences of `to`
/// on the same local dates. Returns the kept changes and how many were
/// dropped.
fn carry_over(
    from: &Event,
    to: &Event,
    changes: Vec<OccurrenceChange>,
) -> (Vec<OccurrenceChange>, usize) {
    let mut kept = Vec::new();
    let mut dropped = 0;
    for mut change in changes {
        match key_on_date(to, local_date(from, change.key)) {
            Some(key) => {
                change.key = key;
                kept.push(change);
            }
            None => dropped += 1,
        }
    }
    (kept, dropped)
}

/// Cancels an event (every occurrence); cancelling twice is harmless.
pub async fn cancel(state: &AppState, viewer: &Viewer, id: EventId) -> Result<Event, AppError> {
    viewer.require(Action::ManageEvents)?;
    get(state, viewer, id).await?;
    let event = db::events::cancel(&state.db, viewer.facility.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    tracing::info!(event_id = %event.id, person_id = %viewer.person.id, "event cancelled");
    Ok(event)
}

/// An event the viewer may see.
pub async fn get(state: &AppState, viewer: &Viewer, id: EventId) -> Result<Event, AppError> {
    viewer.require(Action::ViewEvents)?;
    let reads = viewer.reads.as_deref();
    let event = super::page_reads::event(state, reads, viewer.facility.id, id).await?;
    event
        .filter(|e| viewer.person.role.sees(e.audience))
        .ok_or(AppError::NotFound)
}

/// An event's changed dates (kept for page renders).
async fn changes_for(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
) -> Result<Vec<OccurrenceChange>, AppError> {
    super::page_reads::changes(state, viewer.reads.as_deref(), id).await
}

fn check_window(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<(), AppError> {
    if to <= from {
        return Err(FieldErrors::single("to", m::window_to_before_from()).into());
    }
    if to - from > MAX_WINDOW {
        return Err(FieldErrors::single("to", m::window_too_long(MAX_WINDOW.num_days())).into());
    }
    Ok(())
}

/// Events (one-offs and series) with an occurrence in `[from, to)`,
/// earliest first.
pub async fn in_window(
    state: &AppState,
    viewer: &Viewer,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Event>, AppError> {
    let occurrences = occurrences(state, viewer, from, to, &Filter::default()).await?;
    let mut ids: Vec<EventId> = occurrences.iter().map(|o| o.event_id).collect();
    let events = db::events::in_window(
        &state.db,
        viewer.facility.id,
        db::at(from),
        db::at(to),
        MAX_LISTED,
    )
    .await?;
    ids.dedup();
    Ok(events.into_iter().filter(|e| ids.contains(&e.id)).collect())
}

/// Every occurrence in `[from, to)` the viewer may see and the filter
/// admits, earliest first.
pub async fn occurrences(
    state: &AppState,
    viewer: &Viewer,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    filter: &Filter,
) -> Result<Vec<Occurrence>, AppError> {
    viewer.require(Action::ViewEvents)?;
    check_window(from, to)?;
    let role = viewer.person.role;
    occurrences_at(
        state,
        viewer.facility.id,
        |e| role.sees(e.audience),
        from,
        to,
        filter,
    )
    .await
}

/// Today's occurrences for the board in the common room: what clients may
/// see (never staff-only events).
pub async fn board(
    state: &AppState,
    facility: &crate::db::facilities::Facility,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    signed_in: bool,
) -> Result<Vec<Occurrence>, AppError> {
    let clients = crate::domain::person::Role::Client;
    occurrences_at(
        state,
        facility.id,
        // Anyone else (a public board) sees exactly the events the public
        // feeds would carry.
        |e| {
            if signed_in {
                clients.sees(e.audience)
            } else {
                super::feeds::is_public_event(facility, e)
            }
        },
        from,
        to,
        &Filter::default(),
    )
    .await
}

/// The events that may have an occurrence in a window, and their changes
/// to single dates.
#[derive(Debug)]
pub struct Candidates {
    events: Vec<Event>,
    changes: Vec<(EventId, OccurrenceChange)>,
}

/// Candidates by facility and (widened) window. Calendar views ask for
/// day-aligned windows, so people looking at the same week or month share
/// one entry.
pub type Windows = Kept<(i64, DateTime<Utc>, DateTime<Utc>), Candidates>;

/// More windows than a facility's pages ask for in a day or so.
pub const MAX_WINDOWS: usize = 256;

/// The candidates of a window: from memory while the change clock stands
/// still, else from the database (read after the clock, so what is kept is
/// at least as new as the clock it is kept under).
async fn candidates(
    state: &AppState,
    facility_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Arc<Candidates>, AppError> {
    let clock = state.clock.read(&state.db).await?;
    state
        .windows
        .get_or_load((facility_id, from, to), clock, async || {
            let events =
                db::events::in_window(&state.db, facility_id, from, to, MAX_LISTED).await?;
            let changes = db::events::changes_in_window(&state.db, facility_id, from, to).await?;
            Ok::<_, AppError>(Candidates { events, changes })
        })
        .await
}

async fn occurrences_at(
    state: &AppState,
    facility_id: i64,
    sees: impl Fn(&crate::domain::event::Event) -> bool,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    filter: &Filter,
) -> Result<Vec<Occurrence>, AppError> {
    let (from, to) = (db::at(from), db::at(to));
    // A series may have occurrences moved into the window from well before
    // or after it; changes are looked up for the whole candidate set.
    let (wide_from, wide_to) = (from - MAX_WINDOW, to + MAX_WINDOW);
    let candidates = candidates(state, facility_id, wide_from, wide_to).await?;
    let Candidates { events, changes } = &*candidates;
    let mut all = Vec::new();
    for event in events.iter().filter(|e| sees(e)) {
        let first = changes.partition_point(|(id, _)| *id < event.id);
        let own: Vec<OccurrenceChange> = changes[first..]
            .iter()
            .take_while(|(id, _)| *id == event.id)
            .map(|(_, c)| c.clone())
            .collect();
        all.extend(
            expand(event, &own, from, to)
                .into_iter()
                .filter(|o| filter.admits(o)),
        );
    }
    all.sort_by_key(|o| (o.starts_at, o.event_id, o.key));
    Ok(all)
}

/// The next `n` occurrences of one event from now (from its first when it
/// has not started), changes applied.
pub async fn next_occurrences(
    state: &AppState,
    viewer: &Viewer,
    event: &Event,
    n: usize,
) -> Result<Vec<Occurrence>, AppError> {
    viewer.require(Action::ViewEvents)?;
    let changes = changes_for(state, viewer, event.id).await?;
    let from = db::now().max(event.starts_at);
    // Widen the window until enough dates are found (a yearly series needs
    // years), never past the longest window.
    let mut days = 62;
    loop {
        let to = from + Duration::days(days);
        let found = expand(event, &changes, from, to);
        if found.len() >= n || days >= MAX_WINDOW.num_days() * 5 {
            return Ok(found.into_iter().take(n).collect());
        }
        days *= 3;
    }
}

/// One occurrence of an event, with its changes applied.
pub async fn occurrence(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
    key: OccurrenceKey,
) -> Result<(Event, Occurrence), AppError> {
    let event = get(state, viewer, id).await?;
    let changes = changes_for(state, viewer, id).await?;
    let found = find(&event, &changes, key).ok_or(AppError::NotFound)?;
    Ok((event, found))
}

pub(crate) fn find(
    event: &Event,
    changes: &[OccurrenceChange],
    key: OccurrenceKey,
) -> Option<Occurrence> {
    let change = changes.iter().find(|c| c.key == key);
    let (from, to) = match change.and_then(|c| c.moved) {
        Some(moved) => (moved.starts_at, moved.ends_at),
        None => {
            let (_, starts_at, ends_at) = original(event, key)?;
            (starts_at, ends_at)
        }
    };
    expand(event, changes, from, to.max(from + Duration::seconds(1)))
        .into_iter()
        .find(|o| o.key == key)
}

/// Changes one occurrence: new times, title, location or description, or
/// its status. On a one-off event this changes the event itself.
pub async fn change_occurrence(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
    key: OccurrenceKey,
    patch: OccurrencePatch,
) -> Result<Occurrence, AppError> {
    viewer.require(Action::ManageEvents)?;
    let event = get(state, viewer, id).await?;
    if event.is_cancelled() {
        return Err(AppError::conflict(m::event_cancelled_no_changes()));
    }
    let Some((original_schedule, _, _)) = original(&event, key) else {
        return Err(AppError::field(
            "key",
            m::occurrence_not_of_event(key.to_string()),
        ));
    };
    let mut errors = FieldErrors::new();
    let title = patch
        .title
        .as_deref()
        .map(|t| check_text(&mut errors, t, "", "").0);
    let location = patch
        .location
        .as_deref()
        .map(|l| check_text(&mut errors, "x", "", l).2);
    let description = patch
        .description
        .as_deref()
        .map(|d| check_text(&mut errors, "x", d, "").1);
    if let Some(schedule) = &patch.schedule {
        schedule.check(&mut errors);
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }

    if event.rule.is_none() {
        return change_one_off(state, viewer, event, patch, title, location, description).await;
    }

    let zone = zone(&event.timezone)?;
    let changes = db::events::changes_of(&state.db, id).await?;
    let previous = changes.iter().find(|c| c.key == key).cloned();
    let kind = match patch.status {
        Some(status) => status,
        None => previous.as_ref().map_or(ChangeKind::Changed, |p| p.kind),
    };
    let moved = match patch.schedule {
        Some(schedule) if schedule == original_schedule => None,
        Some(schedule) => {
            let placed = schedule.place(zone)?;
            Some(Moved {
                schedule,
                starts_at: placed.starts_at,
                ends_at: placed.ends_at,
            })
        }
        None => previous.as_ref().and_then(|p| p.moved),
    };
    let keep = |new: Option<String>, old: Option<String>| new.or(old);
    let change = OccurrenceChange {
        key,
        kind,
        moved,
        title: keep(title, previous.as_ref().and_then(|p| p.title.clone())),
        location: keep(location, previous.as_ref().and_then(|p| p.location.clone())),
        description: keep(
            description,
            previous.as_ref().and_then(|p| p.description.clone()),
        ),
        sequence: 0,
        updated_at: db::now(),
    };
    let untouched = change.kind == ChangeKind::Changed
        && change.moved.is_none()
        && change.title.is_none()
        && change.location.is_none()
        && change.description.is_none();
    if untouched {
        db::events::delete_change(&state.db, id, key).await?;
    } else {
        db::events::put_change(&state.db, id, &change).await?;
    }
    tracing::info!(event_id = %id, key = %key, change = change.kind.as_str(), "occurrence changed");
    let changes = db::events::changes_of(&state.db, id).await?;
    if change.kind == ChangeKind::Skipped {
        // Taken off the calendar: answer with what it was.
        let mut gone = find(&event, &[], key).ok_or(AppError::NotFound)?;
        gone.status = EventStatus::Cancelled;
        return Ok(gone);
    }
    find(&event, &changes, key).ok_or(AppError::NotFound)
}

async fn change_one_off(
    state: &AppState,
    viewer: &Viewer,
    event: Event,
    patch: OccurrencePatch,
    title: Option<String>,
    location: Option<String>,
    description: Option<String>,
) -> Result<Occurrence, AppError> {
    match patch.status {
        Some(ChangeKind::Skipped) => {
            return Err(AppError::field("status", m::occurrence_skip_one_off()));
        }
        Some(ChangeKind::Cancelled) => {
            let event = cancel(state, viewer, event.id).await?;
            return find(&event, &[], OccurrenceKey(event.starts_at)).ok_or(AppError::NotFound);
        }
        _ => {}
    }
    let mut draft = event.to_draft();
    if let Some(schedule) = patch.schedule {
        draft.schedule = schedule;
    }
    draft.title = title.unwrap_or(draft.title);
    draft.location = location.unwrap_or(draft.location);
    draft.description = description.unwrap_or(draft.description);
    let saved = update(state, viewer, event.id, draft, None).await?;
    find(&saved.event, &[], OccurrenceKey(saved.event.starts_at)).ok_or(AppError::NotFound)
}

/// "This and following": the series `id` ends before the occurrence `key`
/// and `draft` (whose first occurrence is that one's date) continues it as
/// a new event. Changes after the split move to the new event.
pub async fn split(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
    key: OccurrenceKey,
    mut draft: EventDraft,
) -> Result<Saved, AppError> {
    viewer.require(Action::ManageEvents)?;
    let existing = get(state, viewer, id).await?;
    if existing.is_cancelled() {
        return Err(AppError::conflict(m::event_cancelled_no_changes()));
    }
    let Some(rule) = existing.rule.clone() else {
        return update(state, viewer, id, draft, None).await;
    };
    let Some((split_schedule, _, _)) = original(&existing, key) else {
        return Err(AppError::field(
            "key",
            m::occurrence_not_of_event(key.to_string()),
        ));
    };
    if key.0 <= existing.starts_at {
        // Splitting at the first occurrence is editing the whole series.
        return update(state, viewer, id, draft, None).await;
    }
    check_host(state, viewer, &draft, Some(&existing)).await?;
    let zone = zone(&existing.timezone)?;
    let split_date = split_schedule.local_start().date();

    // The first part keeps the occurrences before the split.
    let first_local = existing.schedule.local_start();
    let before_count = local_starts(
        &rule,
        first_local,
        first_local,
        split_schedule.local_start(),
        100_000,
    )
    .len() as u32;
    let mut before = existing.to_draft();
    if let Some(before_rule) = before.rule.as_mut() {
        before_rule.end = match rule.end {
            End::Count(_) => End::Count(before_count.max(1)),
            _ => End::Until(split_date - Duration::days(1)),
        };
    }
    if let (End::Count(total), Some(after_rule)) = (rule.end, draft.rule.as_mut())
        && after_rule.end == End::Count(total)
    {
        after_rule.end = End::Count(total.saturating_sub(before_count).max(1));
    }
    let prepared_before = prepare(&mut before, zone)?;
    let prepared_after = prepare(&mut draft, zone)?;

    let changes = db::events::changes_of(&state.db, id).await?;
    let (kept, mut moving): (Vec<_>, Vec<_>) = changes.into_iter().partition(|c| c.key < key);
    // The edited date takes the new values; only a cancellation of it stays.
    moving.retain_mut(|c| {
        if c.key != key {
            return true;
        }
        c.moved = None;
        c.title = None;
        c.location = None;
        c.description = None;
        c.kind == ChangeKind::Cancelled
    });
    let mut after_event = existing.clone();
    after_event.schedule = draft.schedule;
    after_event.rule = draft.rule.clone();
    after_event.starts_at = prepared_after.placed.starts_at;
    after_event.ends_at = prepared_after.placed.ends_at;
    let (moved_changes, dropped) = carry_over(&existing, &after_event, moving);
    let mut notices = prepared_after.notices.clone();
    if dropped > 0 {
        notices.push(m::event_changes_dropped(dropped));
    }
    let split = db::events::Split {
        before: values(&before, &zone, &prepared_before),
        kept_changes: &kept,
        after: values(&draft, &zone, &prepared_after),
        after_changes: &moved_changes,
        created_by: viewer.person.id,
    };
    let event = db::events::split(&state.db, viewer.facility.id, id, &split).await?;
    db::transport::copy(&state.db, id, event.id).await?;
    follow_dates(state, &existing, &event, |k| k >= key).await?;
    tracing::info!(event_id = %id, new_event_id = %event.id, key = %key, "series split");
    Ok(Saved { event, notices })
}
