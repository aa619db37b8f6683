//! The change clock: one database row that triggers move on every write
//! to what calendars and feeds are made of (facilities, people, events,
//! single-date changes, RSVPs, feed links; migration 0012).
//!
//! Because triggers move it, a change made by any process, the CLI, the
//! stay job or a hand-written SQL statement is seen. A request that reads
//! the clock and finds it where it was may use what it kept in memory
//! ([`Kept`], the feeds in `feed_cache`): nothing it was made of changed.
//!
//! On SQLite the clock is read in place, on the request's own thread,
//! through a connection kept for nothing else ([`Direct`]): one indexed
//! row in WAL mode takes microseconds, where a query through the pool
//! hands the request to a connection's worker thread and back (two
//! context switches, the larger part of a feed request's time).
//!
//! Even that read takes locks in the kernel (two `fcntl` calls on the WAL
//! index), the larger part of a feed's `304`. So the direct read first
//! looks at the WAL file (one `fstat`): every commit, by any connection of
//! any process, writes its pages there, moving the file's size or time.
//! If the file is as it was at the last read, which is less than
//! [`STILL_FOR`] ago, and its time was then already [`SETTLED`] in the
//! past, nothing can have been committed since and that read's value is
//! the answer. The margin covers the coarse file clock (a write in the
//! same tick as the last one leaves the time alone) and a commit whose
//! pages were written just before the last read but which became visible
//! just after it; the bound on age keeps even a writer stalled between
//! the two (longer than the margin) from hiding its commit for longer.
//! After any write, reads go to the database until the file has been
//! still for the margin.
//!
//! On PostgreSQL (and on SQLite if the direct read fails) concurrent
//! requests share one read ([`ChangeClock::read`]): a request waits for a
//! read that *started after it arrived* (so it sees every write
//! acknowledged before it came), and every request arriving during a read
//! shares the next one, which starts as soon as the current one ends.
//! Under load one query answers a whole round of requests.

use std::collections::HashMap;
use std::hash::Hash;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::watch;

use crate::db::{self, Db};
use crate::error::AppError;

/// Reads the change clock for many requests at once.
#[derive(Debug)]
pub struct ChangeClock {
    rounds: Mutex<Rounds>,
    readings: watch::Sender<Reading>,
    direct: Option<Direct>,
}

/// SQLite connections of the clock's own, read on the caller's thread: one
/// per core and one more, so that requests on different threads rarely
/// wait for each other (a waiting thread sleeps in the kernel); and the
/// WAL file, looked at before them.
struct Direct {
    connections: Vec<Mutex<rusqlite::Connection>>,
    wal: Option<std::fs::File>,
    /// The last read whose WAL file had settled.
    still: RwLock<Option<Still>>,
    /// Reads that went to the database (for tests).
    reads: AtomicU64,
}

/// How long a WAL file's time must lie in the past before a read may be
/// answered again without the database.
pub const SETTLED: Duration = Duration::from_secs(1);

/// How long a read answers for a WAL file that has not changed.
pub const STILL_FOR: Duration = Duration::from_secs(1);

/// What an `fstat` of the WAL file shows of writes to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WalStamp {
    inode: u64,
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
}

impl WalStamp {
    fn of(file: &std::fs::File) -> Option<WalStamp> {
        let meta = file.metadata().ok()?;
        // A WAL file deleted under us (every connection closed) no longer
        // shows writes.
        (meta.nlink() > 0).then(|| WalStamp {
            inode: meta.ino(),
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
        })
    }

    /// Whether the file was last written at least [`SETTLED`] before
    /// `now` (so that a write after `now` must move its time).
    fn settled_at(&self, now: SystemTime) -> bool {
        let (secs, nanos) = self.modified;
        let modified = u64::try_from(secs)
            .ok()
            .zip(u32::try_from(nanos).ok())
            .map(|(secs, nanos)| Duration::new(secs, nanos));
        now.duration_since(SystemTime::UNIX_EPOCH)
            .ok()
            .and_then(|now| now.checked_sub(SETTLED))
            .zip(modified)
            .is_some_and(|(edge, modified)| modified < edge)
    }
}

#[derive(Debug, Clone, Copy)]
struct Still {
    stamp: WalStamp,
    at: Instant,
    value: i64,
}

impl std::fmt::Debug for Direct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Direct")
    }
}

const CLOCK_SQL: &str = "SELECT version FROM change_clock WHERE id = 1";

impl Direct {
    /// Connections to the SQLite file at `path` (none for an in-memory
    /// database, which another connection cannot open).
    fn open(path: &Path) -> Option<Direct> {
        if !path.is_file() {
            return None;
        }
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = || {
            rusqlite::Connection::open_with_flags(path, flags).and_then(|connection| {
                // A reader in WAL mode waits only while the file is
                // recovered or its WAL reset; past this, the shared read
                // answers.
                connection.busy_timeout(Duration::from_millis(20))?;
                connection.query_row(CLOCK_SQL, [], |row| row.get::<_, i64>(0))?;
                Ok(Mutex::new(connection))
            })
        };
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        match (0..=cores.min(8)).map(|_| open()).collect() {
            Ok(connections) => Some(Direct {
                connections,
                // None when the database is not in WAL mode: then every
                // read goes to the database.
                wal: std::fs::File::open(wal).ok(),
                still: RwLock::new(None),
                reads: AtomicU64::new(0),
            }),
            Err(error) => {
                tracing::warn!(%error, "the change clock is read through the pool");
                None
            }
        }
    }

    fn read(&self) -> Option<i64> {
        let now = SystemTime::now();
        let at = Instant::now();
        let stamp = self.wal.as_ref().and_then(WalStamp::of);
        if let Some(stamp) = stamp {
            let still = *self.still.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(still) = still
                && still.stamp == stamp
                && at.duration_since(still.at) < STILL_FOR
            {
                return Some(still.value);
            }
        }
        self.reads.fetch_add(1, Ordering::Relaxed);
        let connection = self
            .connections
            .iter()
            .find_map(|connection| connection.try_lock().ok())
            .unwrap_or_else(|| {
                self.connections[0]
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
            });
        let read = connection
            .prepare_cached(CLOCK_SQL)
            .and_then(|mut statement| statement.query_row([], |row| row.get::<_, i64>(0)));
        drop(connection);
        match read {
            Ok(value) => {
                // Read after the stamp was taken: as new as the file then.
                if let Some(stamp) = stamp.filter(|stamp| stamp.settled_at(now)) {
                    *self.still.write().unwrap_or_else(PoisonError::into_inner) =
                        Some(Still { stamp, at, value });
                }
                Some(value)
            }
            Err(error) => {
                tracing::debug!(%error, "the change clock's direct read failed");
                None
            }
        }
    }
}

#[derive(Debug, Default)]
struct Rounds {
    /// Reads started so far; the one under way (if any) is number `started`.
    started: u64,
    running: bool,
    /// Someone arrived during the read under way.
    again: bool,
}

#[derive(Debug, Clone, Copy)]
struct Reading {
    round: u64,
    value: Option<i64>,
}

impl Default for ChangeClock {
    fn default() -> Self {
        ChangeClock {
            rounds: Mutex::new(Rounds::default()),
            readings: watch::Sender::new(Reading {
                round: 0,
                value: None,
            }),
            direct: None,
        }
    }
}

impl ChangeClock {
    /// The clock of `db`: read in place when `db` is a SQLite file, else
    /// by shared reads through the pool.
    pub fn for_db(db: &Db) -> Self {
        let direct = match db {
            Db::Sqlite(pool) => Direct::open(pool.connect_options().get_filename()),
            Db::Postgres(_) => None,
        };
        ChangeClock {
            direct,
            ..ChangeClock::default()
        }
    }

    /// Whether the clock is read in place (SQLite files).
    pub fn reads_in_place(&self) -> bool {
        self.direct.is_some()
    }

    /// The clock as of a moment after this call began.
    pub async fn read(self: &Arc<Self>, db: &Db) -> Result<i64, AppError> {
        if let Some(value) = self.direct.as_ref().and_then(Direct::read) {
            return Ok(value);
        }
        self.shared_read(db).await
    }

    /// A read shared with every request that arrives while it waits.
    async fn shared_read(self: &Arc<Self>, db: &Db) -> Result<i64, AppError> {
        let mut readings = self.readings.subscribe();
        let needed = {
            let mut rounds = self.rounds.lock().unwrap_or_else(PoisonError::into_inner);
            if rounds.running {
                rounds.again = true;
                rounds.started + 1
            } else {
                rounds.running = true;
                rounds.started += 1;
                let reader = self.clone();
                let db = db.clone();
                tokio::spawn(async move { reader.run(db).await });
                rounds.started
            }
        };
        let reading = *readings
            .wait_for(|r| r.round >= needed)
            .await
            .map_err(|_| AppError::Internal)?;
        reading.value.ok_or(AppError::Internal)
    }

    /// Reads until nobody is waiting any more.
    async fn run(&self, db: Db) {
        loop {
            let value = match db::feeds::change_clock(&db).await {
                Ok(value) => Some(value),
                Err(error) => {
                    tracing::error!(%error, "could not read the change clock");
                    None
                }
            };
            let mut rounds = self.rounds.lock().unwrap_or_else(PoisonError::into_inner);
            self.readings.send_replace(Reading {
                round: rounds.started,
                value,
            });
            if rounds.again {
                rounds.again = false;
                rounds.started += 1;
            } else {
                rounds.running = false;
                return;
            }
        }
    }
}

/// Values read from the database, each kept with the clock it was read
/// under and good for as long as the clock still shows that. At most
/// `max` of them; past that the memory is emptied and refilled on demand.
/// A value read under a newer clock drops every value kept under an older
/// one, so nothing changed (a purged name, say) stays in memory after the
/// next read.
#[derive(Debug)]
pub struct Kept<K, V> {
    entries: RwLock<Entries<K, V>>,
    max: usize,
}

#[derive(Debug)]
struct Entries<K, V> {
    /// The newest clock anything was kept under.
    clock: i64,
    values: HashMap<K, (i64, Arc<V>)>,
}

impl<K: Eq + Hash, V> Kept<K, V> {
    pub fn new(max: usize) -> Self {
        Kept {
            entries: RwLock::new(Entries {
                clock: i64::MIN,
                values: HashMap::new(),
            }),
            max,
        }
    }

    /// The value kept under `key`, if it was read under `clock`.
    pub fn get(&self, key: &K, clock: i64) -> Option<Arc<V>> {
        self.entries
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .values
            .get(key)
            .filter(|(at, _)| *at == clock)
            .map(|(_, value)| value.clone())
    }

    /// The value under `key` if it was read under `clock`, else `load`'s,
    /// kept under `clock` (`load` must read after the clock was read, so
    /// that what is kept is at least as new as the clock it is kept under).
    pub async fn get_or_load<E>(
        &self,
        key: K,
        clock: i64,
        load: impl AsyncFnOnce() -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        if let Some(kept) = self.get(&key, clock) {
            return Ok(kept);
        }
        let value = Arc::new(load().await?);
        self.put(key, clock, value.clone());
        Ok(value)
    }

    /// Keeps `value`, read after the clock showed `clock` (unless something
    /// was kept under a newer clock since: then `value` is already old).
    pub fn put(&self, key: K, clock: i64, value: Arc<V>) {
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        if clock < entries.clock {
            return;
        }
        if clock > entries.clock {
            entries.clock = clock;
            entries.values.retain(|_, (at, _)| *at >= clock);
        }
        if entries.values.len() >= self.max && !entries.values.contains_key(&key) {
            entries.values.clear();
        }
        entries.values.insert(key, (clock, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_values_are_good_only_under_their_clock_and_bounded() {
        let kept: Kept<u32, &str> = Kept::new(2);
        kept.put(1, 7, Arc::new("one"));
        assert_eq!(kept.get(&1, 7).as_deref(), Some(&"one"));
        assert_eq!(kept.get(&1, 8), None, "the clock moved");
        kept.put(2, 7, Arc::new("two"));
        kept.put(3, 7, Arc::new("three"));
        assert_eq!(kept.get(&1, 7), None, "emptied when full");
        assert_eq!(kept.get(&3, 7).as_deref(), Some(&"three"));
    }

    #[test]
    fn a_newer_clock_drops_what_older_ones_kept() {
        let kept: Kept<u32, &str> = Kept::new(8);
        kept.put(1, 7, Arc::new("one"));
        kept.put(2, 7, Arc::new("two"));
        kept.put(3, 8, Arc::new("three"));
        assert_eq!(
            kept.entries.read().unwrap().values.len(),
            1,
            "only what was read under clock 8"
        );
        kept.put(1, 7, Arc::new("old one"));
        assert_eq!(kept.get(&1, 7), None, "read under an older clock: not kept");
        assert_eq!(kept.get(&3, 8).as_deref(), Some(&"three"));
    }

    /// A SQLite file in WAL mode with the clock's table, written by a
    /// connection of its own (as another process would).
    fn clock_file() -> (std::path::PathBuf, rusqlite::Connection) {
        static FILES: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "hearth-clock-{}-{}",
            std::process::id(),
            FILES.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("hearth.db");
        let writer = rusqlite::Connection::open(&path).unwrap();
        writer
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();
        writer
            .execute_batch(
                "CREATE TABLE change_clock (id INTEGER PRIMARY KEY, version INTEGER NOT NULL);
                 INSERT INTO change_clock VALUES (1, 1);",
            )
            .unwrap();
        (path, writer)
    }

    /// Sets the WAL file's time an hour back, as if written then.
    fn age_wal(path: &Path) {
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(wal)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }

    #[test]
    fn a_still_wal_file_answers_and_any_write_to_it_is_seen_at_once() {
        let (path, writer) = clock_file();
        let direct = Direct::open(&path).unwrap();
        assert!(direct.wal.is_some(), "the WAL file is watched");
        let reads = || direct.reads.load(Ordering::Relaxed);

        assert_eq!(direct.read(), Some(1));
        assert_eq!(direct.read(), Some(1));
        assert_eq!(reads(), 2, "just written: every read goes to the file");

        age_wal(&path);
        assert_eq!(direct.read(), Some(1));
        assert_eq!(direct.read(), Some(1));
        assert_eq!(direct.read(), Some(1));
        assert_eq!(reads(), 3, "settled: one read answers the next ones");

        writer
            .execute("UPDATE change_clock SET version = 2 WHERE id = 1", [])
            .unwrap();
        assert_eq!(direct.read(), Some(2), "another connection's write is seen");
        assert_eq!(direct.read(), Some(2));
        assert_eq!(reads(), 5, "until the file settles, reads go to it");

        // After a checkpoint the next commit starts the WAL over: the file
        // keeps its length and only its time shows the write.
        age_wal(&path);
        assert_eq!(direct.read(), Some(2));
        writer
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .unwrap();
        let len = || direct.wal.as_ref().unwrap().metadata().unwrap().len();
        let before = len();
        writer
            .execute("UPDATE change_clock SET version = 3 WHERE id = 1", [])
            .unwrap();
        assert_eq!(len(), before, "the WAL was started over");
        assert_eq!(direct.read(), Some(3));
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn a_wal_file_still_for_long_is_read_again() {
        let (path, _writer) = clock_file();
        let direct = Direct::open(&path).unwrap();
        age_wal(&path);
        assert_eq!(direct.read(), Some(1));
        let kept = direct
            .still
            .write()
            .unwrap()
            .as_mut()
            .map(|still| still.at = still.at.checked_sub(STILL_FOR).unwrap())
            .is_some();
        assert!(kept, "the settled read was kept");
        assert_eq!(direct.read(), Some(1));
        assert_eq!(direct.reads.load(Ordering::Relaxed), 2);
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[tokio::test]
    async fn get_or_load_reads_once_per_clock() {
        let kept: Kept<u32, u32> = Kept::new(4);
        let loads = std::cell::Cell::new(0);
        let load = async || {
            loads.set(loads.get() + 1);
            Ok::<_, ()>(loads.get())
        };
        assert_eq!(*kept.get_or_load(1, 7, load).await.unwrap(), 1);
        assert_eq!(*kept.get_or_load(1, 7, load).await.unwrap(), 1, "kept");
        assert_eq!(
            *kept.get_or_load(1, 8, load).await.unwrap(),
            2,
            "clock moved"
        );
        assert_eq!(loads.get(), 2);
    }
}
