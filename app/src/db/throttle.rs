//! Sign-in and PIN budgets (`auth_throttle`), decided by
//! `domain::throttle`.
//!
//! Each attempt reads and writes its budget row inside one transaction that
//! holds the row (`BEGIN IMMEDIATE` on SQLite, `SELECT … FOR UPDATE` on
//! PostgreSQL), so attempts made at the same moment — in one process or in
//! several sharing the database — are counted one after the other and none
//! slips past the count.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Backend, Db, DbResult, with_db};
use crate::domain::throttle::{Budget, Decision, Policy};

#[derive(FromRow)]
struct Row {
    failures: i64,
    next_allowed_at: DateTime<Utc>,
    last_attempt_at: DateTime<Utc>,
}

/// Reads a budget row; on PostgreSQL it is held until the transaction ends
/// (SQLite's `BEGIN IMMEDIATE` already holds the whole database).
fn select_budget(postgres: bool) -> &'static str {
    if postgres {
        "SELECT failures, next_allowed_at, last_attempt_at FROM auth_throttle WHERE key = $1 FOR UPDATE"
    } else {
        "SELECT failures, next_allowed_at, last_attempt_at FROM auth_throttle WHERE key = $1"
    }
}

/// Counts an attempt on `key` (before the password or PIN is checked) or
/// refuses it; see [`Policy::decide`].
pub async fn attempt(
    db: &Db,
    key: &str,
    policy: &Policy,
    now: DateTime<Utc>,
) -> DbResult<Decision> {
    let postgres = db.backend() == Backend::Postgres;
    with_db!(db, pool => {
        let mut tx = if postgres { pool.begin().await? } else { pool.begin_with("BEGIN IMMEDIATE").await? };
        let select = select_budget(postgres);
        let mut row = sqlx::query_as::<_, Row>(select).bind(key).fetch_optional(&mut *tx).await?;
        if row.is_none() && postgres {
            // Two first attempts at once: one inserts, the other waits for
            // its row and reads it.
            sqlx::query(
                "INSERT INTO auth_throttle (key, failures, next_allowed_at, last_attempt_at) \
                 VALUES ($1, 0, $2, $2) ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            row = sqlx::query_as::<_, Row>(select).bind(key).fetch_optional(&mut *tx).await?;
        }
        let stored = row.map(|r| Budget {
            failures: r.failures,
            next_allowed_at: r.next_allowed_at,
            last_attempt_at: r.last_attempt_at,
        });
        let decision = policy.decide(stored, now);
        if let Decision::Allowed(budget) = decision {
            sqlx::query(
                "INSERT INTO auth_throttle (key, failures, next_allowed_at, last_attempt_at) \
                 VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, \
                 next_allowed_at = excluded.next_allowed_at, last_attempt_at = excluded.last_attempt_at",
            )
            .bind(key)
            .bind(budget.failures)
            .bind(budget.next_allowed_at)
            .bind(budget.last_attempt_at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        Ok(decision)
    })
}

/// A success on a shared budget (an address, a kiosk): gives back the
/// attempt it was counted as; see [`Policy::give_back`].
pub async fn give_back(db: &Db, key: &str, policy: &Policy) -> DbResult<()> {
    let postgres = db.backend() == Backend::Postgres;
    with_db!(db, pool => {
        let mut tx = if postgres { pool.begin().await? } else { pool.begin_with("BEGIN IMMEDIATE").await? };
        let select = select_budget(postgres);
        if let Some(r) = sqlx::query_as::<_, Row>(select).bind(key).fetch_optional(&mut *tx).await? {
            let budget = policy.give_back(Budget {
                failures: r.failures,
                next_allowed_at: r.next_allowed_at,
                last_attempt_at: r.last_attempt_at,
            });
            sqlx::query("UPDATE auth_throttle SET failures = $2, next_allowed_at = $3 WHERE key = $1")
                .bind(key)
                .bind(budget.failures)
                .bind(budget.next_allowed_at)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    });
    Ok(())
}

/// A success on an account: its budget starts over.
pub async fn clear(db: &Db, key: &str) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("DELETE FROM auth_throttle WHERE key = $1")
            .bind(key)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Forgets budgets nobody has used since `before`.
pub async fn sweep(db: &Db, before: DateTime<Utc>) -> DbResult<u64> {
    let done = with_db!(db, pool => {
        sqlx::query("DELETE FROM auth_throttle WHERE last_attempt_at < $1 AND next_allowed_at < $1")
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok(done)
}
