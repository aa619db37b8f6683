//! Rows one page reads more than once while it renders.
//!
//! An occurrence page is drawn by several components, each loading through
//! its own server function (the occurrence, the RSVP panel, sign-ups, the
//! karaoke queue, the van), and each of those checks the event, its
//! changed dates, the RSVPs and the people in them again: 26 queries for
//! one page, most of them the same rows. A page render (a `GET` of a page,
//! nothing else) gets a [`PageReads`] on its viewer, and those reads come
//! from it after the first. Server functions called from the browser, the
//! JSON API and every write run without one (`None` below reads the
//! database every time), so a write never reads a row it has just changed
//! from memory.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, OnceLock};

use crate::db::{self, Db, DbResult};
use crate::domain::event::{Event, EventId};
use crate::domain::occurrence::{OccurrenceChange, OccurrenceKey};
use crate::domain::person::{Person, PersonId};
use crate::domain::rsvp::{Counts, Rsvp};
use crate::domain::transport::{Rules, Transport};

/// Values kept for the rest of one page render.
#[derive(Debug)]
struct Kept<K, V>(Mutex<HashMap<K, V>>);

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V: Clone> Kept<K, V> {
    fn get(&self, key: &K) -> Option<V> {
        self.0.lock().ok()?.get(key).cloned()
    }

    fn keep(&self, key: K, value: V) {
        if let Ok(mut kept) = self.0.lock() {
            kept.insert(key, value);
        }
    }
}

#[derive(Debug, Default)]
pub struct PageReads {
    events: Kept<EventId, Option<Event>>,
    changes: Kept<EventId, Vec<OccurrenceChange>>,
    people: Kept<PersonId, Option<Person>>,
    rsvps: Kept<(EventId, OccurrenceKey), Vec<Rsvp>>,
    rules: Kept<EventId, Rules>,
    vans: Kept<EventId, Option<Transport>>,
    /// The change clock, read once per render (it was read after the
    /// request arrived, which is all a kept row needs).
    clock: OnceLock<i64>,
}

/// Reads through `kept` when a page render keeps its reads, else straight
/// from the database.
async fn read<K, V, F>(kept: Option<&Kept<K, V>>, key: K, load: F) -> DbResult<V>
where
    K: Eq + Hash,
    V: Clone,
    F: AsyncFnOnce() -> DbResult<V>,
{
    if let Some(value) = kept.and_then(|kept| kept.get(&key)) {
        return Ok(value);
    }
    let value = load().await?;
    if let Some(kept) = kept {
        kept.keep(key, value.clone());
    }
    Ok(value)
}

impl PageReads {
    /// The change clock as first read during this render.
    pub(crate) async fn clock(
        &self,
        state: &crate::state::AppState,
    ) -> Result<i64, crate::error::AppError> {
        if let Some(clock) = self.clock.get() {
            return Ok(*clock);
        }
        let clock = state.clock.read(&state.db).await?;
        Ok(*self.clock.get_or_init(|| clock))
    }

    pub(crate) fn event(&self, id: EventId) -> Option<Option<Event>> {
        self.events.get(&id)
    }

    pub(crate) fn keep_event(&self, id: EventId, event: Option<Event>) {
        self.events.keep(id, event);
    }

    pub(crate) fn changes(&self, id: EventId) -> Option<Vec<OccurrenceChange>> {
        self.changes.get(&id)
    }

    pub(crate) fn keep_changes(&self, id: EventId, changes: Vec<OccurrenceChange>) {
        self.changes.keep(id, changes);
    }
}

/// A person by id (names in RSVP lists, the driver, the host).
pub(crate) async fn person(
    reads: Option<&PageReads>,
    db: &Db,
    id: PersonId,
) -> DbResult<Option<Person>> {
    read(reads.map(|r| &r.people), id, async || {
        db::people::get(db, id).await
    })
    .await
}

/// Every RSVP to one occurrence. A page render keeps the people in them
/// as well, read in one query: the names of a list come from memory then.
pub(crate) async fn rsvps(
    reads: Option<&PageReads>,
    db: &Db,
    event: EventId,
    key: OccurrenceKey,
) -> DbResult<Vec<Rsvp>> {
    let kept = reads.and_then(|r| r.rsvps.get(&(event, key)));
    if let Some(rsvps) = kept {
        return Ok(rsvps);
    }
    let rsvps = db::rsvps::for_occurrence(db, event, key).await?;
    if let Some(reads) = reads {
        reads.rsvps.keep((event, key), rsvps.clone());
        let mut missing: Vec<PersonId> = rsvps
            .iter()
            .map(|r| r.person_id)
            .filter(|id| reads.people.get(id).is_none())
            .collect();
        missing.sort_unstable_by_key(|id| id.0);
        missing.dedup();
        let mut found: HashMap<PersonId, Person> = db::people::get_many(db, &missing)
            .await?
            .into_iter()
            .map(|person| (person.id, person))
            .collect();
        for id in missing {
            reads.people.keep(id, found.remove(&id));
        }
    }
    Ok(rsvps)
}

/// One person's RSVP to one occurrence (a page render finds it in the
/// occurrence's list, which it reads anyway).
pub(crate) async fn answer(
    reads: Option<&PageReads>,
    db: &Db,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
) -> DbResult<Option<Rsvp>> {
    if reads.is_some() {
        let list = rsvps(reads, db, event, key).await?;
        return Ok(list.into_iter().find(|rsvp| rsvp.person_id == person));
    }
    db::rsvps::get(db, event, key, person).await
}

/// The RSVP counts of one occurrence (a page render counts its list).
pub(crate) async fn counts(
    reads: Option<&PageReads>,
    db: &Db,
    event: EventId,
    key: OccurrenceKey,
) -> DbResult<Counts> {
    if reads.is_some() {
        return Ok(Counts::of(&rsvps(reads, db, event, key).await?));
    }
    db::rsvps::counts(db, event, key).await
}

/// An event's eligibility rules and staff ratio.
pub(crate) async fn rules(reads: Option<&PageReads>, db: &Db, event: EventId) -> DbResult<Rules> {
    read(reads.map(|r| &r.rules), event, async || {
        db::transport::rules(db, event).await
    })
    .await
}

/// An off-site event's van.
pub(crate) async fn van(
    reads: Option<&PageReads>,
    db: &Db,
    event: EventId,
) -> DbResult<Option<Transport>> {
    read(reads.map(|r| &r.vans), event, async || {
        db::transport::transport(db, event).await
    })
    .await
}
