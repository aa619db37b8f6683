//! Backups of a SQLite database: a consistent copy taken while Hearth
//! serves (`VACUUM INTO`, which reads one snapshot of the database), written
//! under a temporary name and renamed into place so that no half-written
//! file ever carries the final name; a check of a copy; a restore into an
//! empty place; and the rotating copies `serve --backup-dir` keeps.
//!
//! PostgreSQL databases are backed up with `pg_dump` (README, "Backups").

use std::path::{Path, PathBuf};
use std::time::Duration;

use app::db::{Backend, Db};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

/// What `verify` found in a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The newest migration the copy has.
    pub schema_version: i64,
    /// The newest migration this build knows.
    pub current_version: i64,
    pub facilities: i64,
    pub people: i64,
    pub events: i64,
}

fn partial_name(to: &Path) -> PathBuf {
    let name = to
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "hearth.db".to_owned());
    to.with_file_name(format!(".{name}.partial"))
}

/// Syncs a file's contents and its directory entry to disk.
fn sync(path: &Path) -> std::io::Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Writes a consistent copy of the database to `to` while it serves.
pub async fn write(db: &Db, to: &Path) -> Result<(), String> {
    let Db::Sqlite(pool) = db else {
        return Err(
            "hearth backup copies SQLite databases; back PostgreSQL up with pg_dump \
             (README, \"Backups\")"
                .to_owned(),
        );
    };
    if to.is_dir() {
        return Err(format!(
            "{}: is a folder; name the backup file",
            to.display()
        ));
    }
    let partial = partial_name(to);
    let _ = std::fs::remove_file(&partial);
    let target = partial.to_string_lossy().into_owned();
    sqlx::query("VACUUM INTO $1")
        .bind(&target)
        .execute(pool)
        .await
        .map_err(|e| format!("{}: {e}", to.display()))?;
    sync(&partial).map_err(|e| format!("{}: {e}", partial.display()))?;
    std::fs::rename(&partial, to).map_err(|e| format!("{}: {e}", to.display()))?;
    sync(to).map_err(|e| format!("{}: {e}", to.display()))?;
    Ok(())
}

/// Opens a copy read-only and checks it: SQLite's integrity check, a
/// schema this build can migrate, and a facility in it.
pub async fn verify(path: &Path) -> Result<Verified, String> {
    if !path.is_file() {
        return Err(format!("{}: no such file", path.display()));
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(|e| format!("{}: not a SQLite database ({e})", path.display()))?;
    let checked = async {
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await?;
        let schema_version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&pool)
                .await?;
        let count = |table: &'static str| {
            let pool = pool.clone();
            async move {
                sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                    "SELECT COUNT(*) FROM {table}"
                )))
                .fetch_one(&pool)
                .await
            }
        };
        Ok::<_, sqlx::Error>((
            integrity,
            schema_version.unwrap_or(0),
            count("facilities").await?,
            count("people").await?,
            count("events").await?,
        ))
    }
    .await;
    pool.close().await;
    let (integrity, schema_version, facilities, people, events) =
        checked.map_err(|e| format!("{}: not a Hearth backup ({e})", path.display()))?;
    if integrity != "ok" {
        return Err(format!("{}: damaged ({integrity})", path.display()));
    }
    let current_version = Db::latest_migration(Backend::Sqlite);
    if schema_version > current_version {
        return Err(format!(
            "{}: made by a newer Hearth (schema {schema_version}, this one knows {current_version})",
            path.display()
        ));
    }
    if facilities == 0 {
        return Err(format!("{}: holds no facility", path.display()));
    }
    Ok(Verified {
        schema_version,
        current_version,
        facilities,
        people,
        events,
    })
}

/// Restores a checked copy to the SQLite file `to`, which must not exist
/// yet (Hearth never overwrites a database), then brings its schema up to
/// date.
pub async fn restore(from: &Path, to: &Path) -> Result<Verified, String> {
    let verified = verify(from).await?;
    if to.exists() {
        return Err(format!(
            "{}: already exists; restore into an empty data directory or a new file",
            to.display()
        ));
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let partial = partial_name(to);
    std::fs::copy(from, &partial).map_err(|e| format!("{}: {e}", partial.display()))?;
    sync(&partial).map_err(|e| format!("{}: {e}", partial.display()))?;
    std::fs::rename(&partial, to).map_err(|e| format!("{}: {e}", to.display()))?;
    let db = Db::connect(&format!("sqlite://{}", to.display()))
        .await
        .map_err(|e| e.to_string())?;
    let migrated = db.migrate().await.map_err(|e| e.to_string());
    db.close().await;
    migrated?;
    Ok(verified)
}

/// The name of a rotating backup taken at `at`.
fn rotating_name(at: chrono::DateTime<chrono::Utc>) -> String {
    format!("hearth-{}.db", at.format("%Y%m%dT%H%M%SZ"))
}

/// Writes one rotating backup into `dir` and deletes the oldest beyond
/// `keep`. Returns the new file.
pub async fn rotate(db: &Db, dir: &Path, keep: usize) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let to = dir.join(rotating_name(chrono::Utc::now()));
    write(db, &to).await?;
    let taken = rotating_copies(dir);
    let excess = taken.len().saturating_sub(keep.max(1));
    for old in &taken[..excess] {
        std::fs::remove_file(old).map_err(|e| format!("{}: {e}", old.display()))?;
    }
    Ok(to)
}

/// `serve --backup-dir`: a backup every `every`, the newest `keep` kept.
/// The first comes when the newest copy already in `dir` is `every` old
/// (at once when there is none), so restarting Hearth (or a restart loop)
/// neither writes a copy each time nor pushes the good old ones out.
/// Half-written copies a stopped process left behind are removed.
pub async fn keep_rotating(db: Db, dir: PathBuf, every: Duration, keep: usize) {
    remove_partials(&dir);
    tokio::time::sleep(first_wait(&dir, every, std::time::SystemTime::now())).await;
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let rotated = rotate(&db, &dir, keep).await;
        crate::metrics::job_ran("backup", rotated.is_ok());
        match rotated {
            Ok(path) => tracing::info!(path = %path.display(), "backup written"),
            Err(error) => tracing::error!(%error, "backup failed"),
        }
    }
}

/// The rotating copies in `dir` (named `hearth-<time>.db`).
fn rotating_copies(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut taken: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("hearth-") && n.ends_with(".db"))
        })
        .collect();
    // The names sort by time.
    taken.sort();
    taken
}

/// How long until the next rotating copy is due: `every` after the newest
/// one in `dir` was written, at once when there is none.
fn first_wait(dir: &Path, every: Duration, now: std::time::SystemTime) -> Duration {
    rotating_copies(dir)
        .last()
        .and_then(|newest| std::fs::metadata(newest).ok()?.modified().ok())
        .and_then(|written| now.duration_since(written).ok())
        .map_or(Duration::ZERO, |age| every.saturating_sub(age))
}

/// Removes `.hearth-*.db.partial` files: copies a process stopped while
/// writing (never under a final name).
fn remove_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
        let partial = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(".hearth-") && n.ends_with(".partial"));
        if partial && std::fs::remove_file(&path).is_ok() {
            tracing::warn!(path = %path.display(), "removed a half-written backup");
        }
    }
}

/// Reads `30m`, `6h`, `1d` (or plain seconds).
pub fn parse_every(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: u64 = number
        .parse()
        .map_err(|_| format!("{text:?}: write a number with m, h or d, like 6h"))?;
    let seconds = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("{text:?}: write a number with m, h or d, like 6h")),
    };
    if seconds < 60 {
        return Err(format!("{text:?}: at least a minute between backups"));
    }
    Ok(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_read_as_people_write_them() {
        assert_eq!(parse_every("6h"), Ok(Duration::from_secs(6 * 3600)));
        assert_eq!(parse_every("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_every("1d"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_every("120"), Ok(Duration::from_secs(120)));
        assert!(parse_every("5s").is_err());
        assert!(parse_every("soon").is_err());
        assert!(parse_every("3w").is_err());
    }

    #[test]
    fn the_first_rotating_copy_waits_for_the_newest_to_age() {
        let dir = tempfile::tempdir().unwrap();
        let every = Duration::from_secs(3600);
        let now = std::time::SystemTime::now();
        assert_eq!(
            first_wait(dir.path(), every, now),
            Duration::ZERO,
            "none yet"
        );
        std::fs::write(dir.path().join("hearth-20260101T000000Z.db"), b"x").unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"x").unwrap();
        let written = std::fs::metadata(dir.path().join("hearth-20260101T000000Z.db"))
            .unwrap()
            .modified()
            .unwrap();
        let later = written + Duration::from_secs(600);
        assert_eq!(
            first_wait(dir.path(), every, later),
            Duration::from_secs(3000)
        );
        let much_later = written + Duration::from_secs(7200);
        assert_eq!(first_wait(dir.path(), every, much_later), Duration::ZERO);
    }

    #[test]
    fn half_written_copies_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let partial = dir.path().join(".hearth-20260101T000000Z.db.partial");
        let copy = dir.path().join("hearth-20260101T000000Z.db");
        let other = dir.path().join(".other.partial");
        for file in [&partial, &copy, &other] {
            std::fs::write(file, b"x").unwrap();
        }
        remove_partials(dir.path());
        assert!(!partial.exists());
        assert!(copy.exists() && other.exists());
    }

    #[test]
    fn rotating_names_sort_by_time() {
        let a = rotating_name(chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap());
        let b = rotating_name(chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap());
        assert!(a < b);
        assert_eq!(a, "hearth-20231114T221320Z.db");
    }
}
