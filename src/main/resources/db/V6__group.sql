-- V6: the Kafka group's tables (API-CONTRACT.md section 7.3, "Group/orchestrator tables"), created when missing
-- in the Go program's shape, with the columns its later migrations added (group_members.left_at, the
-- delegation columns of group_tasks). Ours: group_memory_items.content, the shared text itself (the original
-- kept it in an object store behind its LFS proxy, which we do not build) and group_tasks.trace_id, the trace the
-- task runs under on both members (its remote spans are filed under it). A database written by the Go
-- program keeps every row; missing columns are added.

CREATE TABLE IF NOT EXISTS group_traces (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    trace_id TEXT NOT NULL,
    source_agent_id TEXT NOT NULL,
    span_id TEXT,
    parent_span_id TEXT,
    span_type TEXT,
    title TEXT,
    content TEXT,
    started_at DATETIME,
    ended_at DATETIME,
    duration_ms INTEGER DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS group_members (
    agent_id TEXT UNIQUE NOT NULL,
    agent_name TEXT,
    soul_summary TEXT,
    capabilities TEXT DEFAULT '[]',
    channels TEXT DEFAULT '[]',
    model TEXT,
    status TEXT DEFAULT 'active',
    last_seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    left_at DATETIME
);

CREATE TABLE IF NOT EXISTS group_tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id TEXT UNIQUE NOT NULL,
    description TEXT,
    content TEXT,
    direction TEXT NOT NULL DEFAULT 'outgoing',
    requester_id TEXT NOT NULL,
    responder_id TEXT,
    response_content TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    responded_at DATETIME,
    parent_task_id TEXT DEFAULT '',
    delegation_depth INTEGER DEFAULT 0,
    original_requester_id TEXT DEFAULT '',
    deadline_at DATETIME,
    accepted_at DATETIME,
    trace_id TEXT DEFAULT ''
);

CREATE TABLE IF NOT EXISTS group_memory_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT UNIQUE NOT NULL,
    author_id TEXT NOT NULL,
    title TEXT,
    content_type TEXT DEFAULT 'text/plain',
    tags TEXT DEFAULT '[]',
    lfs_bucket TEXT,
    lfs_key TEXT,
    metadata TEXT DEFAULT '{}',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    content TEXT DEFAULT ''
);

CREATE TABLE IF NOT EXISTS group_skill_channels (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    skill_name TEXT NOT NULL,
    group_name TEXT NOT NULL,
    requests_topic TEXT NOT NULL,
    responses_topic TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE(skill_name, group_name)
);

CREATE TABLE IF NOT EXISTS delegation_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    sender_id TEXT NOT NULL,
    receiver_id TEXT NOT NULL DEFAULT '',
    summary TEXT DEFAULT '',
    depth INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS group_membership_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id TEXT NOT NULL,
    group_name TEXT NOT NULL,
    role TEXT DEFAULT '',
    action TEXT NOT NULL,
    lfs_proxy_url TEXT DEFAULT '',
    kafka_brokers TEXT DEFAULT '',
    consumer_group TEXT DEFAULT '',
    agent_name TEXT DEFAULT '',
    capabilities TEXT DEFAULT '[]',
    channels TEXT DEFAULT '[]',
    model TEXT DEFAULT '',
    happened_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_group_traces_trace ON group_traces(trace_id);
CREATE INDEX IF NOT EXISTS idx_group_traces_agent ON group_traces(source_agent_id);
CREATE INDEX IF NOT EXISTS idx_group_tasks_direction ON group_tasks(direction);
CREATE INDEX IF NOT EXISTS idx_group_tasks_status ON group_tasks(status);
CREATE INDEX IF NOT EXISTS idx_group_memory_author ON group_memory_items(author_id);
CREATE INDEX IF NOT EXISTS idx_group_memory_created ON group_memory_items(created_at);
CREATE INDEX IF NOT EXISTS idx_group_skill_group ON group_skill_channels(group_name);
CREATE INDEX IF NOT EXISTS idx_delegation_task ON delegation_events(task_id);
CREATE INDEX IF NOT EXISTS idx_delegation_type ON delegation_events(event_type);
CREATE INDEX IF NOT EXISTS idx_membership_history_agent ON group_membership_history(agent_id);
CREATE INDEX IF NOT EXISTS idx_membership_history_group ON group_membership_history(group_name);
