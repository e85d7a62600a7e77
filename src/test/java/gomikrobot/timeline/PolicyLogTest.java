package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLogTest {
    @TempDir
    Path dir;

    @Test
    void recordsDecisionsAndReadsThemBackOldestFirst() {
        try (Database db = new TestDb().open(dir.resolve("timeline.db"))) {
            PolicyLog log = new PolicyLog(db);
            log.record("t1", "task1", "read_file", 0, "491", "whatsapp", true, "tier_0_always_allowed");
            log.record("t1", "task1", "exec", 2, "491", "whatsapp", false, "tier_2_denied_for_external_message");
            log.record("t2", null, "exec", 2, null, null, true, null);
            List<PolicyDecision> t1 = log.byTrace("t1");
            assertEquals(List.of("read_file", "exec"), t1.stream().map(PolicyDecision::tool).toList());
            assertTrue(t1.get(0).allowed());
            assertFalse(t1.get(1).allowed());
            assertEquals(0L, (long) db.read(c -> Rows.scalar(c, "SELECT allowed FROM policy_decisions WHERE tool = 'exec' AND trace_id = 't1'")));
            assertTrue(log.byTrace("none").isEmpty());
            assertThrows(IllegalArgumentException.class, () -> log.record("t", "", " ", 0, "", "", true, ""));
        }
    }

    @Test
    void jsonOmitsEmptyOptionalTexts() {
        try (Database db = new TestDb().open(dir.resolve("timeline.db"))) {
            PolicyLog log = new PolicyLog(db);
            log.record("t2", "", "exec", 2, "", "", true, "");
            Map<String, Object> json = log.byTrace("t2").getFirst().toJson();
            assertEquals(List.of("id", "trace_id", "tool", "tier", "allowed", "created_at"), List.copyOf(json.keySet()));
            assertEquals(2L, json.get("tier"));
        }
    }
}
