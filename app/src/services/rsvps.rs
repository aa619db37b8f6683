//! RSVPs and attendance at occurrences, and what each person may see of
//! them.

use crate::i18n::m;
use chrono::{DateTime, Duration, Utc};

use super::auth::Viewer;
use super::page_reads;
use crate::db::{self, rsvps::Change};
use crate::domain::event::{Event, EventId};
use crate::domain::occurrence::{Occurrence, OccurrenceKey};
use crate::domain::person::{Action, Person, PersonId, PersonStatus, sees_names};
use crate::domain::rsvp::{
    Engagement, MySchedule, Response, RosterLine, Rsvp, RsvpState, RsvpSummary,
};
use crate::error::AppError;
use crate::state::AppState;

/// The event and occurrence an RSVP is about, or a clear refusal.
pub(crate) async fn target(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
) -> Result<(Event, Occurrence), AppError> {
    let event = super::events::get(state, viewer, event).await?;
    match super::events::occurrence(state, viewer, event.id, key).await {
        Ok(found) => Ok(found),
        Err(AppError::NotFound) => Err(AppError::field(
            "key",
            m::occurrence_not_of_event(key.to_string()),
        )),
        Err(other) => Err(other),
    }
}

/// The person an RSVP is for: oneself, or (for staff) anyone active here.
pub(super) async fn subject(
    state: &AppState,
    viewer: &Viewer,
    person: PersonId,
) -> Result<Person, AppError> {
    if person == viewer.person.id {
        viewer.require(Action::RsvpSelf)?;
        return Ok(viewer.person.clone());
    }
    if !viewer.person.role.can(Action::RsvpForOthers) {
        return Err(AppError::Forbidden);
    }
    let person = super::people::get(state, viewer, person).await?;
    if person.status != PersonStatus::Active {
        return Err(AppError::conflict(m::person_discharged()));
    }
    Ok(person)
}

/// When RSVPs to `occurrence` close.
pub fn closes_at(event: &Event, occurrence: &Occurrence) -> Option<DateTime<Utc>> {
    event
        .rsvp_closes_minutes
        .map(|m| occurrence.starts_at - Duration::minutes(i64::from(m)))
}

/// Answers for `person` (oneself, or a client on their behalf).
pub async fn respond(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
    response: Response,
    guests: u32,
) -> Result<Rsvp, AppError> {
    let (event, occurrence) = target(state, viewer, event, key).await?;
    let person = subject(state, viewer, person).await?;
    if occurrence.is_cancelled() {
        return Err(AppError::conflict(m::occurrence_cancelled()));
    }
    let now = db::now();
    if occurrence.starts_at <= now {
        return Err(AppError::conflict(m::rsvp_started()));
    }
    let on_behalf = person.id != viewer.person.id;
    if let Some(closes) = closes_at(&event, &occurrence)
        && closes <= now
        && !on_behalf
    {
        return Err(AppError::conflict(m::rsvp_closed_ask_staff()));
    }
    if guests > event.max_guests {
        return Err(AppError::field(
            "guests",
            m::rsvp_guests_allowed(event.max_guests),
        ));
    }
    if response != Response::NotGoing
        && let Err(reason) = super::transport::eligibility(
            state,
            None,
            &event,
            &person,
            occurrence.schedule.local_start().date(),
        )
        .await?
    {
        if !on_behalf {
            return Err(AppError::conflict(reason));
        }
        // Staff answering for a client may override the event's rules.
        db::audit::record(
            &state.db,
            viewer.facility.id,
            viewer.person.id,
            "rsvp despite rules",
            &format!("event {} occurrence {key} person {}", event.id, person.id),
        )
        .await?;
    }
    let capacity = super::transport::limit(state, None, &event).await?;
    let outcome = db::rsvps::change(
        &state.db,
        event.id,
        key,
        capacity,
        person.id,
        Change::Respond { response, guests },
        viewer.person.id,
    )
    .await
    .map_err(refuse_oversell)?
    .map_err(|refused| AppError::conflict(refused.0))?;
    log_promotions(event.id, key, &outcome.promoted);
    tracing::info!(event_id = %event.id, key = %key, person_id = %person.id, by = %viewer.person.id, "RSVP");
    outcome.rsvp.ok_or(AppError::Internal)
}

/// The seat counter's CHECK refused a seat: someone else took it first.
fn refuse_oversell(error: db::DbError) -> AppError {
    if let db::DbError::Query(sqlx::Error::Database(e)) = &error
        && e.is_check_violation()
    {
        return AppError::conflict(m::rsvp_just_filled());
    }
    error.into()
}

fn log_promotions(event: EventId, key: OccurrenceKey, promoted: &[PersonId]) {
    for person in promoted {
        tracing::info!(event_id = %event, key = %key, person_id = %person, "moved up from the waitlist");
    }
}

/// Removes `person`'s RSVP (oneself, or a client's for staff).
pub async fn remove(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
) -> Result<(), AppError> {
    let (event, occurrence) = target(state, viewer, event, key).await?;
    let person = subject(state, viewer, person).await?;
    if occurrence.starts_at <= db::now() {
        return Err(AppError::conflict(m::rsvp_started()));
    }
    let capacity = super::transport::limit(state, None, &event).await?;
    let outcome = db::rsvps::change(
        &state.db,
        event.id,
        key,
        capacity,
        person.id,
        Change::Remove,
        viewer.person.id,
    )
    .await?
    .map_err(|refused| AppError::conflict(refused.0))?;
    log_promotions(event.id, key, &outcome.promoted);
    Ok(())
}

/// Releases a discharged person's RSVPs to occurrences from `from` on.
pub async fn release_future(
    state: &AppState,
    person: PersonId,
    from: DateTime<Utc>,
) -> Result<usize, AppError> {
    let keys = db::rsvps::future_keys(&state.db, person, from).await?;
    for (event_id, key) in &keys {
        let capacity = match db::events::get_any(&state.db, *event_id).await? {
            Some(event) => super::transport::limit(state, None, &event).await?,
            None => None,
        };
        let outcome = db::rsvps::change(
            &state.db,
            *event_id,
            *key,
            capacity,
            person,
            Change::Remove,
            person,
        )
        .await?
        .map_err(|refused| AppError::conflict(refused.0))?;
        log_promotions(*event_id, *key, &outcome.promoted);
    }
    Ok(keys.len())
}

/// After an event's capacity changed: future occurrences apply it and
/// move their waitlists up.
pub async fn capacity_changed(state: &AppState, event: &Event) -> Result<(), AppError> {
    let capacity = super::transport::limit(state, None, event).await?;
    for key in db::rsvps::counted_occurrences(&state.db, event.id, db::now()).await? {
        let outcome = db::rsvps::change(
            &state.db,
            event.id,
            key,
            capacity,
            PersonId(0),
            Change::Rebalance,
            PersonId(0),
        )
        .await?
        .map_err(|refused| AppError::conflict(refused.0))?;
        log_promotions(event.id, key, &outcome.promoted);
    }
    Ok(())
}

/// Counts, the viewer's own answer and (where allowed) names.
pub async fn summary(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
) -> Result<RsvpSummary, AppError> {
    let (event, occurrence) = target(state, viewer, event, key).await?;
    let reads = viewer.reads.as_deref();
    let counts = page_reads::counts(state, reads, event.id, key).await?;
    let mine = page_reads::answer(state, reads, event.id, key, viewer.person.id).await?;
    let going_names = if sees_names(viewer.person.role, event.kind, event.show_names) {
        let mut names = Vec::new();
        for rsvp in page_reads::rsvps(state, reads, event.id, key).await? {
            if rsvp.state == RsvpState::Going
                && let Some(person) = page_reads::person(state, reads, rsvp.person_id).await?
            {
                names.push(person.display_name);
            }
        }
        Some(names)
    } else {
        None
    };
    let now = db::now();
    let closes_at = closes_at(&event, &occurrence);
    let open = !occurrence.is_cancelled()
        && occurrence.starts_at > now
        && closes_at.is_none_or(|c| c > now);
    let van_seats = match event.venue {
        crate::domain::event::Venue::OffSite => page_reads::van(state, reads, event.id)
            .await?
            .map(|t| t.van_seats),
        crate::domain::event::Venue::OnSite => None,
    };
    let capacity = super::transport::limit(state, reads, &event)
        .await?
        .and_then(|n| u32::try_from(n).ok());
    let not_eligible = super::transport::eligibility(
        state,
        reads,
        &event,
        &viewer.person,
        occurrence.schedule.local_start().date(),
    )
    .await?
    .err();
    let ratio = if viewer.person.role.is_staff() {
        super::transport::ratio(state, reads, &event, key).await?
    } else {
        None
    };
    Ok(RsvpSummary {
        van_seats,
        not_eligible,
        ratio,
        counts,
        capacity,
        max_guests: event.max_guests,
        mine,
        going_names,
        open,
        closes_at,
    })
}

/// The roster of an occurrence: RSVPs first (going, waitlisted, maybe,
/// not going), then walk-ins who were checked in without one. Written to
/// the audit log.
pub async fn roster(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
) -> Result<Vec<RosterLine>, AppError> {
    viewer.require(Action::ViewRosters)?;
    let (event, _) = target(state, viewer, event, key).await?;
    let rsvps = db::rsvps::for_occurrence(&state.db, event.id, key).await?;
    let attendance = db::attendance::for_occurrence(&state.db, event.id, key).await?;
    let mut lines = Vec::new();
    let mut names = std::collections::HashMap::new();
    let mut name_of = async |id: PersonId| -> Result<Option<Person>, AppError> {
        if let Some(p) = names.get(&id) {
            return Ok(Some(Clone::clone(p)));
        }
        let person = db::people::get(&state.db, id).await?;
        if let Some(p) = &person {
            names.insert(id, p.clone());
        }
        Ok(person)
    };
    for rsvp in &rsvps {
        let Some(person) = name_of(rsvp.person_id).await? else {
            continue;
        };
        let answered_by = match rsvp.responded_by {
            Some(by) if by != rsvp.person_id => name_of(by).await?.map(|p| p.display_name),
            _ => None,
        };
        lines.push(RosterLine {
            person_id: person.id,
            name: person.display_name.clone(),
            role: person.role,
            house: person.house.clone(),
            state: Some(rsvp.state),
            position: rsvp.position,
            guests: rsvp.guests,
            answered_by,
            attendance: attendance
                .iter()
                .find(|a| a.person_id == person.id)
                .map(|a| a.code),
        });
    }
    for record in &attendance {
        if rsvps.iter().any(|r| r.person_id == record.person_id) {
            continue;
        }
        let Some(person) = name_of(record.person_id).await? else {
            continue;
        };
        lines.push(RosterLine {
            person_id: person.id,
            name: person.display_name.clone(),
            role: person.role,
            house: person.house.clone(),
            state: None,
            position: None,
            guests: 0,
            answered_by: None,
            attendance: Some(record.code),
        });
    }
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        "view roster",
        &format!("event {} occurrence {key}", event.id),
    )
    .await?;
    Ok(lines)
}

/// Records attendance for one person (with or without an RSVP: walk-ins).
pub async fn record_attendance(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
    code: Engagement,
) -> Result<(), AppError> {
    viewer.require(Action::CheckIn)?;
    let (event, occurrence) = target(state, viewer, event, key).await?;
    if occurrence.is_cancelled() {
        return Err(AppError::conflict(m::occurrence_cancelled()));
    }
    if occurrence.starts_at > db::now() + Duration::hours(12) {
        return Err(AppError::conflict(m::rsvp_attendance_not_ahead()));
    }
    let person = super::people::get(state, viewer, person).await?;
    db::attendance::record(&state.db, event.id, key, person.id, code, viewer.person.id).await?;
    tracing::info!(event_id = %event.id, key = %key, person_id = %person.id, code = code.as_str(), "attendance recorded");
    Ok(())
}

/// "My schedule": coming RSVPs and recent attendance.
pub async fn my_schedule(state: &AppState, viewer: &Viewer) -> Result<MySchedule, AppError> {
    let now = db::now();
    let mut coming = Vec::new();
    for rsvp in
        db::rsvps::for_person(&state.db, viewer.person.id, now - Duration::hours(12)).await?
    {
        if rsvp.state == RsvpState::NotGoing {
            continue;
        }
        if let Ok((_, occurrence)) =
            super::events::occurrence(state, viewer, rsvp.event_id, rsvp.key).await
        {
            coming.push((occurrence, rsvp));
        }
    }
    let mut attended = Vec::new();
    for record in db::attendance::for_person(
        &state.db,
        viewer.person.id,
        now - Duration::days(60),
        now + Duration::days(1),
    )
    .await?
    {
        if let Ok((_, occurrence)) =
            super::events::occurrence(state, viewer, record.event_id, record.key).await
        {
            attended.push((occurrence, record.code));
        }
    }
    attended.reverse();
    Ok(MySchedule { coming, attended })
}
