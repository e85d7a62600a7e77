package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.MutableClock;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock("2026-02-14T09:00:00Z");
    private Database db;
    private EventStore events;

    @BeforeEach
    void open() {
        db = new TestDb().open(dir.resolve("timeline.db"));
        events = new EventStore(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void duplicateEventIdIsDroppedQuietly() {
        assertTrue(events.append(event("WA1", "wa-WA1", "491")));
        assertFalse(events.append(event("WA1", "wa-WA1", "491").withMetadata("{\"x\":1}")));
        assertEquals(1, events.count());
        assertEquals("", events.list(EventQuery.latest(10)).getFirst().metadata(), "the first write wins");
    }

    @Test
    void rejectsEventWithoutId() {
        assertThrows(IllegalArgumentException.class, () -> events.append(event("", "t", "s")));
    }

    @Test
    void fillsTimeAndTraceAndNeverStoresNullText() {
        events.append(new TimelineEvent(0, "WEBUI_ACK_1", null, null, null, null, "AGENT", "Agent", "SYSTEM",
                "reply", null, null, "WEBUI_OUTBOUND-> force=true status=no_link", true, null));
        TimelineEvent stored = events.list(EventQuery.latest(1)).getFirst();
        assertEquals("trace:WEBUI_ACK_1", stored.traceId());
        assertEquals(clock.instant(), stored.timestamp());
        long nulls = db.read(c -> Rows.scalar(c, "SELECT COUNT(*) FROM timeline WHERE event_id IS NULL OR trace_id IS NULL"
                + " OR span_id IS NULL OR parent_span_id IS NULL OR sender_id IS NULL OR sender_name IS NULL"
                + " OR event_type IS NULL OR content_text IS NULL OR media_path IS NULL OR vector_id IS NULL"
                + " OR classification IS NULL OR metadata IS NULL OR authorized IS NULL"));
        assertEquals(0, nulls);
        assertEquals("2026-02-14 09:00:00.000Z",
                db.read(c -> Rows.first(c, "SELECT timestamp FROM timeline", rs -> rs.getString(1))).orElseThrow());
    }

    @Test
    void listsNewestFirstWithFiltersAndPaging() {
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            events.append(event("E" + i, i % 2 == 0 ? "even" : "odd", "s" + (i % 2)).withTimestamp(null));
        }
        events.append(TimelineEvent.create("U1", "odd", "stranger", "User", "TEXT", "hi", "ASSISTANCE", false)
                .withTimestamp(Instant.parse("2026-02-14T08:00:00Z")));
        assertEquals(List.of("E4", "E3", "E2", "E1", "E0", "U1"), ids(events.list(EventQuery.latest(0))));
        assertEquals(List.of("E2", "E1"), ids(events.list(new EventQuery(2, 2, null, null, null))));
        assertEquals(List.of("E3", "E1"), ids(events.list(new EventQuery(10, 0, "s1", null, null))));
        assertEquals(List.of("E4", "E2", "E0"), ids(events.list(new EventQuery(10, 0, null, "even", null))));
        assertEquals(List.of("U1"), ids(events.list(new EventQuery(10, 0, null, null, false))));
        assertEquals(List.of("E3", "E1"), ids(events.list(new EventQuery(10, 0, " ", "odd", true))));
        assertEquals(List.of("U1", "E1", "E3"), ids(events.byTrace("odd", 0)), "a trace reads oldest first");
        assertEquals(List.of("U1"), ids(events.byTrace("odd", 1)));
    }

    @Test
    void sameTimestampOrdersByIdDescending() {
        events.append(event("A", "t", "s"));
        events.append(event("B", "t", "s"));
        assertEquals(List.of("B", "A"), ids(events.list(EventQuery.latest(10))));
    }

    @Test
    void queryLimitsAreDefaultedAndCapped() {
        assertEquals(100, new EventQuery(0, -5, null, null, null).limit());
        assertEquals(0, new EventQuery(0, -5, null, null, null).offset());
        assertEquals(EventQuery.MAX_LIMIT, new EventQuery(1_000_000, 0, null, null, null).limit());
    }

    @Test
    void jsonHasContractOrderAndOmitsEmptyMetadata() {
        TimelineEvent e = new TimelineEvent(7, "WA1", "wa-WA1", "", "", Instant.parse("2026-02-14T09:23:45Z"), "491",
                "User", "TEXT", "Hallo", "", "", "ASSISTANCE", true, "");
        Map<String, Object> json = e.toJson();
        assertEquals(List.of("id", "event_id", "trace_id", "span_id", "parent_span_id", "timestamp", "sender_id",
                "sender_name", "event_type", "content_text", "media_path", "vector_id", "classification", "authorized"),
                List.copyOf(json.keySet()));
        assertEquals("2026-02-14T09:23:45Z", json.get("timestamp"));
        assertEquals(7L, json.get("id"));
        assertEquals("{\"a\":1}", e.withMetadata("{\"a\":1}").toJson().get("metadata"), "metadata is text, not an object");
    }

    @Test
    void latestPageOfLargeTimelineIsServedFromTheTimestampIndex() {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
                    INSERT INTO timeline (event_id, trace_id, span_id, parent_span_id, timestamp, sender_id,
                        sender_name, event_type, content_text, media_path, vector_id, classification, authorized, metadata)
                    SELECT 'E' || i, 'trace-' || (i / 10), '', '', strftime('%Y-%m-%d %H:%M:%f', 1771059600 + i, 'unixepoch') || 'Z',
                        's' || (i % 50), 'User', 'TEXT', 'text', '', '', 'ASSISTANCE', i % 7 <> 0, '' FROM n""")) {
                return ps.executeUpdate();
            }
        });
        assertEquals(200_000, events.count());
        String plain = plan(EventQuery.latest(100));
        assertTrue(plain.contains("idx_timeline_timestamp") && !plain.contains("TEMP B-TREE"), plain);
        String authorized = plan(new EventQuery(100, 0, null, null, true));
        assertTrue(authorized.contains("idx_timeline_timestamp") && !authorized.contains("TEMP B-TREE"), authorized);
        String trace = plan(new EventQuery(100, 0, null, "trace-7", null));
        assertTrue(trace.contains("idx_timeline_trace"), trace);
        List<TimelineEvent> page = events.list(EventQuery.latest(100));
        assertEquals("E200000", page.getFirst().eventId());
        assertEquals(100, page.size());
    }

    private String plan(EventQuery q) {
        EventStore.ListQuery query = EventStore.listQuery(q);
        List<String> steps = db.read(c -> Rows.list(c, "EXPLAIN QUERY PLAN " + query.sql(),
                rs -> rs.getString(4), query.params()));
        return String.join("\n", steps);
    }

    private static TimelineEvent event(String id, String trace, String sender) {
        return TimelineEvent.create(id, trace, sender, "User", "TEXT", "text " + id, "ASSISTANCE", true);
    }

    private static List<String> ids(List<TimelineEvent> list) {
        return list.stream().map(TimelineEvent::eventId).toList();
    }
}
