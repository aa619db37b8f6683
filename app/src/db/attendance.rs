//! Attendance: how each person took part in an occurrence.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, DbResult, corrupt, now, with_db};
use crate::domain::event::EventId;
use crate::domain::occurrence::OccurrenceKey;
use crate::domain::person::PersonId;
use crate::domain::rsvp::Engagement;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub event_id: EventId,
    pub key: OccurrenceKey,
    pub person_id: PersonId,
    pub code: Engagement,
    pub recorded_by: Option<PersonId>,
    pub recorded_at: DateTime<Utc>,
}

#[derive(FromRow)]
struct Row {
    event_id: i64,
    occurrence_key: DateTime<Utc>,
    person_id: i64,
    code: String,
    recorded_by: Option<i64>,
    recorded_at: DateTime<Utc>,
}

impl TryFrom<Row> for Record {
    type Error = super::DbError;

    fn try_from(row: Row) -> Result<Self, Self::Error> {
        Ok(Record {
            event_id: EventId(row.event_id),
            key: OccurrenceKey(row.occurrence_key),
            person_id: PersonId(row.person_id),
            code: Engagement::parse(&row.code).map_err(|_| corrupt("engagement", &row.code))?,
            recorded_by: row.recorded_by.map(PersonId),
            recorded_at: row.recorded_at,
        })
    }
}

/// Records (or corrects) one person's attendance.
pub async fn record(
    db: &Db,
    event: EventId,
    key: OccurrenceKey,
    person: PersonId,
    code: Engagement,
    by: PersonId,
) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query(
            "INSERT INTO attendance (event_id, occurrence_key, person_id, code, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id, occurrence_key, person_id) \
             DO UPDATE SET code = excluded.code, recorded_by = excluded.recorded_by, \
             recorded_at = excluded.recorded_at",
        )
        .bind(event.0)
        .bind(key.0)
        .bind(person.0)
        .bind(code.as_str())
        .bind(by.0)
        .bind(now())
        .execute(pool)
        .await?;
    });
    Ok(())
}

pub async fn for_occurrence(db: &Db, event: EventId, key: OccurrenceKey) -> DbResult<Vec<Record>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, Row>(
            "SELECT event_id, occurrence_key, person_id, code, recorded_by, recorded_at FROM attendance \
             WHERE event_id = $1 AND occurrence_key = $2",
        )
        .bind(event.0)
        .bind(key.0)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(Record::try_from).collect()
}

pub async fn for_person(
    db: &Db,
    person: PersonId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> DbResult<Vec<Record>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, Row>(
            "SELECT event_id, occurrence_key, person_id, code, recorded_by, recorded_at FROM attendance \
             WHERE person_id = $1 AND occurrence_key >= $2 AND occurrence_key < $3 ORDER BY occurrence_key",
        )
        .bind(person.0)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(Record::try_from).collect()
}

/// One line of the participation report: a person, a kind of event, an
/// engagement code and how many times.
#[derive(Debug, Clone, PartialEq, Eq, FromRow, serde::Serialize, serde::Deserialize)]
pub struct ReportLine {
    pub person_id: i64,
    pub display_name: String,
    pub purged: bool,
    pub kind: String,
    pub code: String,
    pub count: i64,
}

/// Attendance of a facility's clients between two instants, by person,
/// kind and code.
pub async fn report(
    db: &Db,
    facility_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> DbResult<Vec<ReportLine>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, ReportLine>(
            "SELECT p.id AS person_id, p.display_name, (p.purged_at IS NOT NULL) AS purged, e.kind, \
                    a.code, COUNT(*) AS count \
             FROM attendance a JOIN people p ON p.id = a.person_id JOIN events e ON e.id = a.event_id \
             WHERE e.facility_id = $1 AND p.role = 'client' AND a.occurrence_key >= $2 AND a.occurrence_key < $3 \
             GROUP BY p.id, p.display_name, p.purged_at, e.kind, a.code \
             ORDER BY p.display_name, p.id, e.kind, a.code",
        )
        .bind(facility_id)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?
    });
    Ok(rows)
}
