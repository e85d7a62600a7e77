package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static gomikrobot.gateway.ApiAssertions.okList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gomikrobot.json.JsonObject;
import gomikrobot.timeline.TimelineEvent;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineApiTest {
    @TempDir
    Path tmp;
    private StoreFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new StoreFixture(tmp, (timeline, router) -> new TimelineApi(timeline.events()).mount(router));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private void event(String id, String trace, String sender, boolean authorized, int minute) {
        f.timeline.events().append(TimelineEvent.create(id, trace, sender, "User", "TEXT", "text " + id, "ASSISTANCE",
                authorized).withTimestamp(Instant.parse("2026-02-14T09:00:00Z").plusSeconds(60L * minute))
                .withMetadata(minute == 0 ? "" : "{\"channel\":\"whatsapp\"}"));
    }

    private List<String> ids(String query) throws Exception {
        return okList(f.server.get("/api/v1/timeline" + query)).stream().map(e -> e.string("event_id", "")).toList();
    }

    @Test
    void emptyTimelineIsAnEmptyArrayNotNull() throws Exception {
        assertEquals("[]\n", f.server.get("/api/v1/timeline").body());
    }

    @Test
    void listsNewestFirstWithTheContractFields() throws Exception {
        event("a", "t1", "491", true, 0);
        event("b", "t1", "492", true, 1);
        List<JsonObject> events = okList(f.server.get("/api/v1/timeline"));
        assertEquals(List.of("b", "a"), events.stream().map(e -> e.string("event_id", "")).toList());
        JsonObject newest = events.getFirst();
        assertEquals(List.of("id", "event_id", "trace_id", "span_id", "parent_span_id", "timestamp", "sender_id",
                "sender_name", "event_type", "content_text", "media_path", "vector_id", "classification", "authorized",
                "metadata"), List.copyOf(newest.asMap().keySet()));
        assertEquals("2026-02-14T09:01:00Z", newest.string("timestamp", ""));
        assertEquals("{\"channel\":\"whatsapp\"}", newest.string("metadata", ""), "metadata is a JSON string");
        assertFalse(events.get(1).has("metadata"), "empty metadata is left out");
    }

    @Test
    void filtersBySenderTraceAndAuthorization() throws Exception {
        event("a", "t1", "491", true, 0);
        event("b", "t2", "492", false, 1);
        event("c", "t1", "492", true, 2);
        assertEquals(List.of("c", "b"), ids("?sender=492"));
        assertEquals(List.of("c", "a"), ids("?trace_id=t1"));
        assertEquals(List.of("c", "a"), ids("?authorized=true"));
        assertEquals(List.of("b"), ids("?authorized=false"));
        assertEquals(List.of("c", "b", "a"), ids("?authorized=all"));
        assertEquals(List.of("c"), ids("?sender=492&authorized=true"));
    }

    @Test
    void pagesWithLimitAndOffset() throws Exception {
        for (int i = 0; i < 5; i++) {
            event("e" + i, "t", "s", true, i);
        }
        assertEquals(List.of("e4", "e3"), ids("?limit=2"));
        assertEquals(List.of("e2", "e1"), ids("?limit=2&offset=2"));
        assertEquals(List.of(), ids("?offset=9"));
    }

    @Test
    void rejectsLimitsOutsideOneToThousandAndNegativeOffsets() throws Exception {
        for (String limit : List.of("0", "-1", "1001", "ten", "1.5")) {
            fails(f.server.get("/api/v1/timeline?limit=" + limit), 400, "limit must be an integer from 1 to 1000");
        }
        fails(f.server.get("/api/v1/timeline?offset=-1"), 400, "offset must be a non-negative integer");
        fails(f.server.get("/api/v1/timeline?authorized=maybe"), 400, "authorized must be true, false or all");
        assertEquals(200, f.server.get("/api/v1/timeline?limit=1000").statusCode());
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        ApiAssertions.status(f.server.post("/api/v1/timeline", "{}"), 405);
    }

    /**
     * A large timeline is paged from the newest row down, whatever the filter. How fast is measured by
     * {@code make bench}; that the queries are index-ordered and stop after a page is checked by their plans in
     * EventStoreTest.
     */
    @Test
    void pagesOfALargeTimelineAreTheNewestMatchingRows() throws Exception {
        f.db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                        + " INSERT INTO timeline (event_id, trace_id, span_id, parent_span_id, timestamp, sender_id,"
                        + " sender_name, event_type, content_text, media_path, vector_id, classification, authorized,"
                        + " metadata) SELECT 'E' || i, 'trace-' || (i / 4), '', '', strftime('%Y-%m-%d %H:%M:%S', 1700000000 + i,"
                        + " 'unixepoch') || '.000Z', 'sender-' || (i % 50), 'User', 'TEXT', 'hello', '', '', 'ASSISTANCE',"
                        + " i % 10 <> 0, '' FROM n");
            }
            return null;
        });
        assertEquals(List.of("E20000", "E19999"), ids("?limit=2"));
        assertEquals(List.of("E20000", "E19990"), ids("?authorized=false&limit=2"));
        assertEquals(List.of("E19444", "E19443"), ids("?authorized=true&offset=500&limit=2"));
        assertEquals(List.of("E495", "E494", "E493", "E492"), ids("?trace_id=trace-123"));
        List<String> sender = ids("?sender=sender-7&limit=50");
        assertEquals(50, sender.size());
        assertEquals(List.of("E19957", "E19907"), sender.subList(0, 2));
        assertEquals(1000, ids("?limit=1000").size());
    }
}
