//! Event templates: a saved event form to start new events from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::{Db, DbResult, now, with_db};
use crate::domain::person::PersonId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromRow)]
pub struct TemplateRow {
    pub id: i64,
    pub name: String,
    /// The event form's fields as JSON.
    pub fields: String,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(
    db: &Db,
    facility_id: i64,
    name: &str,
    fields: &str,
    created_by: PersonId,
) -> DbResult<TemplateRow> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, TemplateRow>(
            "INSERT INTO event_templates (facility_id, name, fields, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id, name, fields, created_at",
        )
        .bind(facility_id)
        .bind(name)
        .bind(fields)
        .bind(created_by.0)
        .bind(now())
        .fetch_one(pool)
        .await?
    });
    Ok(row)
}

pub async fn list(db: &Db, facility_id: i64) -> DbResult<Vec<TemplateRow>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, TemplateRow>(
            "SELECT id, name, fields, created_at FROM event_templates \
             WHERE facility_id = $1 ORDER BY name",
        )
        .bind(facility_id)
        .fetch_all(pool)
        .await?
    });
    Ok(rows)
}

pub async fn get(db: &Db, facility_id: i64, id: i64) -> DbResult<Option<TemplateRow>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, TemplateRow>(
            "SELECT id, name, fields, created_at FROM event_templates \
             WHERE facility_id = $1 AND id = $2",
        )
        .bind(facility_id)
        .bind(id)
        .fetch_optional(pool)
        .await?
    });
    Ok(row)
}

pub async fn delete(db: &Db, facility_id: i64, id: i64) -> DbResult<bool> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM event_templates WHERE facility_id = $1 AND id = $2")
            .bind(facility_id)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n > 0)
}
