//! Once-per-period background jobs across processes (`job_runs`).

use chrono::{DateTime, Duration, Utc};

use super::{Db, DbResult, with_db};

/// Claims the run of `job` that is due for `holder`: true for exactly one
/// caller, however many processes ask at once. The claim is a lease that
/// ends `lease` after `now`: if the holder dies or its run fails before
/// [`finish`], another process takes the job when the lease ends.
pub async fn claim(
    db: &Db,
    job: &str,
    holder: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> DbResult<bool> {
    let claimed = with_db!(db, pool => {
        sqlx::query(
            "INSERT INTO job_runs (job, holder, due_at) VALUES ($1, $2, $3) \
             ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, due_at = excluded.due_at \
             WHERE job_runs.due_at <= $4",
        )
        .bind(job)
        .bind(holder)
        .bind(now + lease)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(claimed == 1)
}

/// Records that `holder` ran `job` to the end: the next run is due `every`
/// after `now`. (Only the holder of the claim moves it.)
pub async fn finish(
    db: &Db,
    job: &str,
    holder: &str,
    now: DateTime<Utc>,
    every: Duration,
) -> DbResult<()> {
    with_db!(db, pool => {
        sqlx::query("UPDATE job_runs SET due_at = $1 WHERE job = $2 AND holder = $3")
            .bind(now + every)
            .bind(job)
            .bind(holder)
            .execute(pool)
            .await?;
    });
    Ok(())
}
