//! `/api/v1/events/{id}/occurrences/{key}/slots` and `…/claims`: potluck
//! dish slots and volunteer tasks, and who signed up for them.

use app::domain::occurrence::OccurrenceRef;
use app::domain::person::PersonId;
use app::domain::signup::{
    Allergen, Category, ClaimForm, ClaimId, SlotForm, SlotId, SlotKind, SlotView,
};
use app::services;
use app::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, ApiPath, ApiResult, ApiViewer, ErrorBody};

/// A slot without its claims.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SlotOut {
    pub id: i64,
    /// `dish` (potlucks) or `task` (volunteer tasks).
    pub kind: SlotKind,
    pub category: Category,
    /// How many claims the slot takes.
    pub quantity: u32,
    pub claimed: u32,
    pub still_needed: u32,
    pub notes: String,
}

/// One claim, as the caller may see it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClaimOut {
    pub id: i64,
    /// The claimer's name: for staff always; for clients only where the
    /// event shows names (never at 12-step meetings); absent for one's own.
    pub name: Option<String>,
    /// The caller's own claim.
    pub mine: bool,
    /// The claimer (staff only).
    pub person_id: Option<i64>,
    /// What they bring (empty for tasks).
    pub dish: String,
    pub allergens: Vec<Allergen>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SlotWithClaims {
    #[serde(flatten)]
    pub slot: SlotOut,
    pub claims: Vec<ClaimOut>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SlotList {
    /// The slot kinds this event takes.
    pub kinds: Vec<SlotKind>,
    /// People going plus their guests.
    pub headcount: i64,
    pub going: i64,
    /// The caller is going (and so may claim).
    pub going_yourself: bool,
    /// Claims are open (the date is neither cancelled nor started).
    pub open: bool,
    pub slots: Vec<SlotWithClaims>,
}

fn slot_out(slot: &SlotView) -> SlotOut {
    SlotOut {
        id: slot.id.0,
        kind: slot.kind,
        category: slot.category,
        quantity: slot.quantity,
        claimed: slot.claimed,
        still_needed: slot.still_needed(),
        notes: slot.notes.clone(),
    }
}

fn stored_out(slot: app::db::signups::Slot) -> SlotOut {
    SlotOut {
        id: slot.id.0,
        kind: slot.kind,
        category: slot.category,
        quantity: slot.quantity,
        claimed: slot.claimed,
        still_needed: slot.quantity.saturating_sub(slot.claimed),
        notes: slot.notes,
    }
}

/// The slots of an occurrence with their claims. Names follow the page's
/// rules: staff see them, clients only where the event shows names.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/occurrences/{key}/slots",
    tag = "signups",
    params(("id" = i64, Path), ("key" = String, Path)),
    responses(
        (status = 200, body = SlotList),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn list_slots(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text)): ApiPath<(i64, String)>,
) -> ApiResult<Json<SlotList>> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    let board = services::signups::board(&state, &viewer, at.event_id, at.key).await?;
    Ok(Json(SlotList {
        kinds: board.kinds.clone(),
        headcount: board.headcount,
        going: board.going,
        going_yourself: board.viewer_going,
        open: board.open,
        slots: board
            .slots
            .iter()
            .map(|slot| SlotWithClaims {
                slot: slot_out(slot),
                claims: slot
                    .claims
                    .iter()
                    .map(|c| ClaimOut {
                        id: c.id.0,
                        name: c.name.clone(),
                        mine: c.mine,
                        person_id: c.person_id.map(|p| p.0),
                        dish: c.dish.clone(),
                        allergens: c.allergens.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlotIn {
    /// Dishes: main, side, dessert, drinks, supplies (potlucks only).
    /// Tasks: set_up, decorate, cook, clean_up, other.
    pub category: String,
    /// How many claims the slot takes (1–50; default 1).
    #[serde(default = "one")]
    pub quantity: u32,
    #[serde(default)]
    pub notes: String,
}

fn one() -> u32 {
    1
}

impl SlotIn {
    fn form(&self) -> SlotForm {
        SlotForm {
            category: self.category.clone(),
            quantity: self.quantity.to_string(),
            notes: self.notes.clone(),
        }
    }
}

/// Adds a slot (planners). Dish slots go on potlucks; tasks on any event
/// but a 12-step meeting.
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/occurrences/{key}/slots",
    tag = "signups",
    params(("id" = i64, Path), ("key" = String, Path)),
    request_body = SlotIn,
    responses(
        (status = 201, body = SlotOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The date is cancelled"),
        (status = 422, body = ErrorBody, description = "Bad category (or not for this kind of event), quantity or notes"),
    )
)]
pub async fn create_slot(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text)): ApiPath<(i64, String)>,
    ApiJson(input): ApiJson<SlotIn>,
) -> ApiResult<(StatusCode, Json<SlotOut>)> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    let slot =
        services::signups::create_slot(&state, &viewer, at.event_id, at.key, &input.form()).await?;
    Ok((StatusCode::CREATED, Json(stored_out(slot))))
}

/// Changes a slot (planners): its category (of the same kind), how many it
/// takes — never fewer than already claimed — and notes.
#[utoipa::path(
    put,
    path = "/api/v1/events/{id}/occurrences/{key}/slots/{slot_id}",
    tag = "signups",
    params(("id" = i64, Path), ("key" = String, Path), ("slot_id" = i64, Path)),
    request_body = SlotIn,
    responses(
        (status = 200, body = SlotOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn update_slot(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text, slot)): ApiPath<(i64, String, i64)>,
    ApiJson(input): ApiJson<SlotIn>,
) -> ApiResult<Json<SlotOut>> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    let slot = services::signups::update_slot(
        &state,
        &viewer,
        at.event_id,
        at.key,
        SlotId(slot),
        &input.form(),
    )
    .await?;
    Ok(Json(stored_out(slot)))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SlotDeleted {
    /// Claims released with the slot.
    pub released: usize,
}

/// Removes a slot (planners); its claims are released and counted.
#[utoipa::path(
    delete,
    path = "/api/v1/events/{id}/occurrences/{key}/slots/{slot_id}",
    tag = "signups",
    params(("id" = i64, Path), ("key" = String, Path), ("slot_id" = i64, Path)),
    responses(
        (status = 200, body = SlotDeleted),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn delete_slot(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text, slot)): ApiPath<(i64, String, i64)>,
) -> ApiResult<Json<SlotDeleted>> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    let released =
        services::signups::delete_slot(&state, &viewer, at.event_id, at.key, SlotId(slot)).await?;
    Ok(Json(SlotDeleted { released }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimIn {
    /// What the person brings (dish slots; ignored for tasks).
    #[serde(default)]
    pub dish: String,
    /// nuts, gluten, dairy, eggs, shellfish, soy, vegetarian, vegan.
    #[serde(default)]
    pub allergens: Vec<String>,
    /// The dish contains alcohol, even cooked off: always refused.
    #[serde(default)]
    pub contains_alcohol: bool,
    /// Staff: the client to sign up (who must be going). Default: oneself.
    #[serde(default)]
    pub person_id: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClaimCreated {
    pub id: i64,
}

/// Signs a person who is going up for one unit of a slot. A dish made with
/// alcohol (the box, or an alcohol word in its name) is refused with the
/// facility's message (422). When the last unit goes to someone else
/// first, the answer is 409.
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/occurrences/{key}/slots/{slot_id}/claims",
    tag = "signups",
    params(("id" = i64, Path), ("key" = String, Path), ("slot_id" = i64, Path)),
    request_body = ClaimIn,
    responses(
        (status = 201, body = ClaimCreated),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "Signing up someone else without being staff"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Not going, already signed up, taken, cancelled or started"),
        (status = 422, body = ErrorBody, description = "Contains alcohol, no dish, unknown allergen"),
    )
)]
pub async fn claim_slot(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text, slot)): ApiPath<(i64, String, i64)>,
    ApiJson(input): ApiJson<ClaimIn>,
) -> ApiResult<(StatusCode, Json<ClaimCreated>)> {
    let person = input.person_id.map_or(viewer.person.id, PersonId);
    let form = ClaimForm {
        dish: input.dish,
        allergens: input.allergens,
        contains_alcohol: input.contains_alcohol,
    };
    let at = OccurrenceRef::parse(id, &key_text)?;
    let id = services::signups::claim(
        &state,
        &viewer,
        at.event_id,
        at.key,
        SlotId(slot),
        person,
        &form,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(ClaimCreated { id: id.0 })))
}

/// Withdraws a claim: one's own, or (staff) anyone's.
#[utoipa::path(
    delete,
    path = "/api/v1/events/{id}/occurrences/{key}/claims/{claim_id}",
    tag = "signups",
    params(("id" = i64, Path), ("key" = String, Path), ("claim_id" = i64, Path)),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn withdraw_claim(
    State(state): State<AppState>,
    ApiViewer(viewer): ApiViewer,
    ApiPath((id, key_text, claim)): ApiPath<(i64, String, i64)>,
) -> ApiResult<StatusCode> {
    let at = OccurrenceRef::parse(id, &key_text)?;
    services::signups::withdraw(&state, &viewer, at.event_id, at.key, ClaimId(claim)).await?;
    Ok(StatusCode::NO_CONTENT)
}
