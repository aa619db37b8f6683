//! The only place SQL lives.
//!
//! [`Db`] is either a SQLite or a PostgreSQL pool. Queries are written once,
//! with `$1` placeholders that both backends accept, and run on whichever
//! pool is configured through [`with_db!`], which expands the same code for
//! each backend. Where the dialects differ, the backend's own arm says so.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub mod attendance;
pub mod audit;
pub mod devices;
pub mod events;
pub mod facilities;
pub mod feeds;
pub mod jobs;
pub mod karaoke;
pub mod kiosks;
pub mod panels;
pub mod people;
pub mod rsvps;
pub mod sessions;
pub mod signups;
pub mod templates;
pub mod throttle;
pub mod tokens;
pub mod transport;

/// Runs `$body` with `$pool` bound to the concrete pool of `$db`, once
/// compiled per backend.
macro_rules! with_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_db;

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database URL: {0}")]
    Url(String),
    #[error("could not connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A unique constraint was violated (the named constraint, if known).
    #[error("already exists")]
    Duplicate(Option<String>),
    #[error(transparent)]
    Query(sqlx::Error),
}

impl From<sqlx::Error> for DbError {
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db_err) = &err
            && db_err.is_unique_violation()
        {
            return DbError::Duplicate(db_err.constraint().map(str::to_owned));
        }
        DbError::Query(err)
    }
}

pub type DbResult<T> = Result<T, DbError>;

/// Which database engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`). SQLite files are
    /// created when missing and run in WAL mode with a busy timeout and
    /// foreign keys on.
    pub async fn connect(url: &str) -> DbResult<Db> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| DbError::Url(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Deleted and overwritten text is zeroed in the file, so a
                // purge leaves nothing to read back from free pages.
                .pragma("secure_delete", "on");
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .map_err(DbError::Connect)?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options =
                PgConnectOptions::from_str(url).map_err(|e| DbError::Url(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await
                .map_err(DbError::Connect)?;
            Ok(Db::Postgres(pool))
        } else {
            Err(DbError::Url(
                "expected a URL starting with sqlite: or postgres:".to_owned(),
            ))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations in `migrations/<backend>/` that have not run.
    pub async fn migrate(&self) -> DbResult<()> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await?,
            Db::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// The names of the migrations this build carries for `backend`.
    pub fn migration_names(backend: Backend) -> Vec<String> {
        let migrator = match backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("../migrations/postgres"),
        };
        migrator
            .iter()
            .map(|m| format!("{}_{}", m.version, m.description))
            .collect()
    }

    /// The version of the newest migration this build carries.
    pub fn latest_migration(backend: Backend) -> i64 {
        let migrator = match backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("../migrations/postgres"),
        };
        migrator.iter().map(|m| m.version).max().unwrap_or(0)
    }

    /// Connections open and idle in the pool, for `/metrics`.
    pub fn pool_use(&self) -> (u32, usize) {
        match self {
            Db::Sqlite(pool) => (pool.size(), pool.num_idle()),
            Db::Postgres(pool) => (pool.size(), pool.num_idle()),
        }
    }

    /// How long getting a connection from the pool takes right now (the
    /// pool's wait, as `/metrics` samples it).
    pub async fn acquire_wait(&self) -> DbResult<std::time::Duration> {
        let started = std::time::Instant::now();
        match self {
            Db::Sqlite(pool) => drop(pool.acquire().await?),
            Db::Postgres(pool) => drop(pool.acquire().await?),
        }
        Ok(started.elapsed())
    }

    /// Answers when the database answers a trivial query.
    pub async fn ping(&self) -> DbResult<()> {
        with_db!(self, pool => {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }

    pub async fn close(&self) {
        with_db!(self, pool => pool.close().await)
    }
}

/// Instants are stored with whole seconds, so stored text sorts in time
/// order on SQLite and values compare equal after a round trip.
pub fn at(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant.trunc_subsecs(0)
}

/// Now, as stored.
pub fn now() -> DateTime<Utc> {
    at(Utc::now())
}

/// A stored value that does not parse back into its domain type.
pub(crate) fn corrupt(what: &str, value: &str) -> DbError {
    DbError::Query(sqlx::Error::Decode(
        format!("unexpected {what} {value:?} in the database").into(),
    ))
}
