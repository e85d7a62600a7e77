package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalStoreTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock("2026-03-01T08:00:00Z");

    @Test
    void aRequestIsPendingUntilSettledOnceAndKeepsWhenItWasAnswered() {
        try (Database db = new TestDb().open(dir.resolve("timeline.db"))) {
            ApprovalStore store = new ApprovalStore(db, clock);
            ApprovalRecord created = store.create("7f3a0c1d2e3f4a5b", "wa-1", "task-1", "exec", 2,
                    "{\"command\":\"git pull\"}", "4917612345678", "whatsapp");
            assertEquals(List.of("7f3a0c1d2e3f4a5b"), store.pending().stream().map(ApprovalRecord::approvalId).toList());
            assertEquals("7f3a", created.code());
            assertNull(created.respondedAt());

            clock.advance(Duration.ofSeconds(42));
            assertTrue(store.settle("7f3a0c1d2e3f4a5b", ApprovalRecord.APPROVED));
            assertFalse(store.settle("7f3a0c1d2e3f4a5b", ApprovalRecord.TIMEOUT), "a settled request stays as it is");

            ApprovalRecord answered = store.byId("7f3a0c1d2e3f4a5b").orElseThrow();
            assertEquals(ApprovalRecord.APPROVED, answered.status());
            assertEquals(Instant.parse("2026-03-01T08:00:42Z"), answered.respondedAt());
            assertEquals(List.of(), store.pending());
            assertEquals(List.of(answered), store.byTrace("wa-1"));
            assertEquals(Optional.of(answered), store.newestWithCode("7f3a"));
            assertEquals(Optional.empty(), store.newestWithCode("7f3a%"), "a code is hex, never a pattern");
        }
    }

    @Test
    void jsonIsTheContractsApprovalRecord() {
        try (Database db = new TestDb().open(dir.resolve("timeline.db"))) {
            ApprovalStore store = new ApprovalStore(db, clock);
            store.create("0b1c2d3e4f5a6b7c", "", "", "write_file", 1, "", "", "");
            Map<String, Object> json = store.pending().getFirst().toJson();
            assertEquals(List.of("id", "approval_id", "tool", "tier", "status", "created_at"), List.copyOf(json.keySet()));
            assertEquals(1L, json.get("tier"));
            assertEquals("2026-03-01T08:00:00Z", json.get("created_at"));
            store.settle("0b1c2d3e4f5a6b7c", ApprovalRecord.DENIED);
            assertEquals("2026-03-01T08:00:00Z", store.byId("0b1c2d3e4f5a6b7c").orElseThrow().toJson().get("responded_at"));
        }
    }
}
