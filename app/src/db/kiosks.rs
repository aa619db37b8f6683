//! Tablets enrolled as kiosks. The device keeps a secret cookie; only its
//! SHA-256 is stored.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, DbResult, now, with_db};
use crate::domain::person::PersonId;

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Kiosk {
    pub id: i64,
    pub facility_id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(
    db: &Db,
    facility_id: i64,
    name: &str,
    token_hash: &str,
    by: PersonId,
) -> DbResult<Kiosk> {
    let kiosk = with_db!(db, pool => {
        sqlx::query_as::<_, Kiosk>(
            "INSERT INTO kiosk_devices (facility_id, name, token_hash, enrolled_by, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id, facility_id, name, created_at",
        )
        .bind(facility_id)
        .bind(name)
        .bind(token_hash)
        .bind(by.0)
        .bind(now())
        .fetch_one(pool)
        .await?
    });
    Ok(kiosk)
}

/// The enrolled, unrevoked kiosk with this token hash.
pub async fn by_token(db: &Db, token_hash: &str) -> DbResult<Option<Kiosk>> {
    let kiosk = with_db!(db, pool => {
        sqlx::query_as::<_, Kiosk>(
            "SELECT id, facility_id, name, created_at FROM kiosk_devices \
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await?
    });
    Ok(kiosk)
}

pub async fn list(db: &Db, facility_id: i64) -> DbResult<Vec<Kiosk>> {
    let kiosks = with_db!(db, pool => {
        sqlx::query_as::<_, Kiosk>(
            "SELECT id, facility_id, name, created_at FROM kiosk_devices \
             WHERE facility_id = $1 AND revoked_at IS NULL ORDER BY name",
        )
        .bind(facility_id)
        .fetch_all(pool)
        .await?
    });
    Ok(kiosks)
}

pub async fn revoke(db: &Db, facility_id: i64, id: i64) -> DbResult<bool> {
    let n = with_db!(db, pool => {
        sqlx::query(
            "UPDATE kiosk_devices SET revoked_at = $3 WHERE facility_id = $1 AND id = $2 AND revoked_at IS NULL",
        )
        .bind(facility_id)
        .bind(id)
        .bind(now())
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(n > 0)
}
