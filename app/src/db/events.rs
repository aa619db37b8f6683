//! Events.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use sqlx::FromRow;

use super::{Db, DbResult, corrupt, now, with_db};
use crate::domain::event::{
    Event, EventDraft, EventId, EventKind, EventStatus, PlacedSchedule, Schedule,
};
use crate::domain::person::PersonId;

#[derive(FromRow)]
struct EventRow {
    id: i64,
    facility_id: i64,
    kind: String,
    title: String,
    description: String,
    location: String,
    timezone: String,
    all_day: bool,
    start_local: NaiveDateTime,
    end_local: NaiveDateTime,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    status: String,
    sequence: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<EventRow> for Event {
    type Error = super::DbError;

    fn try_from(row: EventRow) -> Result<Self, Self::Error> {
        let schedule = if row.all_day {
            Schedule::AllDay {
                first_day: row.start_local.date(),
                last_day: row.end_local.date() - Duration::days(1),
            }
        } else {
            Schedule::Timed {
                start: row.start_local,
                end: row.end_local,
            }
        };
        Ok(Event {
            id: EventId(row.id),
            facility_id: row.facility_id,
            kind: EventKind::parse(&row.kind).map_err(|_| corrupt("event kind", &row.kind))?,
            title: row.title,
            description: row.description,
            location: row.location,
            timezone: row.timezone,
            schedule,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            status: EventStatus::parse(&row.status)
                .ok_or_else(|| corrupt("event status", &row.status))?,
            sequence: row.sequence,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

macro_rules! columns {
    () => {
        "id, facility_id, kind, title, description, location, timezone, all_day, \
         start_local, end_local, starts_at, ends_at, status, sequence, created_at, updated_at"
    };
}

/// A draft placed in a zone: everything a row needs.
pub struct EventValues<'a> {
    pub draft: &'a EventDraft,
    pub timezone: &'a str,
    pub placed: &'a PlacedSchedule,
}

pub async fn insert(
    db: &Db,
    facility_id: i64,
    created_by: Option<PersonId>,
    values: &EventValues<'_>,
) -> DbResult<Event> {
    let at = now();
    let draft = values.draft;
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, EventRow>(concat!(
            "INSERT INTO events (facility_id, kind, title, description, location, timezone, \
             all_day, start_local, end_local, starts_at, ends_at, status, sequence, created_by, \
             created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'scheduled', 0, $12, $13, $13) \
             RETURNING ",
            columns!()
        ))
        .bind(facility_id)
        .bind(draft.kind.as_str())
        .bind(&draft.title)
        .bind(&draft.description)
        .bind(&draft.location)
        .bind(values.timezone)
        .bind(draft.schedule.is_all_day())
        .bind(draft.schedule.local_start())
        .bind(draft.schedule.local_end())
        .bind(values.placed.starts_at)
        .bind(values.placed.ends_at)
        .bind(created_by.map(|p| p.0))
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

/// Events overlapping `[from, to)`, earliest first, at most `limit`.
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
             WHERE facility_id = $1 AND starts_at < $3 AND ends_at > $2 \
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

/// Replaces an event's content and bumps its sequence.
pub async fn update(
    db: &Db,
    facility_id: i64,
    id: EventId,
    values: &EventValues<'_>,
) -> DbResult<Option<Event>> {
    let draft = values.draft;
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, EventRow>(concat!(
            "UPDATE events SET kind = $3, title = $4, description = $5, location = $6, \
             timezone = $7, all_day = $8, start_local = $9, end_local = $10, starts_at = $11, \
             ends_at = $12, sequence = sequence + 1, updated_at = $13 \
             WHERE facility_id = $1 AND id = $2 RETURNING ",
            columns!()
        ))
        .bind(facility_id)
        .bind(id.0)
        .bind(draft.kind.as_str())
        .bind(&draft.title)
        .bind(&draft.description)
        .bind(&draft.location)
        .bind(values.timezone)
        .bind(draft.schedule.is_all_day())
        .bind(draft.schedule.local_start())
        .bind(draft.schedule.local_end())
        .bind(values.placed.starts_at)
        .bind(values.placed.ends_at)
        .bind(now())
        .fetch_optional(pool)
        .await?
    });
    row.map(Event::try_from).transpose()
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
