//! RSVPs, rosters and attendance from the pages.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::Done;
use crate::domain::rsvp::{MySchedule, RosterLine, RsvpSummary};
use crate::error::AppError;

/// Counts, the viewer's own answer and (where allowed) names.
#[server(prefix = "/fn", endpoint = "rsvp_summary", input = GetUrl)]
pub async fn load_rsvp_summary(id: i64, key: String) -> Result<RsvpSummary, AppError> {
    use crate::{domain::occurrence::OccurrenceRef, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::rsvps::summary(&state, &viewer, at.event_id, at.key).await
}

/// Answers going / maybe / not going — for oneself, or (staff) for
/// `person_id`. `back` is the page to return to.
#[server(prefix = "/fn", endpoint = "answer")]
pub async fn answer(
    csrf_token: String,
    id: i64,
    key: String,
    response: String,
    #[server(default)] guests: String,
    #[server(default)] person_id: String,
    #[server(default)] back: String,
) -> Result<Done, AppError> {
    use crate::domain::{
        occurrence::OccurrenceRef,
        person::PersonId,
        rsvp::{Response, RsvpState},
    };
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    let person = match person_id.trim() {
        "" => viewer.person.id,
        text => PersonId(
            text.parse()
                .map_err(|_| AppError::field("person_id", m::field_person_choose()))?,
        ),
    };
    let guests = match guests.trim() {
        "" => 0,
        text => text
            .parse()
            .map_err(|_| AppError::field("guests", m::rsvp_guests_not_a_number()))?,
    };
    let back = super::local_path(if back.is_empty() { "/" } else { &back });
    if response == "remove" {
        services::rsvps::remove(&state, &viewer, at.event_id, at.key, person).await?;
        return Ok(Done::to(back).with_flash(m::flash_answer_removed()));
    }
    let response = Response::parse(&response).map_err(|m| AppError::field("response", m))?;
    let rsvp = services::rsvps::respond(
        &state,
        &viewer,
        at.event_id,
        at.key,
        person,
        response,
        guests,
    )
    .await?;
    let message = match (rsvp.state, rsvp.position) {
        _ if person != viewer.person.id => m::flash_answer_saved(),
        (RsvpState::Going, _) => m::flash_rsvp_going(),
        (RsvpState::Waitlisted, Some(p)) => m::flash_rsvp_waitlisted_at(p),
        (RsvpState::Waitlisted, None) => m::flash_rsvp_waitlisted(),
        (RsvpState::Maybe, _) => m::flash_rsvp_maybe(),
        (RsvpState::NotGoing, _) => m::flash_rsvp_not_going(),
    };
    Ok(Done::to(back).with_flash(message))
}

/// The roster of an occurrence (staff; audited).
#[server(prefix = "/fn", endpoint = "roster", input = GetUrl)]
pub async fn roster(id: i64, key: String) -> Result<Vec<RosterLine>, AppError> {
    use crate::{domain::occurrence::OccurrenceRef, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::rsvps::roster(&state, &viewer, at.event_id, at.key).await
}

/// Records attendance for one person.
#[server(prefix = "/fn", endpoint = "check_in")]
pub async fn check_in(
    csrf_token: String,
    id: i64,
    key: String,
    person_id: i64,
    code: String,
) -> Result<Done, AppError> {
    use crate::domain::{occurrence::OccurrenceRef, person::PersonId, rsvp::Engagement};
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    let code = Engagement::parse(&code).map_err(|m| AppError::field("code", m))?;
    services::rsvps::record_attendance(
        &state,
        &viewer,
        at.event_id,
        at.key,
        PersonId(person_id),
        code,
    )
    .await?;
    Ok(Done::to(format!("/events/{id}/occurrences/{key}/roster"))
        .with_flash(m::flash_attendance_saved()))
}

/// Active clients whose name contains `q` (walk-ins).
#[server(prefix = "/fn", endpoint = "search_clients", input = GetUrl)]
pub async fn search_clients(q: String) -> Result<Vec<(i64, String)>, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    Ok(services::people::search_clients(&state, &viewer, &q)
        .await?
        .into_iter()
        .map(|p| (p.id.0, p.display_name))
        .collect())
}

/// The signed-in person's coming RSVPs and recent attendance.
#[server(prefix = "/fn", endpoint = "my_schedule", input = GetUrl)]
pub async fn load_my_schedule() -> Result<MySchedule, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::rsvps::my_schedule(&state, &viewer).await
}
