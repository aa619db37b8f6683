//! Tablets enrolled as kiosks. The device keeps a secret cookie; only its
//! SHA-256 is stored.

use chrono::{DateTime, Duration, Utc};
use sqlx::FromRow;

use super::{Db, DbResult, now, with_db};
use crate::domain::person::PersonId;

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Kiosk {
    pub id: i64,
    pub facility_id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    /// Wrong PINs since the last right one.
    pub failed_pins: i64,
    /// Locked after too many wrong PINs, until staff unlock it.
    pub locked_at: Option<DateTime<Utc>>,
    /// The last PIN sign-in on it.
    pub last_seen_at: Option<DateTime<Utc>>,
}

/// The columns of [`Kiosk`].
macro_rules! columns {
    () => {
        "id, facility_id, name, created_at, failed_pins, locked_at, last_seen_at"
    };
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
            concat!(
                "INSERT INTO kiosk_devices (facility_id, name, token_hash, enrolled_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING ",
                columns!()
            ),
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
            concat!(
                "SELECT ",
                columns!(),
                " FROM kiosk_devices WHERE token_hash = $1 AND revoked_at IS NULL"
            ),
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
            concat!(
                "SELECT ",
                columns!(),
                " FROM kiosk_devices WHERE facility_id = $1 AND revoked_at IS NULL ORDER BY name, id"
            ),
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

/// Counts a wrong PIN on a tablet; at `limit` within `window` (counted
/// from the first wrong PIN of the window) the tablet locks. Returns
/// whether it is locked now.
pub async fn record_wrong_pin(
    db: &Db,
    id: i64,
    limit: i64,
    window: Duration,
    at: DateTime<Utc>,
) -> DbResult<bool> {
    let locked = with_db!(db, pool => {
        sqlx::query_scalar::<_, bool>(
            "UPDATE kiosk_devices SET \
             failed_pins = CASE WHEN failed_since IS NULL OR failed_since <= $4 THEN 1 \
                                ELSE failed_pins + 1 END, \
             failed_since = CASE WHEN failed_since IS NULL OR failed_since <= $4 THEN $3 \
                                 ELSE failed_since END, \
             locked_at = CASE WHEN locked_at IS NULL AND \
                                   (CASE WHEN failed_since IS NULL OR failed_since <= $4 THEN 1 \
                                         ELSE failed_pins + 1 END) >= $2 THEN $3 \
                              ELSE locked_at END \
             WHERE id = $1 RETURNING locked_at IS NOT NULL",
        )
        .bind(id)
        .bind(limit)
        .bind(at)
        .bind(at - window)
        .fetch_optional(pool)
        .await?
    });
    Ok(locked.unwrap_or(false))
}

/// A right PIN: the tablet was used. (The count of wrong PINs goes on:
/// only its window or staff unlocking the tablet start it over.)
pub async fn record_sign_in(db: &Db, id: i64, at: DateTime<Utc>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE kiosk_devices SET last_seen_at = $2 WHERE id = $1")
            .bind(id)
            .bind(at)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Staff unlock a locked tablet. Returns whether there was one to unlock.
pub async fn unlock(db: &Db, facility_id: i64, id: i64) -> DbResult<bool> {
    let n = with_db!(db, pool => {
        sqlx::query(
            "UPDATE kiosk_devices SET locked_at = NULL, failed_pins = 0, failed_since = NULL \
             WHERE facility_id = $1 AND id = $2 AND revoked_at IS NULL",
        )
        .bind(facility_id)
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(n > 0)
}
