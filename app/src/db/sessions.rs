//! Server-side sign-in sessions. Only the SHA-256 of a session's secret is
//! stored.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, DbResult, with_db};
use crate::domain::person::{Person, PersonId};
use crate::i18n::Lang;

/// A live session and its owner.
pub struct SessionRecord {
    pub person: Person,
    pub last_seen_at: DateTime<Utc>,
    /// The idle expiry: pushed forward by a person's requests.
    pub expires_at: DateTime<Utc>,
    /// The absolute end, however busy the session is.
    pub ends_at: DateTime<Utc>,
    /// The kiosk this session was opened on (with a PIN).
    pub kiosk_device: Option<i64>,
    /// A language chosen for this session only (the language switch).
    pub lang: Option<Lang>,
}

/// A new session: who, when it goes idle, when it ends regardless.
pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub person: PersonId,
    pub at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub kiosk_device: Option<i64>,
    pub user_agent: &'a str,
    pub lang: Option<Lang>,
}

pub async fn insert(db: &Db, new: &NewSession<'_>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query(
            "INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at, expires_at, \
             ends_at, kiosk_device_id, user_agent, lang) VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8)",
        )
        .bind(new.id_hash)
        .bind(new.person.0)
        .bind(new.at)
        .bind(new.expires_at.min(new.ends_at))
        .bind(new.ends_at)
        .bind(new.kiosk_device)
        .bind(new.user_agent)
        .bind(new.lang.map(Lang::code))
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// The unexpired session with this hash, if its owner may still sign in
/// (and, for a kiosk session, its tablet is neither revoked nor locked).
pub async fn find(db: &Db, id_hash: &str, at: DateTime<Utc>) -> DbResult<Option<SessionRecord>> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        person: super::people::PersonRow,
        last_seen_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        kiosk_device_id: Option<i64>,
        session_lang: Option<String>,
    }
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, Row>(concat!(
            "SELECT ", super::people::person_columns!(), ", s.last_seen_at, s.expires_at, \
                    s.ends_at, s.kiosk_device_id, s.lang AS session_lang \
             FROM sessions s JOIN people p ON p.id = s.person_id \
             LEFT JOIN kiosk_devices k ON k.id = s.kiosk_device_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2 AND s.ends_at > $2 \
               AND p.status = 'active' AND p.disabled_at IS NULL \
               AND (s.kiosk_device_id IS NULL OR (k.revoked_at IS NULL AND k.locked_at IS NULL))"
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
            ends_at: r.ends_at,
            kiosk_device: r.kiosk_device_id,
            lang: r.session_lang.as_deref().and_then(Lang::from_code),
        })
    })
    .transpose()
}

/// Records a person's activity and slides the idle expiry forward (never
/// past the session's end).
pub async fn touch(
    db: &Db,
    id_hash: &str,
    at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query(
            "UPDATE sessions SET last_seen_at = $2, \
             expires_at = CASE WHEN $3 < ends_at THEN $3 ELSE ends_at END WHERE id_hash = $1",
        )
        .bind(id_hash)
        .bind(at)
        .bind(expires_at)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Chooses (or with `None` forgets) a language for one session.
pub async fn set_lang(db: &Db, id_hash: &str, lang: Option<Lang>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE sessions SET lang = $2 WHERE id_hash = $1")
            .bind(id_hash)
            .bind(lang.map(Lang::code))
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
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR ends_at <= $1")
            .bind(at)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n)
}

/// Signs a person out everywhere. Returns how many sessions ended.
pub async fn delete_for_person(db: &Db, person: PersonId) -> DbResult<u64> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(person.0)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n)
}

/// Ends every session of a person but `keep`. Returns how many ended.
pub async fn delete_others(db: &Db, person: PersonId, keep: &str) -> DbResult<u64> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND id_hash <> $2")
            .bind(person.0)
            .bind(keep)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n)
}

/// Ends every session opened on a kiosk tablet (revoked or locked).
pub async fn delete_for_kiosk(db: &Db, kiosk: i64) -> DbResult<u64> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE kiosk_device_id = $1")
            .bind(kiosk)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n)
}

/// One of a person's sessions, as they see it on their sessions page.
#[derive(Debug, Clone, FromRow)]
pub struct SessionSummary {
    pub id_hash: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub user_agent: String,
    pub kiosk_device_id: Option<i64>,
}

/// A person's live sessions, most recently used first.
pub async fn list_for_person(
    db: &Db,
    person: PersonId,
    at: DateTime<Utc>,
) -> DbResult<Vec<SessionSummary>> {
    let rows = with_db!(db, pool => {
        sqlx::query_as::<_, SessionSummary>(
            "SELECT id_hash, created_at, last_seen_at, expires_at, ends_at, user_agent, \
                    kiosk_device_id \
             FROM sessions WHERE person_id = $1 AND expires_at > $2 AND ends_at > $2 \
             ORDER BY last_seen_at DESC, created_at DESC",
        )
        .bind(person.0)
        .bind(at)
        .fetch_all(pool)
        .await?
    });
    Ok(rows)
}

/// Ends one of a person's sessions, found by its hash. Returns whether it
/// was theirs and live.
pub async fn delete_owned(db: &Db, person: PersonId, id_hash: &str) -> DbResult<bool> {
    let n = with_db!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND id_hash = $2")
            .bind(person.0)
            .bind(id_hash)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(n > 0)
}

/// Keeps a secret to show again to this session until `until` (a feed link
/// just made).
pub async fn set_reveal(db: &Db, id_hash: &str, value: &str, until: DateTime<Utc>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE sessions SET reveal = $2, reveal_until = $3 WHERE id_hash = $1")
            .bind(id_hash)
            .bind(value)
            .bind(until)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Forgets every kept secret past its time (the sweep), so that no raw
/// feed link or temporary password stays in the database (or a backup)
/// longer than a sweep after it was shown.
pub async fn forget_reveals(db: &Db, at: DateTime<Utc>) -> DbResult<u64> {
    let n = with_db!(db, pool => {
        sqlx::query(
            "UPDATE sessions SET reveal = NULL, reveal_until = NULL \
             WHERE reveal IS NOT NULL AND reveal_until <= $1",
        )
        .bind(at)
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(n)
}

/// The secret kept for this session, if not yet past its time.
pub async fn reveal(db: &Db, id_hash: &str, at: DateTime<Utc>) -> DbResult<Option<String>> {
    let value = with_db!(db, pool => {
        sqlx::query_scalar::<_, Option<String>>(
            "SELECT reveal FROM sessions WHERE id_hash = $1 AND reveal_until > $2",
        )
        .bind(id_hash)
        .bind(at)
        .fetch_optional(pool)
        .await?
    });
    Ok(value.flatten())
}
