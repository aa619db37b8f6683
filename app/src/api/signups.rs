//! Sign-up slots from the pages: what to bring, volunteer tasks, the
//! printable sheet, and the facility's alcohol refusal wording.

#[cfg(feature = "ssr")]
use crate::i18n::m;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::Done;
use crate::domain::signup::{SignupBoard, SlotForm};
use crate::error::AppError;
use crate::i18n::Message;

#[cfg(feature = "ssr")]
fn back(id: i64, key: &str) -> String {
    super::local_path(&format!("/events/{id}/occurrences/{key}"))
}

/// The slots and claims of an occurrence as the viewer may see them.
#[server(prefix = "/fn", endpoint = "signups", input = GetUrl)]
pub async fn load_signups(id: i64, key: String) -> Result<SignupBoard, AppError> {
    use crate::{domain::occurrence::OccurrenceRef, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::signups::board(&state, &viewer, at.event_id, at.key).await
}

/// The printable sign-up sheet (staff; audited).
#[server(prefix = "/fn", endpoint = "signup_sheet", input = GetUrl)]
pub async fn load_signup_sheet(id: i64, key: String) -> Result<SignupBoard, AppError> {
    use crate::{domain::occurrence::OccurrenceRef, services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::signups::sheet(&state, &viewer, at.event_id, at.key).await
}

/// Adds a slot, or changes one (`slot_id` given).
#[server(prefix = "/fn", endpoint = "save_slot")]
pub async fn save_slot(
    csrf_token: String,
    id: i64,
    key: String,
    #[server(default)] slot_id: Option<i64>,
    #[server(flatten)] form: SlotForm,
) -> Result<Done, AppError> {
    use crate::domain::{occurrence::OccurrenceRef, signup::SlotId};
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    let message = match slot_id {
        Some(slot) => {
            services::signups::update_slot(
                &state,
                &viewer,
                at.event_id,
                at.key,
                SlotId(slot),
                &form,
            )
            .await?;
            m::flash_saved()
        }
        None => {
            services::signups::create_slot(&state, &viewer, at.event_id, at.key, &form).await?;
            m::flash_added()
        }
    };
    Ok(Done::to(back(id, &key)).with_flash(message))
}

/// Removes a slot; its claims are released (the message says how many).
#[server(prefix = "/fn", endpoint = "delete_slot")]
pub async fn delete_slot(
    csrf_token: String,
    id: i64,
    key: String,
    slot_id: i64,
) -> Result<Done, AppError> {
    use crate::domain::{occurrence::OccurrenceRef, signup::SlotId};
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    let released =
        services::signups::delete_slot(&state, &viewer, at.event_id, at.key, SlotId(slot_id))
            .await?;
    let message = m::flash_slot_removed(released);
    Ok(Done::to(back(id, &key)).with_flash(message))
}

/// The claim form's fields as a browser posts them: allergen boxes named
/// `allergens[]`, the alcohol box present when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimFields {
    #[serde(default)]
    pub dish: String,
    #[serde(default)]
    pub allergens: Vec<String>,
    #[serde(default)]
    pub contains_alcohol: Option<String>,
}

/// Signs up for a slot: oneself, or (staff) `person_id`.
#[server(prefix = "/fn", endpoint = "claim_slot")]
pub async fn claim_slot(
    csrf_token: String,
    id: i64,
    key: String,
    slot_id: i64,
    #[server(default)] person_id: Option<i64>,
    #[server(flatten)] fields: ClaimFields,
) -> Result<Done, AppError> {
    use crate::domain::{
        occurrence::OccurrenceRef, person::PersonId, signup::ClaimForm, signup::SlotId,
    };
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let person = person_id.map_or(viewer.person.id, PersonId);
    let form = ClaimForm {
        dish: fields.dish,
        allergens: fields.allergens,
        contains_alcohol: fields.contains_alcohol.is_some(),
    };
    let at = OccurrenceRef::parse(id, &key)?;
    services::signups::claim(
        &state,
        &viewer,
        at.event_id,
        at.key,
        SlotId(slot_id),
        person,
        &form,
    )
    .await?;
    let message = if person == viewer.person.id {
        m::flash_signed_up_self()
    } else {
        m::flash_signed_up()
    };
    Ok(Done::to(back(id, &key)).with_flash(message))
}

/// Withdraws a claim.
#[server(prefix = "/fn", endpoint = "withdraw_claim")]
pub async fn withdraw_claim(
    csrf_token: String,
    id: i64,
    key: String,
    claim_id: i64,
) -> Result<Done, AppError> {
    use crate::domain::{occurrence::OccurrenceRef, signup::ClaimId};
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    let at = OccurrenceRef::parse(id, &key)?;
    services::signups::withdraw(&state, &viewer, at.event_id, at.key, ClaimId(claim_id)).await?;
    Ok(Done::to(back(id, &key)).with_flash(m::flash_signup_withdrawn()))
}

/// The facility's refusal of dishes made with alcohol (admins).
#[server(prefix = "/fn", endpoint = "get_alcohol_refusal", input = GetUrl)]
pub async fn get_alcohol_refusal() -> Result<Message, AppError> {
    use crate::{services, web};
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::signups::alcohol_refusal(&state, &viewer).await
}

/// Words the refusal (empty restores the default).
#[server(prefix = "/fn", endpoint = "save_alcohol_refusal")]
pub async fn save_alcohol_refusal(
    csrf_token: String,
    #[server(default)] alcohol_refusal: String,
) -> Result<Done, AppError> {
    use crate::{services, web};
    let _ = csrf_token;
    let state = web::state()?;
    let viewer = web::viewer()?;
    services::signups::save_alcohol_refusal(&state, &viewer, &alcohol_refusal).await?;
    Ok(Done::to("/settings").with_flash(m::flash_potluck_message_saved()))
}
