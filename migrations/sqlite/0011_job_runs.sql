-- Background jobs that must run once per period across every process
-- sharing the database (the hourly stay job): the process that moves
-- due_at forward runs the job; the others see it in the future and skip.
-- A process that dies leaves due_at in the past, so another takes over.
CREATE TABLE job_runs (
    job     TEXT PRIMARY KEY,
    holder  TEXT NOT NULL,
    due_at  TEXT NOT NULL
);
