-- V4: approval requests, in the original's table and shape: a tool call above what its sender may run by
-- themselves waits here for the owner (pending -> approved | denied | timeout). A Go database already has the
-- table; then this only adds what is missing. Only adds: the Go program still opens the database.

CREATE TABLE IF NOT EXISTS approval_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    approval_id TEXT UNIQUE NOT NULL,
    trace_id TEXT,
    task_id TEXT,
    tool TEXT NOT NULL,
    tier INTEGER NOT NULL,
    arguments TEXT,
    sender TEXT,
    channel TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    responded_at DATETIME
);
CREATE INDEX IF NOT EXISTS idx_approval_status ON approval_requests(status);
CREATE INDEX IF NOT EXISTS idx_approval_id ON approval_requests(approval_id);
