-- V1: the seven core tables of timeline.db in the Go program's fresh-database column order
-- (API-CONTRACT.md section 7.3). Declared types matter: the Go driver turns text into a time only for
-- DATETIME/DATE/TIMESTAMP columns, and stores booleans as integers.
-- Layout read by Migrations: CREATE TABLE statements first; then, once missing columns of older tables have
-- been added, every other statement in file order. Statements end with ';' at the end of a line.

CREATE TABLE IF NOT EXISTS timeline (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT UNIQUE,
    trace_id TEXT,
    span_id TEXT,
    parent_span_id TEXT,
    timestamp DATETIME,
    sender_id TEXT,
    sender_name TEXT,
    event_type TEXT,
    content_text TEXT,
    media_path TEXT,
    vector_id TEXT,
    classification TEXT,
    authorized BOOLEAN DEFAULT 1,
    metadata TEXT DEFAULT '',
    span_started_at DATETIME,
    span_ended_at DATETIME,
    span_duration_ms INTEGER DEFAULT 0
);

CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT,
    updated_at DATETIME
);

CREATE TABLE IF NOT EXISTS web_users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT UNIQUE,
    force_send BOOLEAN DEFAULT 1,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS web_links (
    web_user_id INTEGER PRIMARY KEY,
    whatsapp_jid TEXT NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id TEXT UNIQUE NOT NULL,
    idempotency_key TEXT UNIQUE,
    trace_id TEXT,
    channel TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    sender_id TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    content_in TEXT,
    content_out TEXT,
    error_text TEXT,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    total_tokens INTEGER NOT NULL DEFAULT 0,
    delivery_status TEXT NOT NULL DEFAULT 'pending',
    delivery_attempts INTEGER NOT NULL DEFAULT 0,
    delivery_next_at DATETIME,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    completed_at DATETIME,
    message_type TEXT DEFAULT ''
);

CREATE TABLE IF NOT EXISTS policy_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    trace_id TEXT,
    task_id TEXT,
    tool TEXT NOT NULL,
    tier INTEGER NOT NULL,
    sender TEXT,
    channel TEXT,
    allowed BOOLEAN NOT NULL,
    reason TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS memory_chunks (
    id TEXT PRIMARY KEY,
    content TEXT NOT NULL,
    embedding BLOB,
    source TEXT NOT NULL DEFAULT 'user',
    tags TEXT DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_timeline_timestamp ON timeline(timestamp);
CREATE INDEX IF NOT EXISTS idx_timeline_sender ON timeline(sender_id);
CREATE INDEX IF NOT EXISTS idx_timeline_authorized ON timeline(authorized);
CREATE INDEX IF NOT EXISTS idx_timeline_trace ON timeline(trace_id);
CREATE INDEX IF NOT EXISTS idx_web_links_whatsapp ON web_links(whatsapp_jid);
CREATE INDEX IF NOT EXISTS idx_tasks_status ON tasks(status);
CREATE INDEX IF NOT EXISTS idx_tasks_idempotency ON tasks(idempotency_key);
CREATE INDEX IF NOT EXISTS idx_tasks_trace ON tasks(trace_id);
CREATE INDEX IF NOT EXISTS idx_tasks_delivery ON tasks(delivery_status, delivery_next_at);
CREATE INDEX IF NOT EXISTS idx_policy_trace ON policy_decisions(trace_id);
CREATE INDEX IF NOT EXISTS idx_policy_task ON policy_decisions(task_id);
CREATE INDEX IF NOT EXISTS idx_memory_chunks_source ON memory_chunks(source);

-- Rows of a Go-created database: the original backfills empty trace ids on every start; we do it once, so
-- every event has a trace id (our rule), with the same value the original would give it.
UPDATE timeline
   SET trace_id = CASE
       WHEN event_id IS NOT NULL AND event_id <> '' THEN 'trace:' || event_id
       ELSE 'trace:' || COALESCE(sender_id, '') || ':' || COALESCE(strftime('%s', timestamp), '')
   END
 WHERE trace_id IS NULL OR trace_id = '';

UPDATE web_users SET force_send = 1 WHERE force_send IS NULL;
