//! Once-per-period background jobs across processes (`job_runs`).

use chrono::{DateTime, Duration, Utc};

use super::{Db, DbResult, with_db};

/// Claims this period's run of `job` for `holder`: true for exactly one
/// caller per period, however many processes ask at once; the next period
/// starts `every` after `now`.
pub async fn claim(
    db: &Db,
    job: &str,
    holder: &str,
    now: DateTime<Utc>,
    every: Duration,
) -> DbResult<bool> {
    let claimed = with_db!(db, pool => {
        sqlx::query(
            "INSERT INTO job_runs (job, holder, due_at) VALUES ($1, $2, $3) \
             ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, due_at = excluded.due_at \
             WHERE job_runs.due_at <= $4",
        )
        .bind(job)
        .bind(holder)
        .bind(now + every)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(claimed == 1)
}
