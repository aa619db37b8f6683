//! Personal feed tokens (only their SHA-256 is stored), feed preferences
//! and the last served version of each feed.

use chrono::{DateTime, Utc};

use super::{Db, DbResult, with_db};
use crate::domain::person::{PersonId, PersonStatus};

/// What a feed URL's token leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedToken {
    pub person_id: PersonId,
    pub facility_id: i64,
    pub person_status: PersonStatus,
    pub revoked_at: Option<DateTime<Utc>>,
    pub discharged_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct FeedTokenRow {
    person_id: i64,
    facility_id: i64,
    status: String,
    revoked_at: Option<DateTime<Utc>>,
    discharged_at: Option<DateTime<Utc>>,
}

/// A person's live feed link, for their page (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ActiveToken {
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Replaces the person's feed link: earlier ones are revoked (they answer
/// with an empty calendar for the grace period), in one transaction.
pub async fn replace_token(
    db: &Db,
    person: PersonId,
    token_hash: &str,
    created_by: PersonId,
    at: DateTime<Utc>,
) -> DbResult<()> {
    with_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE feed_tokens SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL",
        )
        .bind(person.0)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO feed_tokens (person_id, token_hash, created_by, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(person.0)
        .bind(token_hash)
        .bind(created_by.0)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    });
    Ok(())
}

/// Revokes the person's feed links; returns how many were live.
pub async fn revoke(db: &Db, person: PersonId, at: DateTime<Utc>) -> DbResult<u64> {
    let done = with_db!(db, pool => {
        sqlx::query(
            "UPDATE feed_tokens SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL",
        )
        .bind(person.0)
        .bind(at)
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(done)
}

/// The token with this hash, revoked or not.
pub async fn lookup(db: &Db, token_hash: &str) -> DbResult<Option<FeedToken>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, FeedTokenRow>(
            "SELECT t.person_id, p.facility_id, p.status, t.revoked_at, p.discharged_at \
             FROM feed_tokens t JOIN people p ON p.id = t.person_id \
             WHERE t.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.map(|row| FeedToken {
        person_id: PersonId(row.person_id),
        facility_id: row.facility_id,
        person_status: PersonStatus::parse(&row.status).unwrap_or(PersonStatus::Discharged),
        revoked_at: row.revoked_at,
        discharged_at: row.discharged_at,
    }))
}

/// Records that a live link was read (what the person page shows as its
/// last use); callers do this at most once a minute per link.
pub async fn record_use(db: &Db, token_hash: &str, at: DateTime<Utc>) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query(
            "UPDATE feed_tokens SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .bind(at)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Whether the token with this hash is `person`'s live link (without
/// recording a use).
pub async fn is_live(db: &Db, person: PersonId, token_hash: &str) -> DbResult<bool> {
    let found = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM feed_tokens \
             WHERE person_id = $1 AND token_hash = $2 AND revoked_at IS NULL",
        )
        .bind(person.0)
        .bind(token_hash)
        .fetch_one(pool)
        .await?
    });
    Ok(found > 0)
}

/// The person's live feed link, if any.
pub async fn active(db: &Db, person: PersonId) -> DbResult<Option<ActiveToken>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, ActiveToken>(
            "SELECT created_at, last_used_at FROM feed_tokens \
             WHERE person_id = $1 AND revoked_at IS NULL ORDER BY id DESC LIMIT 1",
        )
        .bind(person.0)
        .fetch_optional(pool)
        .await?
    });
    Ok(row)
}

/// How a person's own feed is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Preferences {
    pub discreet: bool,
    pub alarm_minutes: Option<u32>,
}

pub async fn preferences(db: &Db, person: PersonId) -> DbResult<Preferences> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, (bool, Option<i64>)>(
            "SELECT feed_discreet, feed_alarm_minutes FROM people WHERE id = $1",
        )
        .bind(person.0)
        .fetch_optional(pool)
        .await?
    });
    Ok(row
        .map(|(discreet, alarm)| Preferences {
            discreet,
            alarm_minutes: alarm.and_then(|m| u32::try_from(m).ok()),
        })
        .unwrap_or_default())
}

pub async fn set_preferences(db: &Db, person: PersonId, prefs: Preferences) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE people SET feed_discreet = $2, feed_alarm_minutes = $3 WHERE id = $1")
            .bind(person.0)
            .bind(prefs.discreet)
            .bind(prefs.alarm_minutes.map(i64::from))
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// What a feed was last served as.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Version {
    pub fingerprint: String,
    pub etag: String,
    pub modified_at: DateTime<Utc>,
}

/// The feed's last served version, if it was served before.
pub async fn version(db: &Db, feed: &str) -> DbResult<Option<Version>> {
    let row = with_db!(db, pool => {
        sqlx::query_as::<_, Version>(
            "SELECT fingerprint, etag, modified_at FROM feed_versions WHERE feed = $1",
        )
        .bind(feed)
        .fetch_optional(pool)
        .await?
    });
    Ok(row)
}

/// Records the version the feed was just served as.
pub async fn put_version(db: &Db, feed: &str, version: &Version) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query(
            "INSERT INTO feed_versions (feed, fingerprint, etag, modified_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (feed) DO UPDATE SET fingerprint = excluded.fingerprint, \
             etag = excluded.etag, modified_at = excluded.modified_at",
        )
        .bind(feed)
        .bind(&version.fingerprint)
        .bind(&version.etag)
        .bind(version.modified_at)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Counts, last changes and sequence sums: cheap numbers that change
/// whenever anything a feed is written from changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Tally {
    pub rows: i64,
    pub last: Option<DateTime<Utc>>,
    pub sequences: i64,
}

/// The facility's events and their changes to single dates.
pub async fn facility_tally(db: &Db, facility_id: i64) -> DbResult<(Tally, Tally)> {
    let tallies = with_db!(db, pool => {
        let events = sqlx::query_as::<_, Tally>(
            "SELECT COUNT(*) AS rows, MAX(updated_at) AS last, \
             CAST(COALESCE(SUM(sequence), 0) AS BIGINT) AS sequences \
             FROM events WHERE facility_id = $1",
        )
        .bind(facility_id)
        .fetch_one(pool)
        .await?;
        let changes = sqlx::query_as::<_, Tally>(
            "SELECT COUNT(*) AS rows, MAX(c.updated_at) AS last, \
             CAST(COALESCE(SUM(c.sequence), 0) AS BIGINT) AS sequences \
             FROM occurrence_changes c JOIN events e ON e.id = c.event_id \
             WHERE e.facility_id = $1",
        )
        .bind(facility_id)
        .fetch_one(pool)
        .await?;
        (events, changes)
    });
    Ok(tallies)
}

/// A person's RSVPs (their number, the last change, how many are "going").
pub async fn rsvp_tally(db: &Db, person: PersonId) -> DbResult<Tally> {
    let tally = with_db!(db, pool => {
        sqlx::query_as::<_, Tally>(
            "SELECT COUNT(*) AS rows, MAX(updated_at) AS last, \
             CAST(COALESCE(SUM(CASE WHEN state = 'going' THEN 1 ELSE 0 END), 0) AS BIGINT) AS sequences \
             FROM rsvps WHERE person_id = $1",
        )
        .bind(person.0)
        .fetch_one(pool)
        .await?
    });
    Ok(tally)
}

/// The change clock: moves whenever anything a feed or a calendar page is
/// made of changes (kept by triggers, see migration 0012).
pub async fn change_clock(db: &Db) -> DbResult<i64> {
    let version = with_db!(db, pool => {
        sqlx::query_scalar::<_, i64>("SELECT version FROM change_clock WHERE id = 1")
            .fetch_one(pool)
            .await?
    });
    Ok(version)
}
