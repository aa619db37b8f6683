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
//! On PostgreSQL (and on SQLite if the direct read fails) concurrent
//! requests share one read ([`ChangeClock::read`]): a request waits for a
//! read that *started after it arrived* (so it sees every write
//! acknowledged before it came), and every request arriving during a read
//! shares the next one, which starts as soon as the current one ends.
//! Under load one query answers a whole round of requests.

use std::collections::HashMap;
use std::hash::Hash;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

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
/// wait for each other (a waiting thread sleeps in the kernel).
struct Direct(Vec<Mutex<rusqlite::Connection>>);

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
        match (0..=cores.min(8)).map(|_| open()).collect() {
            Ok(connections) => Some(Direct(connections)),
            Err(error) => {
                tracing::warn!(%error, "the change clock is read through the pool");
                None
            }
        }
    }

    fn read(&self) -> Option<i64> {
        let connection = self
            .0
            .iter()
            .find_map(|connection| connection.try_lock().ok())
            .unwrap_or_else(|| self.0[0].lock().unwrap_or_else(PoisonError::into_inner));
        let read = connection
            .prepare_cached(CLOCK_SQL)
            .and_then(|mut statement| statement.query_row([], |row| row.get::<_, i64>(0)));
        match read {
            Ok(value) => Some(value),
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
#[derive(Debug)]
pub struct Kept<K, V> {
    entries: RwLock<HashMap<K, (i64, Arc<V>)>>,
    max: usize,
}

impl<K: Eq + Hash, V> Kept<K, V> {
    pub fn new(max: usize) -> Self {
        Kept {
            entries: RwLock::new(HashMap::new()),
            max,
        }
    }

    /// The value kept under `key`, if it was read under `clock`.
    pub fn get(&self, key: &K, clock: i64) -> Option<Arc<V>> {
        self.entries
            .read()
            .unwrap_or_else(PoisonError::into_inner)
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

    /// Keeps `value`, read after the clock showed `clock`.
    pub fn put(&self, key: K, clock: i64, value: Arc<V>) {
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= self.max && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(key, (clock, value));
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
