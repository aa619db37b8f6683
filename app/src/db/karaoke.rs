//! Karaoke song queues. Every change runs in one transaction that holds the
//! occurrence's `karaoke_queues` row: `BEGIN IMMEDIATE` on SQLite (one
//! writer at a time), `SELECT … FOR UPDATE` on PostgreSQL. Inside it the
//! queue is loaded, `domain::karaoke` decides what it becomes, and the
//! changed rows and the queue's version are written together.
//!
//! Lock order, the same in every transaction so PostgreSQL never deadlocks:
//! the person's RSVP row (adding a song: `FOR SHARE`; an RSVP change:
//! its update), then the queue row, then song rows.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Backend, Db, DbError, DbResult, corrupt, now, with_db};
use crate::domain::event::EventId;
use crate::domain::karaoke::{
    Command, Entry, SongDraft, SongId, SongState, apply, check_add, without,
};
use crate::domain::occurrence::OccurrenceKey;
use crate::domain::person::PersonId;

/// One stored song.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Song {
    pub id: SongId,
    pub event_id: EventId,
    pub key: OccurrenceKey,
    pub person_id: PersonId,
    pub title: String,
    pub artist: String,
    pub state: SongState,
    pub position: i64,
    pub added_by: Option<PersonId>,
}

impl Song {
    fn entry(&self) -> Entry {
        Entry {
            id: self.id,
            person: self.person_id,
            state: self.state,
            position: self.position,
        }
    }
}

#[derive(FromRow)]
struct SongRow {
    id: i64,
    event_id: i64,
    occurrence_key: DateTime<Utc>,
    person_id: i64,
    title: String,
    artist: String,
    state: String,
    position: i64,
    added_by: Option<i64>,
}

impl SongRow {
    fn into_song(self) -> DbResult<Song> {
        Ok(Song {
            id: SongId(self.id),
            event_id: EventId(self.event_id),
            key: OccurrenceKey(self.occurrence_key),
            person_id: PersonId(self.person_id),
            state: SongState::parse(&self.state)
                .ok_or_else(|| corrupt("song state", &self.state))?,
            title: self.title,
            artist: self.artist,
            position: self.position,
            added_by: self.added_by.map(PersonId),
        })
    }
}

macro_rules! song_columns {
    () => {
        "id, event_id, occurrence_key, person_id, title, artist, state, position, added_by"
    };
}

/// A refusal decided inside the transaction (nothing was changed).
#[derive(Debug)]
pub struct Refused(pub crate::i18n::Message);

/// The queries a queue change runs inside its transaction, written once
/// for both backends' connections.
pub(crate) trait QueueConn {
    /// Makes the occurrence's queue row if needed and locks it.
    async fn lock_queue(&mut self, event: EventId, key: OccurrenceKey) -> DbResult<()>;
    async fn songs(&mut self, event: EventId, key: OccurrenceKey) -> DbResult<Vec<Song>>;
    /// The person's RSVP state, read so that a concurrent RSVP change waits
    /// for (or is waited for by) this transaction.
    async fn rsvp_state(
        &mut self,
        event: EventId,
        key: OccurrenceKey,
        person: PersonId,
    ) -> DbResult<Option<String>>;
    async fn insert_song(
        &mut self,
        event: EventId,
        key: OccurrenceKey,
        person: PersonId,
        draft: &SongDraft,
        position: i64,
        by: PersonId,
    ) -> DbResult<SongId>;
    /// Writes the new states and positions of `after` where they differ
    /// from `before`, deletes songs missing from `after`, and bumps the
    /// queue's version.
    async fn write(
        &mut self,
        event: EventId,
        key: OccurrenceKey,
        before: &[Song],
        after: &[Entry],
    ) -> DbResult<()>;
    /// A new version for the screen to notice.
    async fn bump(&mut self, event: EventId, key: OccurrenceKey) -> DbResult<()>;
}

macro_rules! queue_conn {
    ($conn:ty, $postgres:expr) => {
        impl QueueConn for $conn {
            async fn lock_queue(&mut self, event: EventId, key: OccurrenceKey) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO karaoke_queues (event_id, occurrence_key, version) VALUES ($1, $2, 0) \
                     ON CONFLICT (event_id, occurrence_key) DO NOTHING",
                )
                .bind(event.0)
                .bind(key.0)
                .execute(&mut *self)
                .await?;
                sqlx::query_scalar::<_, i64>(if $postgres {
                    "SELECT version FROM karaoke_queues WHERE event_id = $1 AND occurrence_key = $2 FOR UPDATE"
                } else {
                    "SELECT version FROM karaoke_queues WHERE event_id = $1 AND occurrence_key = $2"
                })
                .bind(event.0)
                .bind(key.0)
                .fetch_one(&mut *self)
                .await?;
                Ok(())
            }

            async fn songs(&mut self, event: EventId, key: OccurrenceKey) -> DbResult<Vec<Song>> {
                sqlx::query_as::<_, SongRow>(concat!(
                    "SELECT ", song_columns!(), " FROM karaoke_songs \
                     WHERE event_id = $1 AND occurrence_key = $2 ORDER BY position, id"
                ))
                .bind(event.0)
                .bind(key.0)
                .fetch_all(&mut *self)
                .await?
                .into_iter()
                .map(SongRow::into_song)
                .collect()
            }

            async fn rsvp_state(
                &mut self,
                event: EventId,
                key: OccurrenceKey,
                person: PersonId,
            ) -> DbResult<Option<String>> {
                Ok(sqlx::query_scalar::<_, String>(if $postgres {
                    "SELECT state FROM rsvps WHERE event_id = $1 AND occurrence_key = $2 \
                     AND person_id = $3 FOR SHARE"
                } else {
                    "SELECT state FROM rsvps WHERE event_id = $1 AND occurrence_key = $2 AND person_id = $3"
                })
                .bind(event.0)
                .bind(key.0)
                .bind(person.0)
                .fetch_optional(&mut *self)
                .await?)
            }

            async fn insert_song(
                &mut self,
                event: EventId,
                key: OccurrenceKey,
                person: PersonId,
                draft: &SongDraft,
                position: i64,
                by: PersonId,
            ) -> DbResult<SongId> {
                let at = now();
                let id = sqlx::query_scalar::<_, i64>(
                    "INSERT INTO karaoke_songs (event_id, occurrence_key, person_id, title, artist, \
                     state, position, added_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $8, $8) RETURNING id",
                )
                .bind(event.0)
                .bind(key.0)
                .bind(person.0)
                .bind(&draft.title)
                .bind(&draft.artist)
                .bind(position)
                .bind(by.0)
                .bind(at)
                .fetch_one(&mut *self)
                .await?;
                self.bump(event, key).await?;
                Ok(SongId(id))
            }

            async fn write(
                &mut self,
                event: EventId,
                key: OccurrenceKey,
                before: &[Song],
                after: &[Entry],
            ) -> DbResult<()> {
                let at = now();
                for song in before {
                    if !after.iter().any(|e| e.id == song.id) {
                        sqlx::query("DELETE FROM karaoke_songs WHERE id = $1")
                            .bind(song.id.0)
                            .execute(&mut *self)
                            .await?;
                    }
                }
                // The song that starts is written last: only one may be
                // singing at a time, and the unique index checks each row.
                let mut changed: Vec<&Entry> = after
                    .iter()
                    .filter(|e| {
                        before
                            .iter()
                            .find(|s| s.id == e.id)
                            .is_some_and(|s| s.state != e.state || s.position != e.position)
                    })
                    .collect();
                changed.sort_by_key(|e| e.state == SongState::Singing);
                for entry in changed {
                    sqlx::query("UPDATE karaoke_songs SET state = $2, position = $3, updated_at = $4 WHERE id = $1")
                        .bind(entry.id.0)
                        .bind(entry.state.as_str())
                        .bind(entry.position)
                        .bind(at)
                        .execute(&mut *self)
                        .await?;
                }
                self.bump(event, key).await
            }

            async fn bump(&mut self, event: EventId, key: OccurrenceKey) -> DbResult<()> {
                sqlx::query(
                    "UPDATE karaoke_queues SET version = version + 1 \
                     WHERE event_id = $1 AND occurrence_key = $2",
                )
                .bind(event.0)
                .bind(key.0)
                .execute(&mut *self)
                .await?;
                Ok(())
            }
        }
    };
}

queue_conn!(sqlx::SqliteConnection, false);
queue_conn!(sqlx::PgConnection, true);

/// Removes the person's queued (not yet sung) songs at the occurrence
/// unless they are going: called inside every RSVP change's transaction
/// (`db::rsvps::change`), so a cancelled, waitlisted, "maybe" or removed
/// RSVP — and discharge, which removes RSVPs — releases their place in
/// the queue. Returns how many songs left the queue.
pub(crate) async fn release_in<C: QueueConn>(
    conn: &mut C,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
) -> DbResult<usize> {
    if conn.rsvp_state(event, key, person).await?.as_deref() == Some("going") {
        return Ok(0);
    }
    // Cheap when the person has nothing queued (most RSVP changes): no
    // queue row is made or locked. A song being added concurrently holds
    // the person's RSVP row, which this transaction has changed, so it
    // either committed before this read or will see the new RSVP.
    let songs = conn.songs(event, key).await?;
    if !songs
        .iter()
        .any(|s| s.person_id == person && s.state == SongState::Queued)
    {
        return Ok(0);
    }
    conn.lock_queue(event, key).await?;
    let songs = conn.songs(event, key).await?;
    let released: Vec<SongId> = songs
        .iter()
        .filter(|s| s.person_id == person && s.state == SongState::Queued)
        .map(|s| s.id)
        .collect();
    let entries: Vec<Entry> = songs.iter().map(Song::entry).collect();
    conn.write(event, key, &songs, &without(&entries, &released))
        .await?;
    Ok(released.len())
}

/// Adds a song for `person`, who must be going (checked here, inside the
/// transaction) and under the per-person limit.
pub async fn add(
    db: &Db,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
    draft: &SongDraft,
    by: PersonId,
) -> DbResult<Result<SongId, Refused>> {
    let postgres = db.backend() == Backend::Postgres;
    with_db!(db, pool => {
        let mut tx = if postgres { pool.begin().await? } else { pool.begin_with("BEGIN IMMEDIATE").await? };
        // The RSVP row first (see the lock order above).
        let going = tx.rsvp_state(event, key, person).await?.as_deref() == Some("going");
        if !going {
            tx.rollback().await?;
            return Ok(Err(Refused(crate::i18n::m::karaoke_going_only())));
        }
        tx.lock_queue(event, key).await?;
        let songs = tx.songs(event, key).await?;
        let entries: Vec<Entry> = songs.iter().map(Song::entry).collect();
        let position = match check_add(&entries, person) {
            Ok(position) => position,
            Err(message) => {
                tx.rollback().await?;
                return Ok(Err(Refused(message)));
            }
        };
        let id = tx.insert_song(event, key, person, draft, position, by).await?;
        tx.commit().await?;
        Ok::<_, DbError>(Ok(id))
    })
}

/// Removes a queued song (the person's own withdrawal, or staff's for
/// them); songs already sung or on stage stay.
pub async fn withdraw(
    db: &Db,
    event: EventId,
    key: OccurrenceKey,
    song: SongId,
) -> DbResult<Result<(), Refused>> {
    let postgres = db.backend() == Backend::Postgres;
    with_db!(db, pool => {
        let mut tx = if postgres { pool.begin().await? } else { pool.begin_with("BEGIN IMMEDIATE").await? };
        tx.lock_queue(event, key).await?;
        let songs = tx.songs(event, key).await?;
        match songs.iter().find(|s| s.id == song).map(|s| s.state) {
            Some(SongState::Queued) => {}
            Some(_) => {
                tx.rollback().await?;
                return Ok(Err(Refused(crate::i18n::m::karaoke_only_queued_withdraw())));
            }
            None => {
                tx.rollback().await?;
                return Ok(Err(Refused(crate::i18n::m::karaoke_song_not_in_queue())));
            }
        }
        let entries: Vec<Entry> = songs.iter().map(Song::entry).collect();
        tx.write(event, key, &songs, &without(&entries, &[song])).await?;
        tx.commit().await?;
        Ok::<_, DbError>(Ok(()))
    })
}

/// A staff action on the queue (reorder, start, sung, skip, requeue).
pub async fn run(
    db: &Db,
    event: EventId,
    key: OccurrenceKey,
    song: SongId,
    command: Command,
) -> DbResult<Result<(), Refused>> {
    let postgres = db.backend() == Backend::Postgres;
    with_db!(db, pool => {
        let mut tx = if postgres { pool.begin().await? } else { pool.begin_with("BEGIN IMMEDIATE").await? };
        tx.lock_queue(event, key).await?;
        let songs = tx.songs(event, key).await?;
        let entries: Vec<Entry> = songs.iter().map(Song::entry).collect();
        match apply(&entries, song, command) {
            Err(message) => {
                tx.rollback().await?;
                Ok(Err(Refused(message)))
            }
            Ok(after) => {
                tx.write(event, key, &songs, &after).await?;
                tx.commit().await?;
                Ok::<_, DbError>(Ok(()))
            }
        }
    })
}

/// The queue's version (0 before anything was added): the screen in the
/// room asks for this every few seconds and loads the queue when it moved.
pub async fn version(db: &Db, event: EventId, key: OccurrenceKey) -> DbResult<i64> {
    let version = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>(
            "SELECT version FROM karaoke_queues WHERE event_id = $1 AND occurrence_key = $2",
        )
        .bind(event.0)
        .bind(key.0)
        .fetch_optional(pool)
        .await?
    });
    Ok(version.unwrap_or(0))
}

/// Every song of the occurrence's queue, in position order, and the
/// queue's version (read in one go, without a lock).
pub async fn queue(db: &Db, event: EventId, key: OccurrenceKey) -> DbResult<(i64, Vec<Song>)> {
    let version = version(db, event, key).await?;
    let songs = with_db!(db, pool => {
        let mut conn = pool.acquire().await?;
        conn.songs(event, key).await?
    });
    Ok((version, songs))
}

/// One song, wherever it is.
pub async fn get(db: &Db, song: SongId) -> DbResult<Option<Song>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, SongRow>(concat!("SELECT ", song_columns!(), " FROM karaoke_songs WHERE id = $1"))
            .bind(song.0)
            .fetch_optional(pool)
            .await?
    });
    row.map(SongRow::into_song).transpose()
}
