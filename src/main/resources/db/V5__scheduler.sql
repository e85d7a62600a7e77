-- V5: scheduled jobs. scheduled_jobs is the original's table (API-CONTRACT 7.3: job_name, last_status, last_run_at,
-- run_count, created_at, updated_at); a database from the Go program may hold it already, and the columns below
-- that it lacks are added to it. Its own rows (no schedule_kind) are records of the original, never run by us.
-- Times are written by Times.format (UTC); next_run_at is the slot the job runs at next, NULL when none is left.
-- A run is a task whose idempotency key names the job and its slot (job:<id>:<slot>), so a run is never made twice.

CREATE TABLE IF NOT EXISTS scheduled_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_name TEXT UNIQUE NOT NULL,
    last_status TEXT DEFAULT '',
    last_run_at DATETIME,
    run_count INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    prompt TEXT NOT NULL DEFAULT '',
    owner_sender TEXT NOT NULL DEFAULT '',
    owner_channel TEXT NOT NULL DEFAULT '',
    owner_chat TEXT NOT NULL DEFAULT '',
    owner_internal BOOLEAN NOT NULL DEFAULT 0,
    schedule_kind TEXT NOT NULL DEFAULT '',
    schedule_spec TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL DEFAULT '',
    enabled BOOLEAN NOT NULL DEFAULT 1,
    next_run_at DATETIME,
    last_task_id TEXT NOT NULL DEFAULT '',
    last_trace_id TEXT NOT NULL DEFAULT ''
);

CREATE INDEX IF NOT EXISTS idx_scheduled_jobs_next ON scheduled_jobs(enabled, next_run_at);
