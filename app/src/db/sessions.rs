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

pub async fn record_login_failure(
    db: &Db,
    email: &str,
    address: &str,
    at: DateTime<Utc>,
) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("INSERT INTO login_failures (email, address, attempted_at) VALUES ($1, $2, $3)")
            .bind(email)
            .bind(address)
            .bind(at)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Failed sign-ins since `since`: for this account, and from this address.
/// Each count comes with its oldest attempt, which tells when the window
/// frees up again.
pub struct RecentFailures {
    pub for_email: (i64, Option<DateTime<Utc>>),
    pub from_address: (i64, Option<DateTime<Utc>>),
}

pub async fn recent_login_failures(
    db: &Db,
    email: &str,
    address: &str,
    since: DateTime<Utc>,
) -> DbResult<RecentFailures> {
    #[derive(FromRow)]
    struct Count {
        n: i64,
        oldest: Option<DateTime<Utc>>,
    }
    let (for_email, from_address) = with_db!(db, pool => {
        let for_email = sqlx::query_as::<_, Count>(
            "SELECT COUNT(*) AS n, MIN(attempted_at) AS oldest FROM login_failures \
             WHERE email = $1 AND attempted_at > $2",
        )
        .bind(email)
        .bind(since)
        .fetch_one(pool)
        .await?;
        let from_address = sqlx::query_as::<_, Count>(
            "SELECT COUNT(*) AS n, MIN(attempted_at) AS oldest FROM login_failures \
             WHERE address = $1 AND attempted_at > $2",
        )
        .bind(address)
        .bind(since)
        .fetch_one(pool)
        .await?;
        (for_email, from_address)
    });
    Ok(RecentFailures {
        for_email: (for_email.n, for_email.oldest),
        from_address: (from_address.n, from_address.oldest),
    })
}

pub async fn clear_login_failures(db: &Db, email: &str) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("DELETE FROM login_failures WHERE email = $1")
            .bind(email)
            .execute(pool)
            .await?;
    });
    Ok(())
}

pub async fn delete_login_failures_before(db: &Db, before: DateTime<Utc>) -> DbResult<u64> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM login_failures WHERE attempted_at <= $1")
            .bind(before)
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
