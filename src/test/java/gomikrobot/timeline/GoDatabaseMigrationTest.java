package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.observe.Ids;
import gomikrobot.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoDatabaseMigrationTest {
    @TempDir
    Path dir;

    private final TestDb testDb = new TestDb();
    private final MutableClock clock = new MutableClock("2026-02-14T09:30:00Z");

    @Test
    void upgradesLegacyGoDatabaseByAddingMissingColumns() throws Exception {
        Path file = goDatabase(false);
        try (Database db = testDb.open(file)) {
            assertEquals(Migrations.LATEST, SchemaQueries.userVersion(db));
            List<String> tasks = SchemaQueries.columns(db, "tasks");
            assertEquals(List.of("completed_at", "prompt_tokens", "completion_tokens", "total_tokens", "message_type"),
                    tasks.subList(tasks.indexOf("completed_at"), tasks.size()), "added columns are appended");
            assertTrue(SchemaQueries.columns(db, "timeline").containsAll(
                    List.of("metadata", "span_started_at", "span_ended_at", "span_duration_ms")));
            assertTrue(SchemaQueries.columns(db, "web_users").contains("force_send"));
            assertTrue(SchemaQueries.namedIndexes(db).contains("idx_timeline_trace"));
            assertTrue(SchemaQueries.tables(db).contains("approval_requests"), "Go's other tables are left alone");
            JobStore jobs = new JobStore(db, clock);
            assertEquals(List.of(), jobs.list(), "the original's job records are not jobs to run");
            assertEquals(List.of("memory_sync|3"), SchemaQueries.strings(db,
                    "SELECT job_name || '|' || run_count FROM scheduled_jobs", 1), "and they are kept");
            ScheduledJob.Owner owner = new ScheduledJob.Owner("scheduler", "webui", "1", true);
            assertEquals("ours", jobs.insert(new NewJob("ours", "Hi", owner, "every", "1h", "UTC",
                    clock.instant())).orElseThrow().name());
            assertEquals(1L, (long) SchemaQueries.strings(db, "SELECT COUNT(*) FROM approval_requests", 1)
                    .stream().map(Long::parseLong).findFirst().orElseThrow());
        }
        assertTrue(testDb.logText().contains("tasks.prompt_tokens"), testDb.logText());
    }

    @Test
    void legacyRowsReadThroughEveryStore() throws Exception {
        try (Database db = testDb.open(goDatabase(false))) {
            EventStore events = new EventStore(db, clock);
            List<TimelineEvent> latest = events.list(EventQuery.latest(10));
            assertEquals(List.of("3EB0A2", "WEBUI_ACK_1771061026000000000", "3EB0A1"),
                    latest.stream().map(TimelineEvent::eventId).toList());
            TimelineEvent first = latest.get(2);
            assertEquals(Instant.parse("2026-02-14T09:23:45.123456789Z"), first.timestamp());
            assertEquals("", first.metadata());
            assertEquals("trace:WEBUI_ACK_1771061026000000000", latest.get(1).traceId(), "empty trace backfilled once");
            assertFalse(latest.get(0).authorized());

            TaskStore tasks = new TaskStore(db, clock, new Ids(clock));
            Task done = tasks.byIdempotencyKey("wa:3EB0A1").orElseThrow();
            assertEquals(0, done.totalTokens());
            assertEquals("", done.messageType());
            assertEquals(Instant.parse("2026-02-14T09:24:15.5Z"), done.deliveryNextAt());
            assertEquals(Instant.parse("2026-02-14T09:23:45Z"), done.createdAt());
            assertEquals(List.of(done.taskId()), tasks.dueDeliveries(10).stream().map(Task::taskId).toList(),
                    "a Go local-zone retry time is compared as an instant: due at 09:30 UTC");
            assertEquals(1, tasks.processingTasks().size(), "the Go program's crash leftover is found");

            WebUserStore users = new WebUserStore(db);
            WebUser anna = users.list().getFirst();
            assertTrue(anna.forceSend(), "force_send defaults to on for old rows");
            assertEquals("4915112345678@s.whatsapp.net", users.linkOf(anna.id()).orElseThrow());
            assertFalse(new SettingsStore(db).isSilentMode());
            assertEquals("tier_2_denied_for_external_message", new PolicyLog(db).byTrace("wa-3EB0A1").getFirst().reason());
        }
    }

    @Test
    void opensCurrentGoDatabaseWithoutChangingItsShape() throws Exception {
        Path file = goDatabase(true);
        Map<String, List<String>> before = shape(file);
        try (Database db = testDb.open(file)) {
            TaskStore tasks = new TaskStore(db, clock, new Ids(clock));
            CreateResult created = tasks.create(new NewTask("web:abc", "abc", "webui", "1", "webui:anna", "external", "Hi"));
            Task task = assertInstanceOf(CreateResult.Created.class, created).task();
            tasks.addUsage(task.taskId(), 10, 5, 15);
            assertEquals(15, tasks.get(task.taskId()).orElseThrow().totalTokens(), "columns addressed by name");
            assertEquals("external", task.messageType());
            assertTrue(new EventStore(db, clock).append(
                    TimelineEvent.create("WEBUI_IN_1", "abc", "webui:anna", "anna", "TEXT", "Hi", "WEBUI_INBOUND", true)
                            .withMetadata("{\"channel\":\"webui\"}")));
        }
        Map<String, List<String>> after = new TreeMap<>(shape(file));
        assertTrue(after.remove("token_usage") != null, "our own table for metered tokens is added");
        List<String> jobs = after.remove("scheduled_jobs");
        assertEquals(before.remove("scheduled_jobs"), jobs.subList(0, 7), "the original's job columns come first");
        assertEquals(12, jobs.size() - 7, "what a job needs is appended: " + jobs);
        for (String table : List.of("delegation_events", "group_members", "group_membership_history",
                "group_memory_items", "group_skill_channels", "group_tasks", "group_traces")) {
            assertTrue(after.remove(table) != null, "the group's table " + table + " is added (V6)");
        }
        assertEquals(before, after, "nothing else added to a database that already has every column");
        assertTrue(testDb.logText().contains("added_columns=none"), testDb.logText());
    }

    @Test
    void migrationThatCannotCompleteStopsStartupAndChangesNothing() throws Exception {
        Path file = dir.resolve("timeline.db");
        TestDb.raw(file, "CREATE TABLE timeline (id INTEGER PRIMARY KEY AUTOINCREMENT, trace_id TEXT)",
                "INSERT INTO timeline (trace_id) VALUES ('t1')");
        DatabaseException e = assertThrows(DatabaseException.class, () -> testDb.open(file));
        assertTrue(e.getMessage().contains("event_id") && e.getMessage().contains("UNIQUE"), e.getMessage());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertEquals(0, rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'settings'")) {
                assertEquals(0, rs.getInt(1), "the whole step was rolled back");
            }
        }
    }

    private Path goDatabase(boolean upgradedByGo) throws Exception {
        Path file = dir.resolve("timeline.db");
        String[] upgrades = upgradedByGo ? GoSchema.GO_UPGRADES : new String[0];
        TestDb.raw(file, Stream.of(new String[] {"PRAGMA journal_mode = WAL"}, GoSchema.LEGACY, upgrades, GoSchema.LEGACY_ROWS)
                .flatMap(Stream::of).toArray(String[]::new));
        return file;
    }

    /** Every table's columns with declared type, NOT NULL and default, read directly from the file. */
    private static Map<String, List<String>> shape(Path file) throws Exception {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'memory_chunks_fts%'")) { // our keyword index is added, by design
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                List<String> cols = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + t + ")")) {
                    while (rs.next()) {
                        cols.add(rs.getString("name") + " " + rs.getString("type") + " " + rs.getInt("notnull") + " " + rs.getString("dflt_value"));
                    }
                }
                out.put(t, cols);
            }
        }
        return out;
    }
}
