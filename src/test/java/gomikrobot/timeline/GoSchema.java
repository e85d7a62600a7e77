package gomikrobot.timeline;

/**
 * The DDL the Go program (v2.5.2) runs, per API-CONTRACT.md sections 7.2 and 7.3, and rows in the formats it
 * writes. {@link #LEGACY} is an older Go database: tasks without token columns or message_type, timeline without
 * metadata or span timing, web_users without force_send. {@link #GO_UPGRADES} are the Go program's own
 * ALTERs, in its order, that turn it into a current Go database (with appended, Go-ordered columns).
 */
final class GoSchema {
    private GoSchema() {
    }

    static final String[] LEGACY = {
        """
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
            authorized BOOLEAN DEFAULT 1
        )""",
        "CREATE INDEX IF NOT EXISTS idx_timeline_timestamp ON timeline(timestamp)",
        "CREATE INDEX IF NOT EXISTS idx_timeline_sender ON timeline(sender_id)",
        "CREATE INDEX IF NOT EXISTS idx_timeline_authorized ON timeline(authorized)",
        "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT, updated_at DATETIME)",
        "CREATE TABLE IF NOT EXISTS web_users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE,"
                + " created_at DATETIME DEFAULT CURRENT_TIMESTAMP)",
        "CREATE TABLE IF NOT EXISTS web_links (web_user_id INTEGER PRIMARY KEY, whatsapp_jid TEXT NOT NULL,"
                + " created_at DATETIME DEFAULT CURRENT_TIMESTAMP, updated_at DATETIME DEFAULT CURRENT_TIMESTAMP)",
        "CREATE INDEX IF NOT EXISTS idx_web_links_whatsapp ON web_links(whatsapp_jid)",
        """
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
            delivery_status TEXT NOT NULL DEFAULT 'pending',
            delivery_attempts INTEGER NOT NULL DEFAULT 0,
            delivery_next_at DATETIME,
            created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            completed_at DATETIME
        )""",
        "CREATE INDEX IF NOT EXISTS idx_tasks_status ON tasks(status)",
        "CREATE INDEX IF NOT EXISTS idx_tasks_idempotency ON tasks(idempotency_key)",
        "CREATE INDEX IF NOT EXISTS idx_tasks_trace ON tasks(trace_id)",
        "CREATE INDEX IF NOT EXISTS idx_tasks_delivery ON tasks(delivery_status, delivery_next_at)",
        """
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
        )""",
        "CREATE INDEX IF NOT EXISTS idx_policy_trace ON policy_decisions(trace_id)",
        "CREATE INDEX IF NOT EXISTS idx_policy_task ON policy_decisions(task_id)",
        """
        CREATE TABLE IF NOT EXISTS memory_chunks (
            id TEXT PRIMARY KEY,
            content TEXT NOT NULL,
            embedding BLOB,
            source TEXT NOT NULL DEFAULT 'user',
            tags TEXT DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        )""",
        "CREATE INDEX IF NOT EXISTS idx_memory_chunks_source ON memory_chunks(source)",
        """
        CREATE TABLE IF NOT EXISTS approval_requests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            approval_id TEXT UNIQUE NOT NULL,
            trace_id TEXT, task_id TEXT, tool TEXT NOT NULL, tier INTEGER NOT NULL, arguments TEXT,
            sender TEXT, channel TEXT, status TEXT NOT NULL DEFAULT 'pending',
            created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, responded_at DATETIME
        )""",
        """
        CREATE TABLE IF NOT EXISTS scheduled_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            job_name TEXT UNIQUE NOT NULL,
            last_status TEXT DEFAULT '',
            last_run_at DATETIME,
            run_count INTEGER NOT NULL DEFAULT 0,
            created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        )""",
    };

    static final String[] GO_UPGRADES = {
        "ALTER TABLE web_users ADD COLUMN force_send BOOLEAN DEFAULT 1",
        "CREATE INDEX IF NOT EXISTS idx_timeline_trace ON timeline(trace_id)",
        "ALTER TABLE timeline ADD COLUMN metadata TEXT DEFAULT ''",
        "ALTER TABLE tasks ADD COLUMN message_type TEXT DEFAULT ''",
        "ALTER TABLE tasks ADD COLUMN prompt_tokens INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tasks ADD COLUMN completion_tokens INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tasks ADD COLUMN total_tokens INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE timeline ADD COLUMN span_started_at DATETIME",
        "ALTER TABLE timeline ADD COLUMN span_ended_at DATETIME",
        "ALTER TABLE timeline ADD COLUMN span_duration_ms INTEGER DEFAULT 0",
    };

    /** Rows as the Go program writes them into the legacy shape (local-zone Go time text, 1/0 booleans). */
    static final String[] LEGACY_ROWS = {
        "INSERT INTO timeline (event_id, trace_id, span_id, parent_span_id, timestamp, sender_id, sender_name,"
                + " event_type, content_text, media_path, vector_id, classification, authorized) VALUES"
                + " ('3EB0A1', 'wa-3EB0A1', '', '', '2026-02-14 10:23:45.123456789 +0100 CET m=+12.345678901',"
                + " '4915112345678', 'User', 'TEXT', 'Hallo', '', '', 'ASSISTANCE', 1)",
        "INSERT INTO timeline (event_id, trace_id, span_id, parent_span_id, timestamp, sender_id, sender_name,"
                + " event_type, content_text, media_path, vector_id, classification, authorized) VALUES"
                + " ('WEBUI_ACK_1771061026000000000', '', '', '', '2026-02-14 10:23:46 +0100 CET', 'AGENT', 'Agent',"
                + " 'SYSTEM', 'Antwort', '', '', 'WEBUI_OUTBOUND->x@s.whatsapp.net force=true status=queued', 1)",
        "INSERT INTO timeline (event_id, trace_id, span_id, parent_span_id, timestamp, sender_id, sender_name,"
                + " event_type, content_text, media_path, vector_id, classification, authorized) VALUES"
                + " ('3EB0A2', 'wa-3EB0A2', '', '', '2026-02-14 10:24:00.5 +0100 CET', '4917000000000', 'User',"
                + " 'TEXT', 'spam', '', '', 'ASSISTANCE', 0)",
        "INSERT INTO tasks (task_id, idempotency_key, trace_id, channel, chat_id, sender_id, status, content_in,"
                + " content_out, delivery_status, delivery_attempts, delivery_next_at, created_at, updated_at,"
                + " completed_at) VALUES ('0123456789abcdef0123456789abcdef', 'wa:3EB0A1', 'wa-3EB0A1', 'whatsapp',"
                + " '4915112345678@s.whatsapp.net', '4915112345678', 'completed', 'Hallo', 'Hi!', 'pending', 1,"
                + " '2026-02-14 10:24:15.5 +0100 CET m=+42.000000001', '2026-02-14 09:23:45', '2026-02-14 09:23:50',"
                + " '2026-02-14 09:23:50')",
        "INSERT INTO tasks (task_id, idempotency_key, trace_id, channel, chat_id, sender_id, status, content_in)"
                + " VALUES ('fedcba9876543210fedcba9876543210', NULL, 'trace-1771061025000000000', 'webui', '1',"
                + " 'webui:anna', 'processing', 'Was gibt es?')",
        "INSERT INTO web_users (name, created_at) VALUES ('anna', '2026-02-14 09:00:00')",
        "INSERT INTO web_links (web_user_id, whatsapp_jid) VALUES (1, '4915112345678')",
        "INSERT INTO settings (key, value, updated_at) VALUES ('silent_mode', 'false', datetime('now'))",
        "INSERT INTO policy_decisions (trace_id, task_id, tool, tier, sender, channel, allowed, reason) VALUES"
                + " ('wa-3EB0A1', '0123456789abcdef0123456789abcdef', 'exec', 2, '4915112345678', 'whatsapp', 0,"
                + " 'tier_2_denied_for_external_message')",
        "INSERT INTO approval_requests (approval_id, tool, tier) VALUES ('a1b2c3d4e5f60718', 'exec', 2)",
        "INSERT INTO scheduled_jobs (job_name, last_status, last_run_at, run_count) VALUES ('memory_sync',"
                + " 'dispatched', '2026-02-14 10:20:00.25 +0100 CET m=+600.000000001', 3)",
    };
}
