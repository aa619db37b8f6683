//! The audit log: who looked at or exported rosters and reports, and when.
//! Entries name the viewer (staff) and the subject (an occurrence or a
//! report), never a client.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, DbResult, now, with_db};
use crate::domain::person::PersonId;

#[derive(Debug, Clone, PartialEq, Eq, FromRow, serde::Serialize, serde::Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub actor_id: Option<i64>,
    pub action: String,
    pub subject: String,
    pub at: DateTime<Utc>,
}

pub async fn record(
    db: &Db,
    facility_id: i64,
    actor: PersonId,
    action: &str,
    subject: &str,
) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("INSERT INTO audit_log (facility_id, actor_id, action, subject, at) VALUES ($1, $2, $3, $4, $5)")
            .bind(facility_id)
            .bind(actor.0)
            .bind(action)
            .bind(subject)
            .bind(now())
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// The newest entries first.
pub async fn recent(db: &Db, facility_id: i64, limit: i64) -> DbResult<Vec<AuditEntry>> {
    let entries = with_db!(db, pool => {
        sqlx::query_as::<_, AuditEntry>(
            "SELECT id, actor_id, action, subject, at FROM audit_log WHERE facility_id = $1 \
             ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(facility_id)
        .bind(limit)
        .fetch_all(pool)
        .await?
    });
    Ok(entries)
}
