//! Browsers a person signed in from with their password (device cookies,
//! `services::auth::sign_in`). Only the cookie's SHA-256 is stored.

use chrono::{DateTime, Utc};

use super::{Db, DbResult, with_db};
use crate::domain::person::PersonId;

/// Remembers a browser `person` signed in from.
pub async fn add(db: &Db, token_hash: &str, person: PersonId, at: DateTime<Utc>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query(
            "INSERT INTO sign_in_devices (token_hash, person_id, created_at, last_used_at) \
             VALUES ($1, $2, $3, $3) \
             ON CONFLICT (token_hash) DO UPDATE SET last_used_at = excluded.last_used_at",
        )
        .bind(token_hash)
        .bind(person.0)
        .bind(at)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// The person a browser's device cookie belongs to, if it is one of theirs
/// and was used since `since`.
pub async fn owner(db: &Db, token_hash: &str, since: DateTime<Utc>) -> DbResult<Option<PersonId>> {
    let id = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>(
            "SELECT person_id FROM sign_in_devices WHERE token_hash = $1 AND last_used_at > $2",
        )
        .bind(token_hash)
        .bind(since)
        .fetch_optional(pool)
        .await?
    });
    Ok(id.map(PersonId))
}

/// Forgets every browser of `person` (a reset password, a disabled
/// account, the purge).
pub async fn forget_person(db: &Db, person: PersonId) -> DbResult<u64> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM sign_in_devices WHERE person_id = $1")
            .bind(person.0)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n)
}

/// Forgets browsers not used to sign in since `before`.
pub async fn sweep(db: &Db, before: DateTime<Utc>) -> DbResult<u64> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM sign_in_devices WHERE last_used_at <= $1")
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n)
}
