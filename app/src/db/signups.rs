//! Sign-up slots and their claims. A claim runs in one transaction that
//! checks the person is going (locking their RSVP row on PostgreSQL; one
//! writer at a time with `BEGIN IMMEDIATE` on SQLite) and takes a unit of
//! the slot with a conditional `UPDATE … WHERE claimed < quantity`, so of
//! two people claiming the last unit exactly one wins. The slot's CHECK
//! (`claimed <= quantity`) refuses more, whatever the code does.
//!
//! Lock order, everywhere: the RSVP row, then claims, then slots — so a
//! claim, a withdrawal, a release and a deleted slot never wait on each
//! other in a circle.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Backend, Db, DbError, DbResult, corrupt, now, with_db};
use crate::domain::event::EventId;
use crate::domain::occurrence::OccurrenceKey;
use crate::domain::person::PersonId;
use crate::domain::signup::{
    Allergen, Category, ClaimDraft, ClaimId, SlotDraft, SlotId, SlotKind, allergens_text,
    parse_allergens,
};

/// A slot as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub id: SlotId,
    pub event_id: EventId,
    pub key: OccurrenceKey,
    pub kind: SlotKind,
    pub category: Category,
    pub quantity: u32,
    pub claimed: u32,
    pub notes: String,
}

/// A claim as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: ClaimId,
    pub slot_id: SlotId,
    pub event_id: EventId,
    pub key: OccurrenceKey,
    pub person_id: PersonId,
    pub dish: String,
    pub allergens: Vec<Allergen>,
    pub claimed_by: Option<PersonId>,
}

#[derive(FromRow)]
struct SlotRow {
    id: i64,
    event_id: i64,
    occurrence_key: DateTime<Utc>,
    kind: String,
    category: String,
    quantity: i64,
    claimed: i64,
    notes: String,
}

impl SlotRow {
    fn into_slot(self) -> DbResult<Slot> {
        Ok(Slot {
            id: SlotId(self.id),
            event_id: EventId(self.event_id),
            key: OccurrenceKey(self.occurrence_key),
            kind: SlotKind::parse(&self.kind).ok_or_else(|| corrupt("slot kind", &self.kind))?,
            category: Category::parse(&self.category)
                .map_err(|_| corrupt("slot category", &self.category))?,
            quantity: u32::try_from(self.quantity)
                .map_err(|_| corrupt("quantity", &self.quantity.to_string()))?,
            claimed: u32::try_from(self.claimed)
                .map_err(|_| corrupt("claimed", &self.claimed.to_string()))?,
            notes: self.notes,
        })
    }
}

#[derive(FromRow)]
struct ClaimRow {
    id: i64,
    slot_id: i64,
    event_id: i64,
    occurrence_key: DateTime<Utc>,
    person_id: i64,
    dish: String,
    allergens: String,
    claimed_by: Option<i64>,
}

impl ClaimRow {
    fn into_claim(self) -> DbResult<Claim> {
        Ok(Claim {
            id: ClaimId(self.id),
            slot_id: SlotId(self.slot_id),
            event_id: EventId(self.event_id),
            key: OccurrenceKey(self.occurrence_key),
            person_id: PersonId(self.person_id),
            dish: self.dish,
            allergens: parse_allergens(&[&self.allergens])
                .map_err(|_| corrupt("allergens", &self.allergens))?,
            claimed_by: self.claimed_by.map(PersonId),
        })
    }
}

macro_rules! slot_columns {
    () => {
        "id, event_id, occurrence_key, kind, category, quantity, claimed, notes"
    };
}

macro_rules! claim_columns {
    () => {
        "id, slot_id, event_id, occurrence_key, person_id, dish, allergens, claimed_by"
    };
}

/// The slots of an occurrence: dishes first, then tasks, each in the order
/// they were added.
pub async fn slots(db: &Db, event: EventId, key: OccurrenceKey) -> DbResult<Vec<Slot>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, SlotRow>(concat!(
            "SELECT ", slot_columns!(), " FROM signup_slots \
             WHERE event_id = $1 AND occurrence_key = $2 ORDER BY kind, id"
        ))
        .bind(event.0)
        .bind(key.0)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(SlotRow::into_slot).collect()
}

pub async fn slot(db: &Db, id: SlotId) -> DbResult<Option<Slot>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, SlotRow>(concat!("SELECT ", slot_columns!(), " FROM signup_slots WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(pool)
            .await?
    });
    row.map(SlotRow::into_slot).transpose()
}

/// The claims on an occurrence's slots, oldest first.
pub async fn claims(db: &Db, event: EventId, key: OccurrenceKey) -> DbResult<Vec<Claim>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, ClaimRow>(concat!(
            "SELECT ", claim_columns!(), " FROM signup_claims \
             WHERE event_id = $1 AND occurrence_key = $2 ORDER BY id"
        ))
        .bind(event.0)
        .bind(key.0)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(ClaimRow::into_claim).collect()
}

pub async fn claim_by_id(db: &Db, id: ClaimId) -> DbResult<Option<Claim>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, ClaimRow>(concat!("SELECT ", claim_columns!(), " FROM signup_claims WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(pool)
            .await?
    });
    row.map(ClaimRow::into_claim).transpose()
}

pub async fn insert_slot(
    db: &Db,
    event: EventId,
    key: OccurrenceKey,
    draft: &SlotDraft,
    by: PersonId,
) -> DbResult<Slot> {
    let at = now();
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, SlotRow>(concat!(
            "INSERT INTO signup_slots (event_id, occurrence_key, kind, category, quantity, claimed, \
             notes, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $8) RETURNING ", slot_columns!()
        ))
        .bind(event.0)
        .bind(key.0)
        .bind(draft.category.kind().as_str())
        .bind(draft.category.as_str())
        .bind(i64::from(draft.quantity))
        .bind(&draft.notes)
        .bind(by.0)
        .bind(at)
        .fetch_one(pool)
        .await?
    });
    row.into_slot()
}

/// Changes a slot, unless it would want fewer than are already claimed
/// (`Ok(None)`: nothing was changed).
pub async fn update_slot(db: &Db, id: SlotId, draft: &SlotDraft) -> DbResult<Option<Slot>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, SlotRow>(concat!(
            "UPDATE signup_slots SET category = $2, quantity = $3, notes = $4, updated_at = $5 \
             WHERE id = $1 AND claimed <= $3 RETURNING ", slot_columns!()
        ))
        .bind(id.0)
        .bind(draft.category.as_str())
        .bind(i64::from(draft.quantity))
        .bind(&draft.notes)
        .bind(now())
        .fetch_optional(pool)
        .await?
    });
    row.map(SlotRow::into_slot).transpose()
}

/// Deletes a slot and its claims; answers the claims released.
pub async fn delete_slot(db: &Db, id: SlotId) -> DbResult<Vec<Claim>> {
    let postgres = db.backend() == Backend::Postgres;
    let rows = with_db!(db, pool => {
        let mut tx = if postgres { pool.begin().await? } else { pool.begin_with("BEGIN IMMEDIATE").await? };
        // Claims before the slot (the lock order).
        let rows = sqlx::query_as::<_, ClaimRow>(concat!(
            "DELETE FROM signup_claims WHERE slot_id = $1 RETURNING ", claim_columns!()
        ))
        .bind(id.0)
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM signup_slots WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        rows
    });
    rows.into_iter().map(ClaimRow::into_claim).collect()
}

/// Why a claim was not taken (nothing was changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimRefused {
    /// The person's RSVP is not "going".
    NotGoing,
    /// Every unit of the slot is taken.
    Full,
    /// The person already has a claim on this slot.
    AlreadyClaimed,
    /// The slot is gone.
    NoSlot,
}

/// Takes one unit of `slot` for `person`, if they are going to the slot's
/// occurrence and a unit is left.
pub async fn claim(
    db: &Db,
    slot: SlotId,
    person: PersonId,
    draft: &ClaimDraft,
    by: PersonId,
) -> DbResult<Result<ClaimId, ClaimRefused>> {
    let postgres = db.backend() == Backend::Postgres;
    let at = now();
    let allergens = allergens_text(&draft.allergens);
    with_db!(db, pool => {
        let mut tx = if postgres { pool.begin().await? } else { pool.begin_with("BEGIN IMMEDIATE").await? };
        let Some((event_id, key)) = sqlx::query_as::<_, (i64, DateTime<Utc>)>(
            "SELECT event_id, occurrence_key FROM signup_slots WHERE id = $1",
        )
        .bind(slot.0)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(Err(ClaimRefused::NoSlot));
        };
        // The RSVP row is held until commit: an answer changing it waits,
        // then releases this claim in its own transaction.
        let state = sqlx::query_scalar::<_, String>(if postgres {
            "SELECT state FROM rsvps WHERE event_id = $1 AND occurrence_key = $2 AND person_id = $3 FOR SHARE"
        } else {
            "SELECT state FROM rsvps WHERE event_id = $1 AND occurrence_key = $2 AND person_id = $3"
        })
        .bind(event_id)
        .bind(key)
        .bind(person.0)
        .fetch_optional(&mut *tx)
        .await?;
        if state.as_deref() != Some("going") {
            return Ok(Err(ClaimRefused::NotGoing));
        }
        let already = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM signup_claims WHERE slot_id = $1 AND person_id = $2",
        )
        .bind(slot.0)
        .bind(person.0)
        .fetch_one(&mut *tx)
        .await?;
        if already > 0 {
            return Ok(Err(ClaimRefused::AlreadyClaimed));
        }
        let taken = sqlx::query(
            "UPDATE signup_slots SET claimed = claimed + 1, updated_at = $2 \
             WHERE id = $1 AND claimed < quantity",
        )
        .bind(slot.0)
        .bind(at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if taken == 0 {
            return Ok(Err(ClaimRefused::Full));
        }
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO signup_claims (slot_id, event_id, occurrence_key, person_id, dish, allergens, \
             claimed_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(slot.0)
        .bind(event_id)
        .bind(key)
        .bind(person.0)
        .bind(&draft.dish)
        .bind(&allergens)
        .bind(by.0)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok::<_, DbError>(Ok(ClaimId(id)))
    })
}

/// Removes a claim and gives its unit back; `None` when it was gone.
pub async fn withdraw(db: &Db, id: ClaimId) -> DbResult<Option<Claim>> {
    let postgres = db.backend() == Backend::Postgres;
    let row = with_db!(db, pool => {
        let mut tx = if postgres { pool.begin().await? } else { pool.begin_with("BEGIN IMMEDIATE").await? };
        let row = sqlx::query_as::<_, ClaimRow>(concat!(
            "DELETE FROM signup_claims WHERE id = $1 RETURNING ", claim_columns!()
        ))
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = &row {
            sqlx::query("UPDATE signup_slots SET claimed = claimed - 1, updated_at = $2 WHERE id = $1")
                .bind(row.slot_id)
                .bind(now())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        row
    });
    row.map(ClaimRow::into_claim).transpose()
}

/// A connection inside a transaction of either backend (for
/// [`release_in`], called from the RSVP transaction).
pub trait SignupConn: Send {
    fn release(
        &mut self,
        event: EventId,
        key: OccurrenceKey,
        person: PersonId,
        by: PersonId,
    ) -> impl Future<Output = DbResult<u64>> + Send;
}

macro_rules! signup_conn {
    ($conn:ty) => {
        impl SignupConn for $conn {
            async fn release(
                &mut self,
                event: EventId,
                key: OccurrenceKey,
                person: PersonId,
                by: PersonId,
            ) -> DbResult<u64> {
                let at = now();
                let slots = sqlx::query_scalar::<_, i64>(
                    "DELETE FROM signup_claims WHERE event_id = $1 AND occurrence_key = $2 AND person_id = $3 \
                     AND NOT EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = $1 AND r.occurrence_key = $2 \
                     AND r.person_id = $3 AND r.state = 'going') RETURNING slot_id",
                )
                .bind(event.0)
                .bind(key.0)
                .bind(person.0)
                .fetch_all(&mut *self)
                .await?;
                for slot in &slots {
                    sqlx::query(
                        "UPDATE signup_slots SET claimed = claimed - 1, updated_at = $2 WHERE id = $1",
                    )
                    .bind(slot)
                    .bind(at)
                    .execute(&mut *self)
                    .await?;
                }
                if !slots.is_empty() {
                    sqlx::query(
                        "INSERT INTO audit_log (facility_id, actor_id, action, subject, at) \
                         SELECT facility_id, $2, 'release signups', $3, $4 FROM events WHERE id = $1",
                    )
                    .bind(event.0)
                    .bind(by.0)
                    .bind(format!(
                        "event {event} occurrence {key} person {person}: {} claim(s)",
                        slots.len()
                    ))
                    .bind(at)
                    .execute(&mut *self)
                    .await?;
                }
                Ok(slots.len() as u64)
            }
        }
    };
}
signup_conn!(sqlx::SqliteConnection);
signup_conn!(sqlx::PgConnection);

/// Inside the RSVP transaction, after a person's answer changed: when they
/// are no longer going to the occurrence, their claims there are removed
/// and the units given back (written to the audit log). Answers how many.
pub async fn release_in<C: SignupConn>(
    conn: &mut C,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
    by: PersonId,
) -> DbResult<u64> {
    conn.release(event, key, person, by).await
}

/// The facility's refusal of dishes made with alcohol.
pub async fn alcohol_refusal(db: &Db, facility: i64) -> DbResult<Option<String>> {
    let text = with_db!(db, pool => {
        sqlx::query_scalar::<_, String>("SELECT alcohol_refusal FROM facilities WHERE id = $1")
            .bind(facility)
            .fetch_optional(pool)
            .await?
    });
    Ok(text)
}

pub async fn set_alcohol_refusal(db: &Db, facility: i64, text: &str) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE facilities SET alcohol_refusal = $2 WHERE id = $1")
            .bind(facility)
            .bind(text)
            .execute(pool)
            .await?;
    });
    Ok(())
}
