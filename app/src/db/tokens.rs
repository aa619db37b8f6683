//! Personal API tokens. Only the SHA-256 of a token is stored.

use chrono::{DateTime, Utc};

use super::people::PersonRow;
use super::{Db, DbResult, with_db};
use crate::domain::person::{Person, PersonId};

pub async fn insert(
    db: &Db,
    person: PersonId,
    token_hash: &str,
    label: &str,
    at: DateTime<Utc>,
) -> DbResult<i64> {
    let id = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO api_tokens (person_id, token_hash, label, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(person.0)
        .bind(token_hash)
        .bind(label)
        .bind(at)
        .fetch_one(pool)
        .await?
    });
    Ok(id)
}

/// The owner of an unrevoked token, if they may still sign in. Records the
/// use, at most once a minute per token to keep reads cheap.
pub async fn authenticate(
    db: &Db,
    token_hash: &str,
    at: DateTime<Utc>,
) -> DbResult<Option<Person>> {
    let row = with_db!(db, pool => {
        let row = sqlx::query_as::<_, PersonRow>(concat!(
            "SELECT ", super::people::person_columns!(), " \
             FROM api_tokens t JOIN people p ON p.id = t.person_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND p.status = 'active' \
               AND p.disabled_at IS NULL"
        ))
        .bind(token_hash)
        .fetch_optional(pool)
        .await?;
        if row.is_some() {
            sqlx::query(
                "UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 \
                 AND (last_used_at IS NULL OR last_used_at < $3)",
            )
            .bind(token_hash)
            .bind(at)
            .bind(at - chrono::Duration::minutes(1))
            .execute(pool)
            .await?;
        }
        row
    });
    row.map(Person::try_from).transpose()
}

/// Revokes every token of a person (on discharge).
pub async fn revoke_all(db: &Db, person: PersonId, at: DateTime<Utc>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL")
            .bind(person.0)
            .bind(at)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// An API token as an administrator sees it (never the token itself).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenSummary {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Every API token of a facility, newest first.
pub async fn list(db: &Db, facility_id: i64) -> DbResult<Vec<TokenSummary>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, TokenSummary>(
            "SELECT t.id, t.person_id, p.display_name AS person_name, t.label, t.created_at, \
                    t.last_used_at, t.revoked_at \
             FROM api_tokens t JOIN people p ON p.id = t.person_id \
             WHERE p.facility_id = $1 ORDER BY t.created_at DESC, t.id DESC",
        )
        .bind(facility_id)
        .fetch_all(pool)
        .await?
    });
    Ok(rows)
}

/// Revokes one token of a facility. Returns whether it was live.
pub async fn revoke(db: &Db, facility_id: i64, id: i64, at: DateTime<Utc>) -> DbResult<bool> {
    let n = with_db!(db, pool => {
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $3 WHERE id = $2 AND revoked_at IS NULL \
             AND person_id IN (SELECT id FROM people WHERE facility_id = $1)",
        )
        .bind(facility_id)
        .bind(id)
        .bind(at)
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(n > 0)
}
