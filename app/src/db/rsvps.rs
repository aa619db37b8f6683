//! RSVPs. Every change runs in one transaction that holds the
//! occurrence's seat counter: `BEGIN IMMEDIATE` on SQLite (one writer at a
//! time), `SELECT … FOR UPDATE` on PostgreSQL. The counter's CHECK
//! constraint refuses more seats than capacity, whatever the code does.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Backend, Db, DbError, DbResult, corrupt, now, with_db};
use crate::domain::event::EventId;
use crate::domain::occurrence::OccurrenceKey;
use crate::domain::person::PersonId;
use crate::domain::rsvp::{
    Counts, Current, Response, Rsvp, RsvpState, Seats, Waiting, decide, promotions, seats,
};

/// What a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The person's RSVP after the change (`None` once removed).
    pub rsvp: Option<Rsvp>,
    /// People moved up from the waitlist by this change.
    pub promoted: Vec<PersonId>,
}

#[derive(FromRow)]
struct CounterRow {
    seats_taken: i64,
    next_seq: i64,
}

#[derive(FromRow)]
struct RsvpRow {
    event_id: i64,
    occurrence_key: DateTime<Utc>,
    person_id: i64,
    state: String,
    guests: i64,
    seq: i64,
    responded_by: Option<i64>,
    updated_at: DateTime<Utc>,
}

impl RsvpRow {
    fn into_rsvp(self, position: Option<i64>) -> DbResult<Rsvp> {
        Ok(Rsvp {
            event_id: EventId(self.event_id),
            key: OccurrenceKey(self.occurrence_key),
            person_id: PersonId(self.person_id),
            state: RsvpState::parse(&self.state)
                .ok_or_else(|| corrupt("RSVP state", &self.state))?,
            guests: u32::try_from(self.guests)
                .map_err(|_| corrupt("guests", &self.guests.to_string()))?,
            position,
            responded_by: self.responded_by.map(PersonId),
            updated_at: self.updated_at,
        })
    }
}

macro_rules! rsvp_columns {
    () => {
        "event_id, occurrence_key, person_id, state, guests, seq, responded_by, updated_at"
    };
}

/// A change to one person's RSVP.
pub enum Change {
    Respond {
        response: Response,
        guests: u32,
    },
    Remove,
    /// Nothing for the person; apply the event's capacity and move the
    /// waitlist up if it now has room.
    Rebalance,
}

/// A refusal decided inside the transaction (nothing was changed).
#[derive(Debug)]
pub struct Refused(pub crate::i18n::Message);

/// Applies `change` for `person` at the occurrence, promoting from the
/// waitlist when seats free up. `capacity` is the event's current one.
pub async fn change(
    db: &Db,
    event: EventId,
    key: OccurrenceKey,
    capacity: Option<i64>,
    person: PersonId,
    change: Change,
    by: PersonId,
) -> DbResult<Result<Outcome, Refused>> {
    let postgres = db.backend() == Backend::Postgres;
    let at = now();
    let result = with_db!(db, pool => {
        let mut tx = if postgres { pool.begin().await? } else { pool.begin_with("BEGIN IMMEDIATE").await? };
        sqlx::query(
            "INSERT INTO occurrence_seats (event_id, occurrence_key, capacity, seats_taken, next_seq) \
             VALUES ($1, $2, $3, 0, 1) ON CONFLICT (event_id, occurrence_key) DO NOTHING",
        )
        .bind(event.0)
        .bind(key.0)
        .bind(capacity)
        .execute(&mut *tx)
        .await?;
        let counter = sqlx::query_as::<_, CounterRow>(if postgres {
            "SELECT seats_taken, next_seq FROM occurrence_seats \
             WHERE event_id = $1 AND occurrence_key = $2 FOR UPDATE"
        } else {
            "SELECT seats_taken, next_seq FROM occurrence_seats \
             WHERE event_id = $1 AND occurrence_key = $2"
        })
        .bind(event.0)
        .bind(key.0)
        .fetch_one(&mut *tx)
        .await?;
        // Decisions use the event's current capacity, even when it was
        // lowered below the seats already taken (nobody moves up until
        // enough people leave); the stored counter never goes below them.
        let effective = capacity;
        let mut taken = counter.seats_taken;
        let mut next_seq = counter.next_seq;

        let current = sqlx::query_as::<_, RsvpRow>(concat!(
            "SELECT ", rsvp_columns!(), " FROM rsvps \
             WHERE event_id = $1 AND occurrence_key = $2 AND person_id = $3"
        ))
        .bind(event.0)
        .bind(key.0)
        .bind(person.0)
        .fetch_optional(&mut *tx)
        .await?;
        let current_state = match &current {
            Some(row) => Some(Current {
                state: RsvpState::parse(&row.state).ok_or_else(|| corrupt("RSVP state", &row.state))?,
                guests: u32::try_from(row.guests).unwrap_or(0),
            }),
            None => None,
        };

        let someone_waiting = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM rsvps WHERE event_id = $1 AND occurrence_key = $2 \
             AND state = 'waitlisted' AND person_id <> $3",
        )
        .bind(event.0)
        .bind(key.0)
        .bind(person.0)
        .fetch_one(&mut *tx)
        .await?
            > 0;
        let refused = match change {
            Change::Respond { response, guests } => {
                match decide(Seats { capacity: effective, taken }, someone_waiting, current_state, response, guests) {
                    Err(message) => Some(message),
                    Ok(decision) => {
                        let seq = if decision.joins_waitlist || current.is_none() {
                            next_seq += 1;
                            next_seq - 1
                        } else {
                            current.as_ref().map_or(0, |r| r.seq)
                        };
                        sqlx::query(
                            "INSERT INTO rsvps (event_id, occurrence_key, person_id, response, state, \
                             guests, seq, responded_by, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
                             ON CONFLICT (event_id, occurrence_key, person_id) DO UPDATE SET \
                             response = excluded.response, state = excluded.state, \
                             guests = excluded.guests, seq = excluded.seq, \
                             responded_by = excluded.responded_by, updated_at = excluded.updated_at",
                        )
                        .bind(event.0)
                        .bind(key.0)
                        .bind(person.0)
                        .bind(response.as_str())
                        .bind(decision.state.as_str())
                        .bind(i64::from(decision.guests))
                        .bind(seq)
                        .bind(by.0)
                        .bind(at)
                        .execute(&mut *tx)
                        .await?;
                        taken += decision.seats_delta;
                        None
                    }
                }
            }
            Change::Rebalance => None,
            Change::Remove => {
                if let Some(Current { state: RsvpState::Going, guests }) = current_state {
                    taken -= seats(guests);
                }
                sqlx::query("DELETE FROM rsvps WHERE event_id = $1 AND occurrence_key = $2 AND person_id = $3")
                    .bind(event.0)
                    .bind(key.0)
                    .bind(person.0)
                    .execute(&mut *tx)
                    .await?;
                None
            }
        };
        if let Some(message) = refused {
            tx.rollback().await?;
            return Ok(Err(Refused(message)));
        }
        // No longer going: the person's queued karaoke songs leave the queue.
        super::karaoke::release_in(&mut *tx, event, key, person).await?;
        // Sign-ups are for people going: release this person's otherwise.
        super::signups::release_in(&mut *tx, event, key, person, by).await?;

        // Seats freed (or capacity raised): the waitlist moves up in order.
        let waiting = sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT person_id, guests, seq FROM rsvps \
             WHERE event_id = $1 AND occurrence_key = $2 AND state = 'waitlisted' ORDER BY seq",
        )
        .bind(event.0)
        .bind(key.0)
        .fetch_all(&mut *tx)
        .await?;
        let line: Vec<Waiting> = waiting
            .iter()
            .map(|(person, guests, _)| Waiting { id: *person, guests: u32::try_from(*guests).unwrap_or(0) })
            .collect();
        let moved_up = promotions(Seats { capacity: effective, taken }, &line);
        for waiting in &moved_up {
            sqlx::query(
                "UPDATE rsvps SET state = 'going', updated_at = $4 \
                 WHERE event_id = $1 AND occurrence_key = $2 AND person_id = $3",
            )
            .bind(event.0)
            .bind(key.0)
            .bind(waiting.id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            taken += seats(waiting.guests);
        }

        sqlx::query(
            "UPDATE occurrence_seats SET capacity = $3, seats_taken = $4, next_seq = $5 \
             WHERE event_id = $1 AND occurrence_key = $2",
        )
        .bind(event.0)
        .bind(key.0)
        .bind(effective.map(|c| c.max(taken)))
        .bind(taken)
        .bind(next_seq)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok::<_, DbError>(Ok::<_, Refused>(moved_up.iter().map(|w| PersonId(w.id)).collect::<Vec<_>>()))
    })?;
    match result {
        Err(refused) => Ok(Err(refused)),
        Ok(promoted) => Ok(Ok(Outcome {
            rsvp: get(db, event, key, person).await?,
            promoted,
        })),
    }
}

/// Waitlist position of the RSVP with `seq` (1-based).
async fn position(db: &Db, event: EventId, key: OccurrenceKey, seq: i64) -> DbResult<i64> {
    let ahead = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM rsvps WHERE event_id = $1 AND occurrence_key = $2 \
             AND state = 'waitlisted' AND seq < $3",
        )
        .bind(event.0)
        .bind(key.0)
        .bind(seq)
        .fetch_one(pool)
        .await?
    });
    Ok(ahead + 1)
}

pub async fn get(
    db: &Db,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
) -> DbResult<Option<Rsvp>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, RsvpRow>(concat!(
            "SELECT ", rsvp_columns!(), " FROM rsvps \
             WHERE event_id = $1 AND occurrence_key = $2 AND person_id = $3"
        ))
        .bind(event.0)
        .bind(key.0)
        .bind(person.0)
        .fetch_optional(pool)
        .await?
    });
    match row {
        None => Ok(None),
        Some(row) => {
            let position = if row.state == "waitlisted" {
                Some(position(db, event, key, row.seq).await?)
            } else {
                None
            };
            row.into_rsvp(position).map(Some)
        }
    }
}

/// Every RSVP to an occurrence: going and waitlisted in arrival order,
/// then maybe, then not going.
pub async fn for_occurrence(db: &Db, event: EventId, key: OccurrenceKey) -> DbResult<Vec<Rsvp>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, RsvpRow>(concat!(
            "SELECT ", rsvp_columns!(), " FROM rsvps WHERE event_id = $1 AND occurrence_key = $2 \
             ORDER BY CASE state WHEN 'going' THEN 0 WHEN 'waitlisted' THEN 1 WHEN 'maybe' THEN 2 ELSE 3 END, seq"
        ))
        .bind(event.0)
        .bind(key.0)
        .fetch_all(pool)
        .await?
    });
    let mut place = 0;
    rows.into_iter()
        .map(|row| {
            let position = (row.state == "waitlisted").then(|| {
                place += 1;
                place
            });
            row.into_rsvp(position)
        })
        .collect()
}

/// A person's RSVPs to occurrences starting at or after `from`, earliest
/// first.
pub async fn for_person(db: &Db, person: PersonId, from: DateTime<Utc>) -> DbResult<Vec<Rsvp>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, RsvpRow>(concat!(
            "SELECT ", rsvp_columns!(), " FROM rsvps WHERE person_id = $1 AND occurrence_key >= $2 \
             ORDER BY occurrence_key"
        ))
        .bind(person.0)
        .bind(from)
        .fetch_all(pool)
        .await?
    });
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let position = if row.state == "waitlisted" {
            Some(
                position(
                    db,
                    EventId(row.event_id),
                    OccurrenceKey(row.occurrence_key),
                    row.seq,
                )
                .await?,
            )
        } else {
            None
        };
        out.push(row.into_rsvp(position)?);
    }
    Ok(out)
}

pub async fn counts(db: &Db, event: EventId, key: OccurrenceKey) -> DbResult<Counts> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, (String, i64, i64)>(
            "SELECT state, COUNT(*), CAST(COALESCE(SUM(1 + guests), 0) AS BIGINT) FROM rsvps \
             WHERE event_id = $1 AND occurrence_key = $2 GROUP BY state",
        )
        .bind(event.0)
        .bind(key.0)
        .fetch_all(pool)
        .await?
    });
    let mut counts = Counts::default();
    for (state, n, seats) in rows {
        match state.as_str() {
            "going" => {
                counts.going = n;
                counts.seats_taken = seats;
            }
            "waitlisted" => counts.waitlisted = n,
            "maybe" => counts.maybe = n,
            _ => {}
        }
    }
    Ok(counts)
}

/// Occurrences of a person's RSVPs that start at or after `from` (to
/// release them on discharge).
pub async fn future_keys(
    db: &Db,
    person: PersonId,
    from: DateTime<Utc>,
) -> DbResult<Vec<(EventId, OccurrenceKey)>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, (i64, DateTime<Utc>)>(
            "SELECT event_id, occurrence_key FROM rsvps WHERE person_id = $1 AND occurrence_key >= $2 \
             AND state IN ('going', 'waitlisted', 'maybe')",
        )
        .bind(person.0)
        .bind(from)
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(e, k)| (EventId(e), OccurrenceKey(k)))
        .collect())
}

/// Occurrences of an event that have a seat counter and start at or after
/// `from` (to apply a new capacity).
pub async fn counted_occurrences(
    db: &Db,
    event: EventId,
    from: DateTime<Utc>,
) -> DbResult<Vec<OccurrenceKey>> {
    let keys = with_db!(db, pool => {
        sqlx::query_scalar::<_, DateTime<Utc>>(
            "SELECT occurrence_key FROM occurrence_seats WHERE event_id = $1 AND occurrence_key >= $2",
        )
        .bind(event.0)
        .bind(from)
        .fetch_all(pool)
        .await?
    });
    Ok(keys.into_iter().map(OccurrenceKey).collect())
}

/// Every occurrence of `event` that has RSVPs, attendance, a seat counter
/// or sign-up slots.
pub async fn keys_in_use(db: &Db, event: EventId) -> DbResult<Vec<OccurrenceKey>> {
    let keys = with_db!(db, pool => {
        sqlx::query_scalar::<_, DateTime<Utc>>(
            "SELECT occurrence_key FROM rsvps WHERE event_id = $1 \
             UNION SELECT occurrence_key FROM attendance WHERE event_id = $1 \
             UNION SELECT occurrence_key FROM occurrence_seats WHERE event_id = $1 \
             UNION SELECT occurrence_key FROM signup_slots WHERE event_id = $1",
        )
        .bind(event.0)
        .fetch_all(pool)
        .await?
    });
    Ok(keys.into_iter().map(OccurrenceKey).collect())
}

/// Moves RSVPs, attendance, seat counters and sign-ups from occurrences of `from`
/// to occurrences of `to` (the same event after its times changed, or the
/// new event of a split), in one transaction.
pub async fn rekey(
    db: &Db,
    from: EventId,
    to: EventId,
    moves: &[(OccurrenceKey, OccurrenceKey)],
) -> DbResult<()> {
    if moves.is_empty() {
        return Ok(());
    }
    with_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for (old, new) in moves {
            for sql in [
                "UPDATE rsvps SET event_id = $3, occurrence_key = $4 WHERE event_id = $1 AND occurrence_key = $2",
                "UPDATE attendance SET event_id = $3, occurrence_key = $4 WHERE event_id = $1 AND occurrence_key = $2",
                "UPDATE occurrence_seats SET event_id = $3, occurrence_key = $4 WHERE event_id = $1 AND occurrence_key = $2",
                "UPDATE karaoke_queues SET event_id = $3, occurrence_key = $4 WHERE event_id = $1 AND occurrence_key = $2",
                "UPDATE karaoke_songs SET event_id = $3, occurrence_key = $4 WHERE event_id = $1 AND occurrence_key = $2",
                "UPDATE signup_slots SET event_id = $3, occurrence_key = $4 WHERE event_id = $1 AND occurrence_key = $2",
                "UPDATE signup_claims SET event_id = $3, occurrence_key = $4 WHERE event_id = $1 AND occurrence_key = $2",
            ] {
                sqlx::query(sql)
                    .bind(from.0)
                    .bind(old.0)
                    .bind(to.0)
                    .bind(new.0)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
    });
    Ok(())
}
