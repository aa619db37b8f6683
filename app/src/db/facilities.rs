//! Facilities: one deployment can hold several, each with its own name and
//! IANA time zone.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Db, DbResult, now, with_db};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Facility {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub timezone: String,
    /// The "today" board may be shown without signing in.
    pub public_board: bool,
    /// Days after discharge until a client's identifying data is removed.
    pub retention_days: i64,
    /// Seconds of inactivity after which a kiosk signs its client out.
    pub kiosk_idle_seconds: i64,
    /// The facility feeds (`/calendar.ics`, per kind) are served.
    pub public_feeds: bool,
    /// 12-step meetings appear in the facility feeds.
    pub public_feeds_twelve_step: bool,
    /// The language of the facility feeds, printouts, and of anyone whose
    /// browser names none Hearth speaks.
    #[sqlx(try_from = "String")]
    pub default_lang: crate::i18n::Lang,
    /// How the facility writes times of day (`12h`, `24h`).
    #[sqlx(try_from = "String")]
    pub clock: crate::i18n::Clock,
    /// The day its weeks start on (`sunday`, `monday`, `saturday`).
    #[sqlx(try_from = "String")]
    pub first_day: crate::domain::calendar::FirstDay,
    pub created_at: DateTime<Utc>,
}

macro_rules! columns {
    () => {
        "id, slug, name, timezone, public_board, retention_days, kiosk_idle_seconds, \
         public_feeds, public_feeds_twelve_step, default_lang, clock, first_day, created_at"
    };
}

pub async fn first(db: &Db) -> DbResult<Option<Facility>> {
    let facility = with_db!(db, pool => {
        sqlx::query_as::<_, Facility>(
            concat!("SELECT ", columns!(), " FROM facilities ORDER BY id LIMIT 1"),
        )
        .fetch_optional(pool)
        .await?
    });
    Ok(facility)
}

pub async fn get(db: &Db, id: i64) -> DbResult<Option<Facility>> {
    let facility = with_db!(db, pool => {
        sqlx::query_as::<_, Facility>(
            concat!("SELECT ", columns!(), " FROM facilities WHERE id = $1"),
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
    });
    Ok(facility)
}

pub async fn insert(db: &Db, slug: &str, name: &str, timezone: &str) -> DbResult<Facility> {
    let facility = with_db!(db, pool => {
        sqlx::query_as::<_, Facility>(
            concat!(
                "INSERT INTO facilities (slug, name, timezone, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING ",
                columns!()
            ),
        )
        .bind(slug)
        .bind(name)
        .bind(timezone)
        .bind(now())
        .fetch_one(pool)
        .await?
    });
    Ok(facility)
}

pub async fn update(db: &Db, id: i64, name: &str, timezone: &str) -> DbResult<Option<Facility>> {
    let facility = with_db!(db, pool => {
        sqlx::query_as::<_, Facility>(
            concat!(
                "UPDATE facilities SET name = $2, timezone = $3 WHERE id = $1 RETURNING ",
                columns!()
            ),
        )
        .bind(id)
        .bind(name)
        .bind(timezone)
        .fetch_optional(pool)
        .await?
    });
    Ok(facility)
}

pub async fn set_public_board(db: &Db, id: i64, public: bool) -> DbResult<Option<Facility>> {
    let facility = with_db!(db, pool => {
        sqlx::query_as::<_, Facility>(concat!(
            "UPDATE facilities SET public_board = $2 WHERE id = $1 RETURNING ",
            columns!()
        ))
        .bind(id)
        .bind(public)
        .fetch_optional(pool)
        .await?
    });
    Ok(facility)
}

/// Turns the facility feeds on or off, and 12-step meetings in them.
pub async fn set_public_feeds(
    db: &Db,
    id: i64,
    public_feeds: bool,
    twelve_step: bool,
) -> DbResult<Option<Facility>> {
    let facility = with_db!(db, pool => {
        sqlx::query_as::<_, Facility>(concat!(
            "UPDATE facilities SET public_feeds = $2, public_feeds_twelve_step = $3 \
             WHERE id = $1 RETURNING ",
            columns!()
        ))
        .bind(id)
        .bind(public_feeds)
        .bind(twelve_step)
        .fetch_optional(pool)
        .await?
    });
    Ok(facility)
}

/// Changes the retention window, the kiosk idle time and the facility's
/// language.
pub async fn set_policies(
    db: &Db,
    id: i64,
    retention_days: i64,
    kiosk_idle_seconds: i64,
    default_lang: crate::i18n::Lang,
) -> DbResult<Option<Facility>> {
    let facility = with_db!(db, pool => {
        sqlx::query_as::<_, Facility>(concat!(
            "UPDATE facilities SET retention_days = $2, kiosk_idle_seconds = $3, default_lang = $4 \
             WHERE id = $1 RETURNING ",
            columns!()
        ))
        .bind(id)
        .bind(retention_days)
        .bind(kiosk_idle_seconds)
        .bind(default_lang.code())
        .fetch_optional(pool)
        .await?
    });
    Ok(facility)
}

/// Changes how the facility writes times and which day its weeks start on.
pub async fn set_calendar_style(
    db: &Db,
    id: i64,
    clock: crate::i18n::Clock,
    first_day: crate::domain::calendar::FirstDay,
) -> DbResult<Option<Facility>> {
    let facility = with_db!(db, pool => {
        sqlx::query_as::<_, Facility>(concat!(
            "UPDATE facilities SET clock = $2, first_day = $3 WHERE id = $1 RETURNING ",
            columns!()
        ))
        .bind(id)
        .bind(clock.as_str())
        .bind(first_day.as_str())
        .fetch_optional(pool)
        .await?
    });
    Ok(facility)
}

/// Every facility (for the daily jobs).
pub async fn all(db: &Db) -> DbResult<Vec<Facility>> {
    let facilities = with_db!(db, pool => {
        sqlx::query_as::<_, Facility>(concat!("SELECT ", columns!(), " FROM facilities ORDER BY id"))
            .fetch_all(pool)
            .await?
    });
    Ok(facilities)
}
