//! Sign-up slots: potluck dishes and volunteer tasks on an occurrence, and
//! what each person may see of who signed up.

use crate::i18n::{Message, m};
use std::collections::HashMap;

use super::auth::Viewer;
use crate::db::{self, signups::ClaimRefused};
use crate::domain::event::{Event, EventId, EventKind};
use crate::domain::occurrence::{Occurrence, OccurrenceKey};
use crate::domain::person::{Action, PersonId, sees_names};
use crate::domain::rsvp::RsvpState;
use crate::domain::signup::{
    ClaimForm, ClaimId, ClaimProblem, ClaimView, SignupBoard, SlotForm, SlotId, SlotKind, SlotView,
    is_default_alcohol_refusal, parse_alcohol_refusal, slot_kinds_for,
};
use crate::error::AppError;
use crate::state::AppState;

/// The occurrence, visible to the viewer.
async fn target(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
) -> Result<(Event, Occurrence), AppError> {
    viewer.require(Action::ViewEvents)?;
    super::events::occurrence(state, viewer, event, key).await
}

/// The slot, when it belongs to the occurrence.
async fn slot_of(
    state: &AppState,
    event: EventId,
    key: OccurrenceKey,
    slot: SlotId,
) -> Result<db::signups::Slot, AppError> {
    db::signups::slot(&state.db, slot)
        .await?
        .filter(|s| s.event_id == event && s.key == key)
        .ok_or(AppError::NotFound)
}

fn open(occurrence: &Occurrence) -> Result<(), AppError> {
    if occurrence.is_cancelled() {
        return Err(AppError::conflict(m::occurrence_cancelled()));
    }
    if occurrence.starts_at <= db::now() {
        return Err(AppError::conflict(m::signup_started()));
    }
    Ok(())
}

/// Why `kind` cannot have slots of the category's kind.
fn kind_refusal(event_kind: EventKind, slot_kind: SlotKind) -> Message {
    match (event_kind, slot_kind) {
        (EventKind::TwelveStep, _) => m::signup_none_at_meetings(),
        (_, SlotKind::Dish) => m::signup_dishes_only_potlucks(),
        (_, SlotKind::Task) => m::signup_no_tasks(),
    }
}

async fn audit(state: &AppState, viewer: &Viewer, action: &str, subject: String) {
    if let Err(error) = db::audit::record(
        &state.db,
        viewer.facility.id,
        viewer.person.id,
        action,
        &subject,
    )
    .await
    {
        tracing::error!(%error, action, "could not write the audit log");
    }
}

/// The slots and claims of an occurrence as the viewer may see them.
pub async fn board(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
) -> Result<SignupBoard, AppError> {
    let (event, occurrence) = target(state, viewer, event, key).await?;
    let role = viewer.person.role;
    let names = sees_names(role, event.kind, event.show_names);
    let staff = role.is_staff();
    let reads = viewer.reads.as_deref();
    let slots = super::page_reads::slots(state, reads, event.id, key).await?;
    let claims = super::page_reads::claims(state, reads, event.id, key).await?;
    let counts = super::page_reads::counts(state, reads, event.id, key).await?;
    let mine = super::page_reads::answer(state, reads, event.id, key, viewer.person.id).await?;
    let mut people: HashMap<PersonId, String> = HashMap::new();
    let mut views: Vec<SlotView> = Vec::with_capacity(slots.len());
    for slot in slots {
        let mut claim_views = Vec::new();
        for claim in claims.iter().filter(|c| c.slot_id == slot.id) {
            let own = claim.person_id == viewer.person.id;
            let name = if names && !own {
                match people.get(&claim.person_id) {
                    Some(name) => Some(name.clone()),
                    None => {
                        let name = super::page_reads::person(state, reads, claim.person_id)
                            .await?
                            .map(|p| p.display_name)
                            .unwrap_or_default();
                        people.insert(claim.person_id, name.clone());
                        Some(name)
                    }
                }
            } else {
                None
            };
            claim_views.push(ClaimView {
                id: claim.id,
                name,
                mine: own,
                person_id: staff.then_some(claim.person_id),
                dish: claim.dish.clone(),
                allergens: claim.allergens.clone(),
            });
        }
        views.push(SlotView {
            id: slot.id,
            kind: slot.kind,
            category: slot.category,
            quantity: slot.quantity,
            claimed: slot.claimed,
            notes: slot.notes,
            claims: claim_views,
        });
    }
    Ok(SignupBoard {
        event_id: event.id.0,
        key: key.to_string(),
        event_kind: event.kind,
        kinds: slot_kinds_for(event.kind).to_vec(),
        slots: views,
        headcount: counts.seats_taken,
        going: counts.going,
        viewer_going: mine.is_some_and(|r| r.state == RsvpState::Going),
        can_manage: role.can(Action::ManageEvents),
        open: open(&occurrence).is_ok(),
    })
}

/// A planner adds a slot to an occurrence.
pub async fn create_slot(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    form: &SlotForm,
) -> Result<db::signups::Slot, AppError> {
    viewer.require(Action::ManageEvents)?;
    let (event, occurrence) = target(state, viewer, event, key).await?;
    let draft = form.parse()?;
    let kind = draft.category.kind();
    if !slot_kinds_for(event.kind).contains(&kind) {
        return Err(AppError::field("category", kind_refusal(event.kind, kind)));
    }
    if occurrence.is_cancelled() {
        return Err(AppError::conflict(m::occurrence_cancelled()));
    }
    let slot = db::signups::insert_slot(&state.db, event.id, key, &draft, viewer.person.id).await?;
    tracing::info!(event_id = %event.id, key = %key, slot_id = slot.id.0, by = %viewer.person.id, "sign-up slot added");
    Ok(slot)
}

/// A planner changes a slot; it cannot want fewer than are claimed, nor
/// turn a dish into a task.
pub async fn update_slot(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    slot: SlotId,
    form: &SlotForm,
) -> Result<db::signups::Slot, AppError> {
    viewer.require(Action::ManageEvents)?;
    let (event, _) = target(state, viewer, event, key).await?;
    let current = slot_of(state, event.id, key, slot).await?;
    let draft = form.parse()?;
    if draft.category.kind() != current.kind {
        return Err(AppError::field(
            "category",
            match current.kind {
                SlotKind::Dish => m::signup_dish_stays_dish(),
                SlotKind::Task => m::signup_task_stays_task(),
            },
        ));
    }
    match db::signups::update_slot(&state.db, slot, &draft).await? {
        Some(updated) => Ok(updated),
        None => {
            let claimed = db::signups::slot(&state.db, slot)
                .await?
                .ok_or(AppError::NotFound)?
                .claimed;
            Err(AppError::field(
                "quantity",
                m::signup_quantity_below_claims(claimed),
            ))
        }
    }
}

/// A planner removes a slot; its claims go with it. Answers how many
/// claims were released (the page says so).
pub async fn delete_slot(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    slot: SlotId,
) -> Result<usize, AppError> {
    viewer.require(Action::ManageEvents)?;
    let (event, _) = target(state, viewer, event, key).await?;
    slot_of(state, event.id, key, slot).await?;
    let released = db::signups::delete_slot(&state.db, slot).await?;
    if !released.is_empty() {
        let people: Vec<String> = released.iter().map(|c| c.person_id.to_string()).collect();
        let claims: Vec<String> = released.iter().map(|c| c.id.0.to_string()).collect();
        audit(
            state,
            viewer,
            "release signups",
            format!(
                "event {} occurrence {key} slot {} deleted: claims {} of people {}",
                event.id,
                slot.0,
                claims.join(","),
                people.join(",")
            ),
        )
        .await;
    }
    tracing::info!(event_id = %event.id, key = %key, slot_id = slot.0, released = released.len(), "sign-up slot removed");
    Ok(released.len())
}

/// Claims one unit of a slot for `person` (oneself, or a client for staff),
/// who must be going.
pub async fn claim(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    slot: SlotId,
    person: PersonId,
    form: &ClaimForm,
) -> Result<ClaimId, AppError> {
    let (event, occurrence) = target(state, viewer, event, key).await?;
    let person = super::rsvps::subject(state, viewer, person).await?;
    let slot = slot_of(state, event.id, key, slot).await?;
    open(&occurrence)?;
    let draft = match form.parse(slot.kind) {
        Ok(draft) => draft,
        Err(ClaimProblem::Fields(errors)) => return Err(errors.into()),
        Err(ClaimProblem::Alcohol { field }) => {
            let wording = db::signups::alcohol_refusal(&state.db, viewer.facility.id).await?;
            return Err(AppError::field(field, alcohol_message(wording)));
        }
    };
    let for_self = person.id == viewer.person.id;
    let outcome = db::signups::claim(&state.db, slot.id, person.id, &draft, viewer.person.id).await;
    let id = match outcome {
        Ok(Ok(id)) => id,
        Ok(Err(ClaimRefused::NoSlot)) => return Err(AppError::NotFound),
        Ok(Err(ClaimRefused::NotGoing)) => {
            return Err(AppError::conflict(if for_self {
                m::signup_going_first()
            } else {
                m::signup_person_not_going()
            }));
        }
        Ok(Err(ClaimRefused::AlreadyClaimed)) | Err(db::DbError::Duplicate(_)) => {
            return Err(AppError::conflict(if for_self {
                m::signup_already_yours()
            } else {
                m::signup_already_theirs()
            }));
        }
        Ok(Err(ClaimRefused::Full)) => {
            return Err(AppError::conflict(m::signup_last_one_taken()));
        }
        Err(db::DbError::Query(sqlx::Error::Database(e))) if e.is_check_violation() => {
            return Err(AppError::conflict(m::signup_last_one_taken()));
        }
        Err(other) => return Err(other.into()),
    };
    audit(
        state,
        viewer,
        "claim signup",
        format!(
            "event {} occurrence {key} slot {} claim {} person {}",
            event.id, slot.id.0, id.0, person.id
        ),
    )
    .await;
    tracing::info!(event_id = %event.id, key = %key, slot_id = slot.id.0, claim_id = id.0, person_id = %person.id, by = %viewer.person.id, "signed up");
    Ok(id)
}

/// Withdraws a claim: one's own, or (staff) a client's.
pub async fn withdraw(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
    claim: ClaimId,
) -> Result<(), AppError> {
    let (event, _) = target(state, viewer, event, key).await?;
    let found = db::signups::claim_by_id(&state.db, claim)
        .await?
        .filter(|c| c.event_id == event.id && c.key == key)
        .ok_or(AppError::NotFound)?;
    if found.person_id == viewer.person.id {
        viewer.require(Action::RsvpSelf)?;
    } else {
        viewer.require(Action::RsvpForOthers)?;
    }
    if db::signups::withdraw(&state.db, claim).await?.is_none() {
        return Err(AppError::NotFound);
    }
    audit(
        state,
        viewer,
        "withdraw signup",
        format!(
            "event {} occurrence {key} slot {} claim {} person {}",
            event.id, found.slot_id.0, claim.0, found.person_id
        ),
    )
    .await;
    tracing::info!(event_id = %event.id, key = %key, claim_id = claim.0, by = %viewer.person.id, "sign-up withdrawn");
    Ok(())
}

/// The printable sign-up sheet (staff; names; audited).
pub async fn sheet(
    state: &AppState,
    viewer: &Viewer,
    event: EventId,
    key: OccurrenceKey,
) -> Result<SignupBoard, AppError> {
    viewer.require(Action::ViewRosters)?;
    let board = board(state, viewer, event, key).await?;
    audit(
        state,
        viewer,
        "view signup sheet",
        format!("event {} occurrence {key}", board.event_id),
    )
    .await;
    Ok(board)
}

/// The refusal of a dish made with alcohol: the facility's own words, or
/// the default wording in the reader's language when it kept the default.
pub fn alcohol_message(stored: Option<String>) -> Message {
    match stored {
        Some(text) if !is_default_alcohol_refusal(&text) => m::facility_words(text),
        _ => m::signup_alcohol_refusal_default(),
    }
}

/// The facility's refusal of dishes made with alcohol (admins): its own
/// words, or the default wording, which the page writes in its reader's
/// language.
pub async fn alcohol_refusal(state: &AppState, viewer: &Viewer) -> Result<Message, AppError> {
    viewer.require(Action::ManageFacility)?;
    Ok(alcohol_message(
        db::signups::alcohol_refusal(&state.db, viewer.facility.id).await?,
    ))
}

/// An admin words the refusal; empty restores the default.
pub async fn save_alcohol_refusal(
    state: &AppState,
    viewer: &Viewer,
    text: &str,
) -> Result<String, AppError> {
    viewer.require(Action::ManageFacility)?;
    let text = parse_alcohol_refusal(text)?;
    db::signups::set_alcohol_refusal(&state.db, viewer.facility.id, &text).await?;
    tracing::info!(person_id = %viewer.person.id, "alcohol refusal wording saved");
    Ok(text)
}
