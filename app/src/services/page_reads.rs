//! Rows pages read, kept while the change clock stands still.
//!
//! An occurrence page is drawn by several components, each loading through
//! its own server function (the occurrence, the RSVP panel, sign-ups, the
//! karaoke queue, the van), and each of those checks the event, its
//! changed dates, the RSVPs and the people in them again: 26 queries for
//! one page, most of them the same rows. A page render (a `GET` of a page,
//! nothing else) gets a [`PageReads`] on its viewer: it reads the change
//! clock once, and the rows below come from [`KeptRows`] (one per process,
//! in `AppState`) while the clock shows what they were read under, so a
//! page drawn again after no change reads nothing but its session.
//! Server functions called from the browser, the JSON API and every write
//! run without one (`None` below reads the database every time), so a
//! write never reads a row it has just changed from memory.
//!
//! Everything kept here is covered by the clock's triggers (migrations
//! 0012 and 0015): events and their changed dates, people, RSVPs, an
//! event's rules and van, sign-up slots and claims.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::OnceLock;

use crate::db::signups::{Claim, Slot};
use crate::db::{self};
use crate::domain::event::{Event, EventId};
use crate::domain::occurrence::{OccurrenceChange, OccurrenceKey};
use crate::domain::person::{Person, PersonId};
use crate::domain::rsvp::{Counts, Rsvp};
use crate::domain::transport::{Rules, Transport};
use crate::error::AppError;
use crate::services::change_clock::Kept;
use crate::state::AppState;

/// One page render: the change clock, read once per render (it was read
/// after the request arrived, which is all a kept row needs).
#[derive(Debug, Default)]
pub struct PageReads {
    clock: OnceLock<i64>,
}

/// Rows of pages, one set per process, each kept with the clock it was
/// read under (see the module's note).
#[derive(Debug)]
pub struct KeptRows {
    /// Events by facility and id.
    events: Kept<(i64, EventId), Option<Event>>,
    changes: Kept<EventId, Vec<OccurrenceChange>>,
    people: Kept<PersonId, Option<Person>>,
    rsvps: Kept<(EventId, OccurrenceKey), Vec<Rsvp>>,
    rules: Kept<EventId, Rules>,
    vans: Kept<EventId, Option<Transport>>,
    slots: Kept<(EventId, OccurrenceKey), Vec<Slot>>,
    claims: Kept<(EventId, OccurrenceKey), Vec<Claim>>,
    /// A facility's active staff (hosts and drivers to choose from).
    staff: Kept<i64, Vec<Person>>,
}

impl KeptRows {
    /// At most `max` rows of each kind.
    pub fn new(max: usize) -> Self {
        KeptRows {
            events: Kept::new(max),
            changes: Kept::new(max),
            people: Kept::new(max),
            rsvps: Kept::new(max),
            rules: Kept::new(max),
            vans: Kept::new(max),
            slots: Kept::new(max),
            claims: Kept::new(max),
            staff: Kept::new(max),
        }
    }
}

/// During a page render, the value kept in `which` under the render's
/// clock (or `load`'s, then kept); otherwise `load`'s.
async fn read<K, V>(
    state: &AppState,
    reads: Option<&PageReads>,
    which: impl FnOnce(&KeptRows) -> &Kept<K, V>,
    key: K,
    load: impl AsyncFnOnce() -> db::DbResult<V>,
) -> Result<V, AppError>
where
    K: Eq + Hash,
    V: Clone,
{
    let Some(reads) = reads else {
        return Ok(load().await?);
    };
    let clock = reads.clock(state).await?;
    let load = async || load().await.map_err(AppError::from);
    Ok((*which(&state.rows).get_or_load(key, clock, load).await?).clone())
}

impl PageReads {
    /// The change clock as first read during this render.
    pub(crate) async fn clock(&self, state: &AppState) -> Result<i64, AppError> {
        if let Some(clock) = self.clock.get() {
            return Ok(*clock);
        }
        let clock = state.clock.read(&state.db).await?;
        Ok(*self.clock.get_or_init(|| clock))
    }
}

/// An event of `facility` by id, whoever may see it.
pub(crate) async fn event(
    state: &AppState,
    reads: Option<&PageReads>,
    facility: i64,
    id: EventId,
) -> Result<Option<Event>, AppError> {
    read(
        state,
        reads,
        |rows| &rows.events,
        (facility, id),
        async || db::events::get(&state.db, facility, id).await,
    )
    .await
}

/// An event's changed dates.
pub(crate) async fn changes(
    state: &AppState,
    reads: Option<&PageReads>,
    id: EventId,
) -> Result<Vec<OccurrenceChange>, AppError> {
    read(
        state,
        reads,
        |rows| &rows.changes,
        id,
        async || db::events::changes_of(&state.db, id).await,
    )
    .await
}

/// A person by id (names in RSVP lists, the driver, the host).
pub(crate) async fn person(
    state: &AppState,
    reads: Option<&PageReads>,
    id: PersonId,
) -> Result<Option<Person>, AppError> {
    read(
        state,
        reads,
        |rows| &rows.people,
        id,
        async || db::people::get(&state.db, id).await,
    )
    .await
}

/// Every RSVP to one occurrence. A page render keeps the people in them
/// as well, read in one query: the names of a list come from memory then.
pub(crate) async fn rsvps(
    state: &AppState,
    reads: Option<&PageReads>,
    event: EventId,
    key: OccurrenceKey,
) -> Result<Vec<Rsvp>, AppError> {
    let Some(reads) = reads else {
        return Ok(db::rsvps::for_occurrence(&state.db, event, key).await?);
    };
    let clock = reads.clock(state).await?;
    let list = state
        .rows
        .rsvps
        .get_or_load((event, key), clock, async || {
            let rsvps = db::rsvps::for_occurrence(&state.db, event, key).await?;
            keep_people(state, clock, &rsvps).await?;
            Ok::<_, AppError>(rsvps)
        })
        .await?;
    Ok((*list).clone())
}

/// Reads the people `rsvps` name that are not kept under `clock`, in one
/// query, and keeps them.
async fn keep_people(state: &AppState, clock: i64, rsvps: &[Rsvp]) -> Result<(), AppError> {
    let people = &state.rows.people;
    let mut missing: Vec<PersonId> = rsvps
        .iter()
        .map(|r| r.person_id)
        .filter(|id| people.get(id, clock).is_none())
        .collect();
    missing.sort_unstable_by_key(|id| id.0);
    missing.dedup();
    let mut found: HashMap<PersonId, Person> = db::people::get_many(&state.db, &missing)
        .await?
        .into_iter()
        .map(|person| (person.id, person))
        .collect();
    for id in missing {
        people.put(id, clock, std::sync::Arc::new(found.remove(&id)));
    }
    Ok(())
}

/// One person's RSVP to one occurrence (a page render finds it in the
/// occurrence's list, which it reads anyway).
pub(crate) async fn answer(
    state: &AppState,
    reads: Option<&PageReads>,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
) -> Result<Option<Rsvp>, AppError> {
    if reads.is_some() {
        let list = rsvps(state, reads, event, key).await?;
        return Ok(list.into_iter().find(|rsvp| rsvp.person_id == person));
    }
    Ok(db::rsvps::get(&state.db, event, key, person).await?)
}

/// The RSVP counts of one occurrence (a page render counts its list).
pub(crate) async fn counts(
    state: &AppState,
    reads: Option<&PageReads>,
    event: EventId,
    key: OccurrenceKey,
) -> Result<Counts, AppError> {
    if reads.is_some() {
        return Ok(Counts::of(&rsvps(state, reads, event, key).await?));
    }
    Ok(db::rsvps::counts(&state.db, event, key).await?)
}

/// An event's eligibility rules and staff ratio.
pub(crate) async fn rules(
    state: &AppState,
    reads: Option<&PageReads>,
    event: EventId,
) -> Result<Rules, AppError> {
    read(
        state,
        reads,
        |rows| &rows.rules,
        event,
        async || db::transport::rules(&state.db, event).await,
    )
    .await
}

/// An off-site event's van.
pub(crate) async fn van(
    state: &AppState,
    reads: Option<&PageReads>,
    event: EventId,
) -> Result<Option<Transport>, AppError> {
    read(
        state,
        reads,
        |rows| &rows.vans,
        event,
        async || db::transport::transport(&state.db, event).await,
    )
    .await
}

/// The sign-up slots of one occurrence.
pub(crate) async fn slots(
    state: &AppState,
    reads: Option<&PageReads>,
    event: EventId,
    key: OccurrenceKey,
) -> Result<Vec<Slot>, AppError> {
    read(
        state,
        reads,
        |rows| &rows.slots,
        (event, key),
        async || db::signups::slots(&state.db, event, key).await,
    )
    .await
}

/// The claims on one occurrence's sign-up slots.
pub(crate) async fn claims(
    state: &AppState,
    reads: Option<&PageReads>,
    event: EventId,
    key: OccurrenceKey,
) -> Result<Vec<Claim>, AppError> {
    read(
        state,
        reads,
        |rows| &rows.claims,
        (event, key),
        async || db::signups::claims(&state.db, event, key).await,
    )
    .await
}

/// A facility's active staff, by name.
pub(crate) async fn staff(
    state: &AppState,
    reads: Option<&PageReads>,
    facility: i64,
) -> Result<Vec<Person>, AppError> {
    read(
        state,
        reads,
        |rows| &rows.staff,
        facility,
        async || db::people::staff(&state.db, facility).await,
    )
    .await
}
