//! The van for off-site events, eligibility rules, the staff ratio and the
//! printable manifest.

use super::auth::Viewer;
use super::page_reads::{self, PageReads};
use crate::db;
use crate::domain::event::{Event, EventId, Venue};
use crate::domain::occurrence::OccurrenceKey;
use crate::domain::person::{Action, Person, PersonId, Role};
use crate::domain::rsvp::RsvpState;
use crate::domain::transport::{
    self, Candidate, Logistics, Manifest, RatioShortfall, Rider, Rules, Transport,
};
use crate::error::AppError;
use crate::i18n::m;
use crate::state::AppState;

/// The most seats an occurrence of `event` can give: the venue's capacity
/// and, off site, the van's seats.
pub async fn limit(
    state: &AppState,
    reads: Option<&PageReads>,
    event: &Event,
) -> Result<Option<i64>, AppError> {
    let van = if event.venue == Venue::OffSite {
        page_reads::van(state, reads, event.id).await?
    } else {
        None
    };
    Ok(transport::limit(event.capacity, event.venue, van.as_ref()))
}

pub async fn logistics(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
) -> Result<Logistics, AppError> {
    let event = super::events::get(state, viewer, id).await?;
    let reads = viewer.reads.as_deref();
    let transport = page_reads::van(state, reads, event.id).await?;
    let driver_name = match transport.as_ref().and_then(|t| t.driver_id) {
        Some(driver) => page_reads::person(state, reads, driver)
            .await?
            .map(|p| p.display_name),
        None => None,
    };
    Ok(Logistics {
        transport,
        driver_name,
        rules: page_reads::rules(state, reads, event.id).await?,
    })
}

/// Sets (or with `None` removes) an off-site event's van. Seats taken
/// are never taken away: a smaller van waits for people to leave, and a
/// bigger one moves the waitlist up.
pub async fn set_transport(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
    transport: Option<Transport>,
) -> Result<Logistics, AppError> {
    viewer.require(Action::ManageEvents)?;
    let event = super::events::get(state, viewer, id).await?;
    if transport.is_some() && event.venue != Venue::OffSite {
        return Err(AppError::field("van_seats", m::transport_only_off_site()));
    }
    if let Some(driver) = transport.as_ref().and_then(|t| t.driver_id) {
        check_driver(state, viewer, driver).await?;
    }
    db::transport::put_transport(&state.db, event.id, transport.as_ref()).await?;
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        "set transport",
        &format!("event {}", event.id),
    )
    .await?;
    super::rsvps::capacity_changed(state, &event).await?;
    tracing::info!(event_id = %event.id, by = %viewer.person.id, "transport saved");
    logistics(state, viewer, id).await
}

async fn check_driver(state: &AppState, viewer: &Viewer, driver: PersonId) -> Result<(), AppError> {
    super::people::require_active_staff(
        state,
        viewer,
        driver,
        "driver_id",
        m::transport_driver_not_staff(),
    )
    .await
}

/// Sets the event's eligibility rules and staff ratio.
pub async fn set_rules(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
    rules: Rules,
) -> Result<Logistics, AppError> {
    viewer.require(Action::ManageEvents)?;
    let event = super::events::get(state, viewer, id).await?;
    db::transport::put_rules(&state.db, event.id, &rules).await?;
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        "set rules",
        &format!("event {}", event.id),
    )
    .await?;
    tracing::info!(event_id = %event.id, by = %viewer.person.id, "event rules saved");
    logistics(state, viewer, id).await
}

/// Whether `person` may RSVP to an occurrence of `event` on the local
/// `date`; the reason in words when not.
pub async fn eligibility(
    state: &AppState,
    reads: Option<&PageReads>,
    event: &Event,
    person: &Person,
    date: chrono::NaiveDate,
) -> Result<Result<(), crate::i18n::Message>, AppError> {
    if person.role.is_staff() {
        return Ok(Ok(()));
    }
    let rules = page_reads::rules(state, reads, event.id).await?;
    Ok(transport::eligibility(
        &rules,
        Candidate {
            role: person.role,
            house: person.house.as_deref(),
            admission_date: person.admission_date,
        },
        date,
    ))
}

/// Staff going and clients going, against the event's ratio.
pub async fn ratio(
    state: &AppState,
    reads: Option<&PageReads>,
    event: &Event,
    key: OccurrenceKey,
) -> Result<Option<RatioShortfall>, AppError> {
    let rules = page_reads::rules(state, reads, event.id).await?;
    if rules.clients_per_staff.is_none() {
        return Ok(None);
    }
    let (clients, mut staff) = going_by_role(state, reads, event.id, key).await?;
    // The driver goes along even without an RSVP.
    if let Some(driver) = page_reads::van(state, reads, event.id)
        .await?
        .and_then(|t| t.driver_id)
        && page_reads::answer(state, reads, event.id, key, driver)
            .await?
            .is_none_or(|r| r.state != RsvpState::Going)
    {
        staff += 1;
    }
    Ok(transport::ratio(&rules, clients, staff))
}

async fn going_by_role(
    state: &AppState,
    reads: Option<&PageReads>,
    event: EventId,
    key: OccurrenceKey,
) -> Result<(u32, u32), AppError> {
    let (mut clients, mut staff) = (0, 0);
    for rsvp in page_reads::rsvps(state, reads, event, key).await? {
        if rsvp.state != RsvpState::Going {
            continue;
        }
        match page_reads::person(state, reads, rsvp.person_id).await? {
            Some(p) if p.role == Role::Client => clients += 1,
            Some(_) => staff += 1,
            None => {}
        }
    }
    Ok((clients, staff))
}

/// The manifest: who rides, in name order, staff first. Written to the
/// audit log.
pub async fn manifest(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
    key: OccurrenceKey,
) -> Result<Manifest, AppError> {
    viewer.require(Action::ViewRosters)?;
    let (event, occurrence) = super::rsvps::target(state, viewer, id, key).await?;
    let reads = viewer.reads.as_deref();
    let transport = page_reads::van(state, reads, event.id).await?;
    let driver_name = match transport.as_ref().and_then(|t| t.driver_id) {
        Some(driver) => page_reads::person(state, reads, driver)
            .await?
            .map(|p| p.display_name),
        None => None,
    };
    let mut riders = Vec::new();
    let mut waitlist = Vec::new();
    for rsvp in page_reads::rsvps(state, reads, event.id, key).await? {
        let list = match rsvp.state {
            RsvpState::Going => &mut riders,
            RsvpState::Waitlisted => &mut waitlist,
            _ => continue,
        };
        if let Some(person) = page_reads::person(state, reads, rsvp.person_id).await? {
            list.push(Rider {
                person_id: person.id,
                name: person.display_name,
                staff: person.role.is_staff(),
                house: person.house,
                guests: rsvp.guests,
            });
        }
    }
    riders.sort_by_key(|r| (!r.staff, r.name.to_lowercase()));
    let seats_taken = riders.iter().map(|r| 1 + i64::from(r.guests)).sum();
    let rules = page_reads::rules(state, reads, event.id).await?;
    let ratio = ratio(state, reads, &event, key).await?;
    db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        "view manifest",
        &format!("event {} occurrence {key}", event.id),
    )
    .await?;
    Ok(Manifest {
        event_id: event.id,
        key,
        title: occurrence.title.clone(),
        date: occurrence.schedule.local_start().date(),
        destination: occurrence.location.clone(),
        transport,
        driver_name,
        seats_taken,
        riders,
        waitlist,
        ratio,
        clients_per_staff: rules.clients_per_staff,
    })
}
