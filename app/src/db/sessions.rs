//! Server-side sign-in sessions and the record of failed sign-ins.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, DbResult, with_db};
use crate::domain::person::{Person, PersonId};

/// A live session and its owner.
pub struct SessionRecord {
    pub person: Person,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The kiosk this session was opened on (with a PIN).
    pub kiosk_device: Option<i64>,
}

pub async fn insert(
    db: &Db,
    id_hash: &str,
    person: PersonId,
    at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    kiosk_device: Option<i64>,
) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query(
            "INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at, expires_at, \
             kiosk_device_id) VALUES ($1, $2, $3, $3, $4, $5)",
        )
        .bind(id_hash)
        .bind(person.0)
        .bind(at)
        .bind(expires_at)
        .bind(kiosk_device)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// The unexpired session with this hash, if its owner may still sign in.
pub async fn find(db: &Db, id_hash: &str, at: DateTime<Utc>) -> DbResult<Option<SessionRecord>> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        person: super::people::PersonRow,
        last_seen_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        kiosk_device_id: Option<i64>,
    }
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, Row>(concat!(
            "SELECT ", super::people::person_columns!(), ", s.last_seen_at, s.expires_at, \
                    s.kiosk_device_id \
             FROM sessions s JOIN people p ON p.id = s.person_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2 AND p.status = 'active'"
        ))
        .bind(id_hash)
        .bind(at)
        .fetch_optional(pool)
        .await?
    });
    row.map(|r| {
        Ok(SessionRecord {
            person: r.person.try_into()?,
            last_seen_at: r.last_seen_at,
            expires_at: r.expires_at,
            kiosk_device: r.kiosk_device_id,
        })
    })
    .transpose()
}

/// Records activity and slides the idle expiry forward.
pub async fn touch(
    db: &Db,
    id_hash: &str,
    at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id_hash = $1")
            .bind(id_hash)
            .bind(at)
            .bind(expires_at)
            .execute(pool)
            .await?;
    });
    Ok(())
}

pub async fn delete(db: &Db, id_hash: &str) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(pool)
            .await?;
    });
    Ok(())
}

pub async fn delete_expired(db: &Db, at: DateTime<Utc>) -> DbResult<u64> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(at)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n)
}

/// Signs a person out everywhere.
pub async fn delete_for_person(db: &Db, person: PersonId) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(person.0)
            .execute(pool)
            .await?;
    });
    Ok(())
}
