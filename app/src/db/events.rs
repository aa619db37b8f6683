//! Events.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use sqlx::FromRow;

use chrono_tz::Tz;

use super::{Db, DbResult, corrupt, now, with_db};
use crate::domain::event::{
    Audience, Event, EventDraft, EventId, EventKind, EventStatus, Fellowship, PlacedSchedule,
    Schedule, TwelveStep, Venue,
};
use crate::domain::occurrence::{ChangeKind, Moved, OccurrenceChange, OccurrenceKey};
use crate::domain::person::PersonId;
use crate::domain::recurrence::parse_rrule;

#[derive(FromRow)]
struct EventRow {
    id: i64,
    facility_id: i64,
    kind: String,
    title: String,
    description: String,
    location: String,
    venue: String,
    timezone: String,
    all_day: bool,
    start_local: NaiveDateTime,
    end_local: NaiveDateTime,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    rrule: Option<String>,
    series_ends_at: Option<DateTime<Utc>>,
    audience: String,
    host_id: Option<i64>,
    capacity: Option<i64>,
    rsvp_closes_minutes: Option<i64>,
    fellowship: Option<String>,
    meeting_types: String,
    max_guests: i64,
    show_names: bool,
    status: String,
    sequence: i64,
    split_from_id: Option<i64>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

fn schedule_of(all_day: bool, start_local: NaiveDateTime, end_local: NaiveDateTime) -> Schedule {
    if all_day {
        Schedule::AllDay {
            first_day: start_local.date(),
            last_day: end_local.date() - Duration::days(1),
        }
    } else {
        Schedule::Timed {
            start: start_local,
            end: end_local,
        }
    }
}

impl TryFrom<EventRow> for Event {
    type Error = super::DbError;

    fn try_from(row: EventRow) -> Result<Self, Self::Error> {
        let schedule = schedule_of(row.all_day, row.start_local, row.end_local);
        let zone: Tz = row
            .timezone
            .parse()
            .map_err(|_| corrupt("time zone", &row.timezone))?;
        let rule = row
            .rrule
            .as_deref()
            .map(|text| {
                parse_rrule(text, schedule.local_start(), zone, row.all_day)
                    .map_err(|_| corrupt("rrule", text))
            })
            .transpose()?;
        let twelve_step = row
            .fellowship
            .as_deref()
            .map(|f| {
                let fellowship = Fellowship::parse(f).map_err(|_| corrupt("fellowship", f))?;
                let codes: Vec<String> = row
                    .meeting_types
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect();
                TwelveStep::new(fellowship, &codes)
                    .map_err(|_| corrupt("meeting types", &row.meeting_types))
            })
            .transpose()?;
        let count = |what: &str, n: Option<i64>| {
            n.map(|n| u32::try_from(n).map_err(|_| corrupt(what, &n.to_string())))
                .transpose()
        };
        Ok(Event {
            id: EventId(row.id),
            facility_id: row.facility_id,
            kind: EventKind::parse(&row.kind).map_err(|_| corrupt("event kind", &row.kind))?,
            title: row.title,
            description: row.description,
            location: row.location,
            venue: Venue::parse(&row.venue).map_err(|_| corrupt("venue", &row.venue))?,
            timezone: row.timezone,
            schedule,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            rule,
            series_ends_at: row.series_ends_at,
            audience: Audience::parse(&row.audience)
                .map_err(|_| corrupt("audience", &row.audience))?,
            host_id: row.host_id.map(PersonId),
            capacity: count("capacity", row.capacity)?,
            rsvp_closes_minutes: count("rsvp_closes_minutes", row.rsvp_closes_minutes)?,
            twelve_step,
            max_guests: u32::try_from(row.max_guests)
                .map_err(|_| corrupt("max_guests", &row.max_guests.to_string()))?,
            show_names: row.show_names,
            status: EventStatus::parse(&row.status)
                .ok_or_else(|| corrupt("event status", &row.status))?,
            sequence: row.sequence,
            split_from: row.split_from_id.map(EventId),
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

macro_rules! columns {
    () => {
        "id, facility_id, kind, title, description, location, venue, timezone, all_day, \
         start_local, end_local, starts_at, ends_at, rrule, series_ends_at, audience, host_id, \
         capacity, rsvp_closes_minutes, fellowship, meeting_types, max_guests, show_names, \
         status, sequence, split_from_id, created_at, updated_at"
    };
}

/// A draft placed in a zone: everything a row needs.
pub struct EventValues<'a> {
    pub draft: &'a EventDraft,
    pub timezone: &'a str,
    pub placed: &'a PlacedSchedule,
    /// The rule's RRULE text (UNTIL already in UTC).
    pub rrule: Option<String>,
    pub series_ends_at: Option<DateTime<Utc>>,
}

impl EventValues<'_> {
    fn meeting_types(&self) -> String {
        self.draft
            .twelve_step
            .as_ref()
            .map(|t| t.types.join(","))
            .unwrap_or_default()
    }

    fn fellowship(&self) -> Option<&'static str> {
        self.draft
            .twelve_step
            .as_ref()
            .map(|t| t.fellowship.as_str())
    }
}

/// Binds the 21 content columns shared by INSERT and UPDATE, from `$first`.
macro_rules! bind_values {
    ($query:expr, $values:expr) => {{
        let v = $values;
        let d = v.draft;
        $query
            .bind(d.kind.as_str())
            .bind(&d.title)
            .bind(&d.description)
            .bind(&d.location)
            .bind(d.venue.as_str())
            .bind(v.timezone)
            .bind(d.schedule.is_all_day())
            .bind(d.schedule.local_start())
            .bind(d.schedule.local_end())
            .bind(v.placed.starts_at)
            .bind(v.placed.ends_at)
            .bind(v.rrule.clone())
            .bind(v.series_ends_at)
            .bind(d.audience.as_str())
            .bind(d.host_id.map(|p| p.0))
            .bind(d.capacity.map(i64::from))
            .bind(d.rsvp_closes_minutes.map(i64::from))
            .bind(v.fellowship())
            .bind(v.meeting_types())
            .bind(i64::from(d.max_guests))
            .bind(d.show_names)
    }};
}

macro_rules! insert_sql {
    () => {
        concat!(
            "INSERT INTO events (facility_id, kind, title, description, location, venue, \
             timezone, all_day, start_local, end_local, starts_at, ends_at, rrule, series_ends_at, \
             audience, host_id, capacity, rsvp_closes_minutes, fellowship, meeting_types, \
             max_guests, show_names, status, sequence, created_by, split_from_id, created_at, \
             updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
             $18, $19, $20, $21, $22, 'scheduled', 0, $23, $24, $25, $25) RETURNING ",
            columns!()
        )
    };
}

macro_rules! update_sql {
    () => {
        concat!(
            "UPDATE events SET kind = $3, title = $4, description = $5, location = $6, \
             venue = $7, timezone = $8, all_day = $9, start_local = $10, end_local = $11, \
             starts_at = $12, ends_at = $13, rrule = $14, series_ends_at = $15, audience = $16, \
             host_id = $17, capacity = $18, rsvp_closes_minutes = $19, fellowship = $20, \
             meeting_types = $21, max_guests = $22, show_names = $23, sequence = sequence + 1, \
             updated_at = $24 \
             WHERE facility_id = $1 AND id = $2 RETURNING ",
            columns!()
        )
    };
}

macro_rules! put_change_sql {
    () => {
        "INSERT INTO occurrence_changes (event_id, original_start, change, all_day, \
         start_local, end_local, starts_at, ends_at, title, location, description, sequence, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12) \
         ON CONFLICT (event_id, original_start) DO UPDATE SET change = excluded.change, \
         all_day = excluded.all_day, start_local = excluded.start_local, \
         end_local = excluded.end_local, starts_at = excluded.starts_at, \
         ends_at = excluded.ends_at, title = excluded.title, location = excluded.location, \
         description = excluded.description, \
         sequence = occurrence_changes.sequence + 1, updated_at = excluded.updated_at"
    };
}

/// Binds a change's values to [`put_change_sql`].
macro_rules! bind_change {
    ($query:expr, $event:expr, $change:expr) => {{
        let change = $change;
        let moved = change.moved.as_ref();
        $query
            .bind($event.0)
            .bind(change.key.0)
            .bind(change.kind.as_str())
            .bind(moved.map(|m| m.schedule.is_all_day()))
            .bind(moved.map(|m| m.schedule.local_start()))
            .bind(moved.map(|m| m.schedule.local_end()))
            .bind(moved.map(|m| m.starts_at))
            .bind(moved.map(|m| m.ends_at))
            .bind(change.title.as_deref())
            .bind(change.location.as_deref())
            .bind(change.description.as_deref())
            .bind(now())
    }};
}

pub async fn insert(
    db: &Db,
    facility_id: i64,
    created_by: Option<PersonId>,
    split_from: Option<EventId>,
    values: &EventValues<'_>,
) -> DbResult<Event> {
    let at = now();
    let row = with_db!(db, pool => {
        let query = sqlx::query_as::<_, EventRow>(insert_sql!()).bind(facility_id);
        bind_values!(query, values)
            .bind(created_by.map(|p| p.0))
            .bind(split_from.map(|e| e.0))
            .bind(at)
            .fetch_one(pool)
            .await?
    });
    row.try_into()
}

pub async fn get(db: &Db, facility_id: i64, id: EventId) -> DbResult<Option<Event>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, EventRow>(concat!(
            "SELECT ", columns!(), " FROM events WHERE facility_id = $1 AND id = $2"
        ))
        .bind(facility_id)
        .bind(id.0)
        .fetch_optional(pool)
        .await?
    });
    row.map(Event::try_from).transpose()
}

/// An event of any facility (for jobs that act across facilities).
pub async fn get_any(db: &Db, id: EventId) -> DbResult<Option<Event>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, EventRow>(concat!("SELECT ", columns!(), " FROM events WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(pool)
            .await?
    });
    row.map(Event::try_from).transpose()
}

/// The event imported from an .ics file with this UID, if any.
pub async fn by_import_uid(db: &Db, facility_id: i64, uid: &str) -> DbResult<Option<Event>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, EventRow>(concat!(
            "SELECT ", columns!(), " FROM events WHERE facility_id = $1 AND import_uid = $2"
        ))
        .bind(facility_id)
        .bind(uid)
        .fetch_optional(pool)
        .await?
    });
    row.map(Event::try_from).transpose()
}

/// Records which .ics UID an event came from.
pub async fn set_import_uid(db: &Db, id: EventId, uid: &str) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE events SET import_uid = $2 WHERE id = $1")
            .bind(id.0)
            .bind(uid)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Events with an occurrence that may overlap `[from, to)`: one-offs that
/// overlap it, and series that started before `to` and end after `from`.
/// Earliest first, at most `limit`.
pub async fn in_window(
    db: &Db,
    facility_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: i64,
) -> DbResult<Vec<Event>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, EventRow>(concat!(
            "SELECT ", columns!(), " FROM events \
             WHERE facility_id = $1 AND starts_at < $3 \
               AND (series_ends_at IS NULL OR series_ends_at > $2) \
             ORDER BY starts_at, id LIMIT $4"
        ))
        .bind(facility_id)
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(Event::try_from).collect()
}

/// Replaces an event's content and bumps its sequence; with `changes`,
/// also replaces its changes to single occurrences (in one transaction).
pub async fn update(
    db: &Db,
    facility_id: i64,
    id: EventId,
    values: &EventValues<'_>,
    changes: Option<&[OccurrenceChange]>,
) -> DbResult<Option<Event>> {
    let row = with_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let query = sqlx::query_as::<_, EventRow>(update_sql!()).bind(facility_id).bind(id.0);
        let row = bind_values!(query, values).bind(now()).fetch_optional(&mut *tx).await?;
        if let (Some(_), Some(changes)) = (&row, changes) {
            sqlx::query("DELETE FROM occurrence_changes WHERE event_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            for change in changes {
                bind_change!(sqlx::query(put_change_sql!()), id, change)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        row
    });
    row.map(Event::try_from).transpose()
}

/// A series cut in two: what the first part becomes and keeps, and the
/// new event that continues it.
pub struct Split<'a> {
    pub before: EventValues<'a>,
    pub kept_changes: &'a [OccurrenceChange],
    pub after: EventValues<'a>,
    pub after_changes: &'a [OccurrenceChange],
    pub created_by: PersonId,
}

/// "This and following": ends the series `id` early, creates the rest as a
/// new event and hands it the changes that belong to it, in one
/// transaction. Returns the new event.
pub async fn split(db: &Db, facility_id: i64, id: EventId, split: &Split<'_>) -> DbResult<Event> {
    let Split {
        before,
        kept_changes,
        after,
        after_changes,
        created_by,
    } = split;
    let at = now();
    let row = with_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let query = sqlx::query_as::<_, EventRow>(update_sql!()).bind(facility_id).bind(id.0);
        bind_values!(query, before).bind(at).fetch_one(&mut *tx).await?;
        sqlx::query("DELETE FROM occurrence_changes WHERE event_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        for change in kept_changes.iter() {
            bind_change!(sqlx::query(put_change_sql!()), id, change)
                .execute(&mut *tx)
                .await?;
        }
        let query = sqlx::query_as::<_, EventRow>(insert_sql!()).bind(facility_id);
        let row = bind_values!(query, after)
            .bind(Some(created_by.0))
            .bind(Some(id.0))
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
        let new_id = EventId(row.id);
        for change in after_changes.iter() {
            bind_change!(sqlx::query(put_change_sql!()), new_id, change)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        row
    });
    row.try_into()
}

/// Marks a scheduled event cancelled (bumping its sequence); leaves an
/// already cancelled one as it is. `None` when there is no such event.
pub async fn cancel(db: &Db, facility_id: i64, id: EventId) -> DbResult<Option<Event>> {
    with_db!(db, pool => {
        sqlx::query(
            "UPDATE events SET status = 'cancelled', sequence = sequence + 1, updated_at = $3 \
             WHERE facility_id = $1 AND id = $2 AND status = 'scheduled'",
        )
        .bind(facility_id)
        .bind(id.0)
        .bind(now())
        .execute(pool)
        .await?;
    });
    get(db, facility_id, id).await
}

#[derive(FromRow)]
struct ChangeRow {
    event_id: i64,
    original_start: DateTime<Utc>,
    change: String,
    all_day: Option<bool>,
    start_local: Option<NaiveDateTime>,
    end_local: Option<NaiveDateTime>,
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
    title: Option<String>,
    location: Option<String>,
    description: Option<String>,
    sequence: i64,
    updated_at: DateTime<Utc>,
}

impl TryFrom<ChangeRow> for (EventId, OccurrenceChange) {
    type Error = super::DbError;

    fn try_from(row: ChangeRow) -> Result<Self, Self::Error> {
        let moved = match (
            row.all_day,
            row.start_local,
            row.end_local,
            row.starts_at,
            row.ends_at,
        ) {
            (Some(all_day), Some(start), Some(end), Some(starts_at), Some(ends_at)) => {
                Some(Moved {
                    schedule: schedule_of(all_day, start, end),
                    starts_at,
                    ends_at,
                })
            }
            _ => None,
        };
        Ok((
            EventId(row.event_id),
            OccurrenceChange {
                key: OccurrenceKey(row.original_start),
                kind: ChangeKind::parse(&row.change)
                    .ok_or_else(|| corrupt("change", &row.change))?,
                moved,
                title: row.title,
                location: row.location,
                description: row.description,
                sequence: row.sequence,
                updated_at: row.updated_at,
            },
        ))
    }
}

macro_rules! change_columns {
    () => {
        "c.event_id, c.original_start, c.change, c.all_day, c.start_local, c.end_local, \
         c.starts_at, c.ends_at, c.title, c.location, c.description, c.sequence, c.updated_at"
    };
}

/// The changes to single occurrences of the events [`in_window`] returns
/// for the same window.
pub async fn changes_in_window(
    db: &Db,
    facility_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> DbResult<Vec<(EventId, OccurrenceChange)>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, ChangeRow>(concat!(
            "SELECT ", change_columns!(), " FROM occurrence_changes c \
             JOIN events e ON e.id = c.event_id \
             WHERE e.facility_id = $1 AND e.starts_at < $3 \
               AND (e.series_ends_at IS NULL OR e.series_ends_at > $2) \
             ORDER BY c.event_id, c.original_start"
        ))
        .bind(facility_id)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(TryInto::try_into).collect()
}

/// The changes to single occurrences of one event.
pub async fn changes_of(db: &Db, event: EventId) -> DbResult<Vec<OccurrenceChange>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, ChangeRow>(concat!(
            "SELECT ", change_columns!(), " FROM occurrence_changes c \
             WHERE c.event_id = $1 ORDER BY c.original_start"
        ))
        .bind(event.0)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter()
        .map(|row| <(EventId, OccurrenceChange)>::try_from(row).map(|(_, change)| change))
        .collect()
}

/// Stores the change to the occurrence `change.key` of `event`, replacing
/// any earlier one and bumping its sequence.
pub async fn put_change(db: &Db, event: EventId, change: &OccurrenceChange) -> DbResult<()> {
    with_db!(db, pool => {
        bind_change!(sqlx::query(put_change_sql!()), event, change)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Forgets the change to one occurrence (it follows the series again).
pub async fn delete_change(db: &Db, event: EventId, key: OccurrenceKey) -> DbResult<bool> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM occurrence_changes WHERE event_id = $1 AND original_start = $2")
            .bind(event.0)
            .bind(key.0)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n > 0)
}

/// Puts a cancelled event back on the calendar (bumping its sequence).
pub async fn restore(db: &Db, facility_id: i64, id: EventId) -> DbResult<Option<Event>> {
    with_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE events SET status = 'scheduled', sequence = sequence + 1, updated_at = $3 \
             WHERE facility_id = $1 AND id = $2 AND status = 'cancelled'",
        )
        .bind(facility_id)
        .bind(id.0)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM import_cancellations WHERE event_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    });
    get(db, facility_id, id).await
}

/// Cancels an event an import no longer finds, remembering that the import
/// did it (so the import may restore it). `None` when there is no such
/// event; an already cancelled one is left as it is.
pub async fn cancel_by_import(db: &Db, facility_id: i64, id: EventId) -> DbResult<Option<Event>> {
    with_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let done = sqlx::query(
            "UPDATE events SET status = 'cancelled', sequence = sequence + 1, updated_at = $3 \
             WHERE facility_id = $1 AND id = $2 AND status = 'scheduled'",
        )
        .bind(facility_id)
        .bind(id.0)
        .bind(now())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done > 0 {
            sqlx::query(
                "INSERT INTO import_cancellations (event_id, cancelled_at) VALUES ($1, $2) \
                 ON CONFLICT (event_id) DO NOTHING",
            )
            .bind(id.0)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    });
    get(db, facility_id, id).await
}

/// Whether an import (rather than staff) cancelled this event.
pub async fn cancelled_by_import(db: &Db, id: EventId) -> DbResult<bool> {
    let found = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>("SELECT event_id FROM import_cancellations WHERE event_id = $1")
            .bind(id.0)
            .fetch_optional(pool)
            .await?
    });
    Ok(found.is_some())
}

/// The events imported under a UID prefix (one Meeting Guide scope), with
/// their UIDs, in id order.
pub async fn import_uids_with_prefix(
    db: &Db,
    facility_id: i64,
    prefix: &str,
) -> DbResult<Vec<(EventId, String)>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, (i64, String)>(
            "SELECT id, import_uid FROM events WHERE facility_id = $1 \
             AND import_uid IS NOT NULL AND substr(import_uid, 1, length($2)) = $2 ORDER BY id",
        )
        .bind(facility_id)
        .bind(prefix)
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, uid)| (EventId(id), uid))
        .collect())
}
