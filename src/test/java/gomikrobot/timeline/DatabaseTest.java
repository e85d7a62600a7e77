package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    private final TestDb testDb = new TestDb();

    @Test
    void freshDatabaseHasTheSevenTablesInFreshColumnOrderOurTokenUsageAndTheApprovalRequests() {
        try (Database db = testDb.open(dir.resolve("timeline.db"))) {
            assertEquals(List.of("approval_requests", "delegation_events", "group_members", "group_membership_history",
                    "group_memory_items", "group_skill_channels", "group_tasks", "group_traces", "memory_chunks",
                    "policy_decisions", "scheduled_jobs", "settings", "sqlite_sequence", "tasks", "timeline",
                    "token_usage", "web_links", "web_users"),
                    SchemaQueries.tables(db));
            assertEquals(List.of("day", "kind", "tokens"), SchemaQueries.columns(db, "token_usage"));
            assertEquals(List.of("id", "approval_id", "trace_id", "task_id", "tool", "tier", "arguments", "sender",
                    "channel", "status", "created_at", "responded_at"), SchemaQueries.columns(db, "approval_requests"));
            assertEquals(List.of("id", "event_id", "trace_id", "span_id", "parent_span_id", "timestamp", "sender_id",
                    "sender_name", "event_type", "content_text", "media_path", "vector_id", "classification",
                    "authorized", "metadata", "span_started_at", "span_ended_at", "span_duration_ms"),
                    SchemaQueries.columns(db, "timeline"));
            assertEquals(List.of("id", "task_id", "idempotency_key", "trace_id", "channel", "chat_id", "sender_id",
                    "status", "content_in", "content_out", "error_text", "prompt_tokens", "completion_tokens",
                    "total_tokens", "delivery_status", "delivery_attempts", "delivery_next_at", "created_at",
                    "updated_at", "completed_at", "message_type"), SchemaQueries.columns(db, "tasks"));
            assertEquals(List.of("key", "value", "updated_at"), SchemaQueries.columns(db, "settings"));
            assertEquals(List.of("id", "name", "force_send", "created_at"), SchemaQueries.columns(db, "web_users"));
            assertEquals(List.of("web_user_id", "whatsapp_jid", "created_at", "updated_at"), SchemaQueries.columns(db, "web_links"));
            assertEquals(List.of("id", "trace_id", "task_id", "tool", "tier", "sender", "channel", "allowed", "reason",
                    "created_at"), SchemaQueries.columns(db, "policy_decisions"));
            assertEquals(List.of("id", "content", "embedding", "source", "tags", "version", "created_at", "updated_at"),
                    SchemaQueries.columns(db, "memory_chunks"));
            assertEquals(List.of("idx_approval_id", "idx_approval_status", "idx_delegation_task", "idx_delegation_type",
                    "idx_group_memory_author", "idx_group_memory_created", "idx_group_skill_group",
                    "idx_group_tasks_direction", "idx_group_tasks_status", "idx_group_traces_agent",
                    "idx_group_traces_trace", "idx_membership_history_agent", "idx_membership_history_group",
                    "idx_memory_chunks_source", "idx_policy_task", "idx_policy_trace", "idx_scheduled_jobs_next",
                    "idx_tasks_delivery",
                    "idx_tasks_idempotency", "idx_tasks_status", "idx_tasks_trace", "idx_timeline_authorized",
                    "idx_timeline_sender", "idx_timeline_timestamp", "idx_timeline_trace", "idx_web_links_whatsapp"),
                    SchemaQueries.namedIndexes(db));
            assertEquals(Migrations.LATEST, SchemaQueries.userVersion(db));
        }
    }

    @Test
    void declaredTypesMatchWhatTheGoDriverNeeds() {
        try (Database db = testDb.open(dir.resolve("timeline.db"))) {
            assertEquals("DATETIME", SchemaQueries.declaredType(db, "timeline", "timestamp"));
            assertEquals("BOOLEAN", SchemaQueries.declaredType(db, "timeline", "authorized"));
            assertEquals("DATETIME", SchemaQueries.declaredType(db, "tasks", "delivery_next_at"));
            assertEquals("BOOLEAN", SchemaQueries.declaredType(db, "policy_decisions", "allowed"));
            assertEquals("BLOB", SchemaQueries.declaredType(db, "memory_chunks", "embedding"));
        }
    }

    @Test
    void everyConnectionRunsWalWithBusyTimeoutAndNormalSync() {
        try (Database db = testDb.open(dir.resolve("timeline.db"))) {
            List<Object> fromReader = db.read(DatabaseTest::pragmas);
            List<Object> fromWriter = db.write(DatabaseTest::pragmas);
            List<Object> expected = List.of("wal", 5000L, 1L, 1L); // synchronous NORMAL = 1
            assertEquals(expected, fromReader);
            assertEquals(expected, fromWriter);
        }
    }

    @Test
    void createsMissingParentFolder() {
        Path file = dir.resolve("a/b/timeline.db");
        try (Database db = testDb.open(file)) {
            assertEquals(file.toAbsolutePath(), db.file());
            assertTrue(Files.exists(file));
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() {
        Path file = dir.resolve("timeline.db");
        try (Database db = testDb.open(file)) {
            new SettingsStore(db).put("k", "v");
        }
        try (Database db = testDb.open(file)) {
            assertEquals("v", new SettingsStore(db).get("k").orElseThrow());
            assertEquals(Migrations.LATEST, SchemaQueries.userVersion(db));
        }
        assertEquals(Migrations.LATEST, testDb.logText().split("Database migrated", -1).length - 1,
                "one line per migration step, none on the second open: " + testDb.logText());
    }

    @Test
    void refusesSchemaNewerThanThisProgram() throws Exception {
        Path file = dir.resolve("timeline.db");
        TestDb.raw(file, "PRAGMA user_version = 99");
        DatabaseException e = assertThrows(DatabaseException.class, () -> testDb.open(file));
        assertTrue(e.getMessage().contains("newer than this program supports"), e.getMessage());
    }

    @Test
    void readConnectionsCannotWrite() {
        try (Database db = testDb.open(dir.resolve("timeline.db"))) {
            DatabaseException e = assertThrows(DatabaseException.class, () -> db.read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO settings (key, value) VALUES ('x', 'y')");
                }
            }));
            assertTrue(e.getMessage().startsWith("database read failed"), e.getMessage());
        }
    }

    @Test
    void failedWriteRollsBackEverything() {
        try (Database db = testDb.open(dir.resolve("timeline.db"))) {
            assertThrows(IllegalStateException.class, () -> db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO settings (key, value) VALUES ('x', 'y')");
                }
                throw new IllegalStateException("boom");
            }));
            assertEquals(0L, db.rowCounts().get("settings"));
            assertTrue(db.isWritable(), "the writer is usable after a rollback");
        }
    }

    @Test
    void nestedWriteJoinsTheOuterTransaction() {
        try (Database db = testDb.open(dir.resolve("timeline.db"))) {
            SettingsStore settings = new SettingsStore(db);
            assertThrows(IllegalStateException.class, () -> db.write(c -> {
                settings.put("inner", "1"); // a nested write
                throw new IllegalStateException("outer fails after the inner write");
            }));
            assertEquals(0L, db.rowCounts().get("settings"), "the inner write was rolled back with the outer one");
            db.write(c -> {
                settings.put("a", "1");
                settings.put("b", "2");
                return null;
            });
            assertEquals(2L, db.rowCounts().get("settings"));
            assertTrue(db.isWritable(), "the lock was released");
        }
    }

    @Test
    void rowCountsCoverTheSevenTables() {
        try (Database db = testDb.open(dir.resolve("timeline.db"))) {
            new SettingsStore(db).put("a", "1");
            Map<String, Long> counts = db.rowCounts();
            assertEquals(Database.TABLES, List.copyOf(counts.keySet()));
            assertEquals(1L, counts.get("settings"));
            assertEquals(0L, counts.get("timeline"));
        }
    }

    @Test
    void writeProbeFailsWhenAnotherProgramHoldsTheWriteLock() throws Exception {
        Path file = dir.resolve("timeline.db");
        try (Database db = testDb.open(file)) {
            assertTrue(db.isWritable());
            try (var other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
                s.execute("BEGIN IMMEDIATE");
                // the probe gives up instead of waiting behind the other writer (bounded here only against a hang)
                assertFalse(CompletableFuture.supplyAsync(db::isWritable).get(60, TimeUnit.SECONDS));
                s.execute("ROLLBACK");
            }
            assertTrue(db.isWritable());
        }
    }

    @Test
    void closedDatabaseRefusesWork() {
        Database db = testDb.open(dir.resolve("timeline.db"));
        db.close();
        db.close();
        assertFalse(db.isWritable());
        assertThrows(DatabaseException.class, db::rowCounts);
        assertThrows(DatabaseException.class, () -> new SettingsStore(db).put("k", "v"));
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        try (Database db = testDb.open(dir.resolve("timeline.db"))) {
            EventStore events = new EventStore(db, Clock.systemUTC());
            List<Future<Integer>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < 8; w++) {
                    int writer = w;
                    results.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < 1000; i++) {
                            ok += events.append(TimelineEvent.create("W" + writer + "_" + i, "trace-" + writer,
                                    "sender" + writer, "S", "TEXT", "hello " + i, "ASSISTANCE", true)) ? 1 : 0;
                        }
                        return ok;
                    }));
                }
                Future<Integer> reader = pool.submit(() -> {
                    int wholePages = 0;
                    for (int i = 0; i < 200; i++) {
                        List<TimelineEvent> page = events.list(EventQuery.latest(10));
                        // a reader sees committed rows only: never more than asked, never one twice
                        wholePages += page.size() <= 10 && page.stream().map(TimelineEvent::eventId).distinct()
                                .count() == page.size() ? 1 : 0;
                    }
                    return wholePages;
                });
                int appended = 0;
                for (Future<Integer> f : results) {
                    appended += f.get(60, TimeUnit.SECONDS);
                }
                assertEquals(8000, appended);
                assertEquals(200, reader.get(60, TimeUnit.SECONDS), "every read alongside the writers was whole");
            }
            assertEquals(8000, events.count());
            assertEquals(1000, events.list(new EventQuery(1000, 0, "sender3", null, null)).size());
        }
    }

    @Test
    void sqliteShellSeesTheSchemaAndWal() throws Exception {
        Path shell = Path.of("/usr/bin/sqlite3");
        Assumptions.assumeTrue(Files.isExecutable(shell), "sqlite3 shell not installed");
        Path file = dir.resolve("timeline.db");
        try (Database db = testDb.open(file)) {
            new SettingsStore(db).put("silent_mode", "false");
        }
        String schema = run(shell.toString(), file.toString(), ".schema");
        for (String table : Database.TABLES) {
            assertTrue(schema.contains("CREATE TABLE " + table + " (") || schema.contains("CREATE TABLE IF NOT EXISTS " + table + " ("),
                    table + " in\n" + schema);
        }
        assertTrue(schema.contains("CREATE INDEX idx_tasks_delivery ON tasks(delivery_status, delivery_next_at)"), schema);
        assertEquals("wal", run(shell.toString(), file.toString(), "PRAGMA journal_mode;").strip());
        assertEquals("false", run(shell.toString(), file.toString(), "SELECT value FROM settings WHERE key = 'silent_mode';").strip());
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static List<Object> pragmas(java.sql.Connection c) throws java.sql.SQLException {
        List<Object> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (String pragma : List.of("journal_mode", "busy_timeout", "foreign_keys", "synchronous")) {
                try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
                    rs.next();
                    out.add(pragma.equals("journal_mode") ? rs.getString(1) : rs.getLong(1));
                }
            }
        }
        return out;
    }
}
