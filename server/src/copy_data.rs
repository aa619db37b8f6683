//! `hearth copy-data`: moves a whole facility from its SQLite file onto an
//! empty PostgreSQL database, in one transaction, keeping every id (so
//! links, feed URLs and ETags stay valid).
//!
//! Columns are read by the PostgreSQL type the target schema gives them
//! (both schemas come from the same migrations), so a column added by a
//! migration is copied without touching this file; a test checks that
//! [`TABLES`] and [`NOT_COPIED`] name every table.

use app::db::{Backend, Db};
use sqlx::{PgPool, Row, SqlitePool};

/// Every table, parents before children. Sessions come last and only when
/// asked for (without them everyone signs in again).
pub const TABLES: &[&str] = &[
    "facilities",
    "people",
    "kiosk_devices",
    "api_tokens",
    "events",
    "occurrence_changes",
    "event_templates",
    "occurrence_seats",
    "rsvps",
    "attendance",
    "audit_log",
    "feed_tokens",
    "feed_versions",
    "signup_slots",
    "signup_claims",
    "karaoke_queues",
    "karaoke_songs",
    "meeting_panels",
    "import_cancellations",
    "event_transport",
    "event_rules",
    "auth_throttle",
    "job_runs",
    "sign_in_devices",
    "sessions",
];

/// Tables each database keeps for itself: the change clock only says
/// "something changed" to the processes sharing that database.
pub const NOT_COPIED: &[&str] = &["change_clock"];

/// One table's count of copied rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub table: &'static str,
    pub rows: u64,
}

enum Value {
    Int(Option<i64>),
    Bool(Option<bool>),
    Text(Option<String>),
    Instant(Option<chrono::DateTime<chrono::Utc>>),
    Local(Option<chrono::NaiveDateTime>),
    Day(Option<chrono::NaiveDate>),
    Real(Option<f64>),
}

fn read(row: &sqlx::sqlite::SqliteRow, i: usize, pg_type: &str) -> Result<Value, sqlx::Error> {
    Ok(match pg_type {
        "bigint" | "integer" | "smallint" => Value::Int(row.try_get(i)?),
        "boolean" => Value::Bool(row.try_get(i)?),
        "timestamp with time zone" => Value::Instant(row.try_get(i)?),
        "timestamp without time zone" => Value::Local(row.try_get(i)?),
        "date" => Value::Day(row.try_get(i)?),
        "double precision" | "real" | "numeric" => Value::Real(row.try_get(i)?),
        _ => Value::Text(row.try_get(i)?),
    })
}

/// Checks, before anything is written to `to` (not even its migrations),
/// that the copy can go ahead: the SQLite database is at this Hearth's
/// schema and the PostgreSQL one is new (no tables) or an empty Hearth
/// database.
pub async fn check(from: &Db, to: &Db) -> Result<(), String> {
    let (Db::Sqlite(source), Db::Postgres(target)) = (from, to) else {
        return Err("copy-data copies from sqlite://… to postgres://…".to_owned());
    };
    check_source(source).await?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema()",
    )
    .fetch_all(target)
    .await
    .map_err(|e| format!("--to: {e}"))?;
    if tables.is_empty() {
        return Ok(());
    }
    if !tables.iter().any(|t| t == "_sqlx_migrations") {
        return Err(format!(
            "--to: holds tables that are not Hearth's ({}); copy into a new database",
            tables.join(", ")
        ));
    }
    check_target_empty(target, |table| tables.iter().any(|t| t == table)).await
}

async fn check_source(source: &sqlx::SqlitePool) -> Result<(), String> {
    let version: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(source)
        .await
        .map_err(|e| format!("--from: {e}"))?;
    if version != Some(Db::latest_migration(Backend::Sqlite)) {
        return Err("--from: the SQLite database is not at this Hearth's schema; run `hearth migrate` on it first".to_owned());
    }
    Ok(())
}

/// Every one of Hearth's tables (that `exists`) in `target` is empty.
async fn check_target_empty(
    target: &sqlx::PgPool,
    exists: impl Fn(&str) -> bool,
) -> Result<(), String> {
    for table in TABLES.iter().copied().filter(|t| exists(t)) {
        let rows: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(target)
                .await
                .map_err(|e| format!("--to: {e}"))?;
        if rows > 0 {
            return Err(format!(
                "--to: not empty ({table} has {rows} rows); copy into a new database"
            ));
        }
    }
    Ok(())
}

/// Copies everything from `from` (a migrated SQLite database) into `to` (a
/// migrated, empty PostgreSQL database). Nothing is written unless all of
/// it is.
pub async fn copy(from: &Db, to: &Db, with_sessions: bool) -> Result<Vec<Copied>, String> {
    let (Db::Sqlite(source), Db::Postgres(target)) = (from, to) else {
        return Err("copy-data copies from sqlite://… to postgres://…".to_owned());
    };
    check_source(source).await?;
    check_target_empty(target, |_| true).await?;
    let mut tx = target.begin().await.map_err(|e| format!("--to: {e}"))?;
    let mut copied = Vec::new();
    for table in TABLES.iter().copied() {
        if table == "sessions" && !with_sessions {
            continue;
        }
        let rows = copy_table(source, target, &mut tx, table)
            .await
            .map_err(|e| format!("{table}: {e}"))?;
        copied.push(Copied { table, rows });
    }
    tx.commit().await.map_err(|e| format!("--to: {e}"))?;
    Ok(copied)
}

async fn copy_table(
    source: &SqlitePool,
    target: &PgPool,
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    table: &'static str,
) -> Result<u64, sqlx::Error> {
    let columns: Vec<(String, String, bool)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text, is_identity = 'YES' FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(target)
    .await?;
    let names: Vec<&str> = columns.iter().map(|(n, _, _)| n.as_str()).collect();
    let list = names.join(", ");
    let placeholders: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (_, t, _))| {
            if t == "jsonb" || t == "json" {
                format!("${}::{t}", i + 1)
            } else {
                format!("${}", i + 1)
            }
        })
        .collect();
    let insert = format!(
        "INSERT INTO {table} ({list}) VALUES ({})",
        placeholders.join(", ")
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {list} FROM {table} ORDER BY rowid"
    )))
    .fetch_all(source)
    .await?;
    for row in &rows {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(insert.clone()));
        for (i, (_, pg_type, _)) in columns.iter().enumerate() {
            query = match read(row, i, pg_type)? {
                Value::Int(v) => query.bind(v),
                Value::Bool(v) => query.bind(v),
                Value::Text(v) => query.bind(v),
                Value::Instant(v) => query.bind(v),
                Value::Local(v) => query.bind(v),
                Value::Day(v) => query.bind(v),
                Value::Real(v) => query.bind(v),
            };
        }
        query.execute(&mut **tx).await?;
    }
    // New rows after the copy get ids after the copied ones.
    if let Some((id, _, _)) = columns.iter().find(|(_, _, identity)| *identity) {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT setval(pg_get_serial_sequence('{table}', '{id}'), COALESCE(MAX({id}), 0) + 1, false) FROM {table}"
        )))
        .execute(&mut **tx)
        .await?;
    }
    Ok(rows.len() as u64)
}
