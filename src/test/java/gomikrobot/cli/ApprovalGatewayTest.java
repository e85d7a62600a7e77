package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.testing.Eventually;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals in the gateway as it is wired: a web user's {@code write_file} (tier 1, over their tier 0) waits
 * for the owner, who answers through the dashboard's API; stopping the gateway ends a wait at once.
 */
class ApprovalGatewayTest {
    @TempDir
    Path dir;
    private final Http http = new Http();

    @Test
    void aWebUsersCallWaitsForTheDashboardsAnswerAndAStopEndsTheWait() throws Exception {
        String stoppedTrace;
        try (LiveGateway gw = LiveGateway.start(dir, Map.of())) {
            String dashboard = gw.dashboard();
            long user = ((Number) http.post(dashboard + "/api/v1/webusers", "{\"name\":\"Ann\"}").object().get("id"))
                    .longValue();
            Http.Reply page = http.get(dashboard + "/approvals");
            assertEquals(302, page.status());
            assertEquals("/timeline#approvals", page.header("location"));

            gw.llm.enqueueToolCall("write_file", "{\"path\":\"from-ann.txt\",\"content\":\"approved\"}");
            gw.llm.enqueueText("Written.");
            String trace = send(dashboard, user, "write a file");
            String id = awaitPending(dashboard, gw);
            Http.Reply approved = http.post(dashboard + "/api/v1/approvals/" + id, "{\"approved\":true}");
            assertEquals(Map.of("approval_id", id, "status", "approved"), approved.object(), approved.body());
            Eventually.await(() -> task(dashboard, trace).get("status").equals(Task.COMPLETED), "the answer");
            assertEquals("Written.", task(dashboard, trace).get("content_out"));
            assertEquals("approved", Files.readString(gw.workspace.resolve("from-ann.txt")));

            gw.llm.enqueueToolCall("write_file", "{\"path\":\"never.txt\",\"content\":\"x\"}");
            stoppedTrace = send(dashboard, user, "write another");
            awaitPending(dashboard, gw);
        } // the gateway stops while the call waits
        try (Database db = Database.open(dir.resolve("home").resolve("timeline.db"), Log.quiet())) {
            Timeline t = Timeline.open(db, Clock.systemUTC(), new Ids(Clock.systemUTC()));
            assertEquals("denied", t.approvals().byTrace(stoppedTrace).getFirst().status());
            Task task = t.tasks().byTrace(stoppedTrace).orElseThrow();
            assertEquals(Task.FAILED, task.status());
            assertTrue(task.errorText().startsWith("interrupted"), task.errorText());
        }
        assertTrue(Files.notExists(dir.resolve("workspace").resolve("never.txt")));
    }

    @Test
    void aToolsTiersEntryNamingNoToolIsAConfigErrorNamingTheKey() {
        Map<String, String> env = Map.of("MIKROBOT_TOOLS_TIERS", "exec=3,exce=0", "MIKROBOT_OPENAI_API_KEY",
                "sk-test-never-used", "MIKROBOT_OPENAI_API_BASE", "http://127.0.0.1:9/v1"); // no call is made
        CliRun r = CliRun.run(dir, env, "", "agent", "-m", "hi");
        assertEquals(1, r.exit, r.err);
        assertTrue(r.err.startsWith("gomikrobot agent: config error: tools.tiers.exce: there is no tool named"
                + " \"exce\" (tools: "), r.err);
        assertTrue(r.err.contains(" edit_file, exec, list_dir,"), "the tools there are, in order: " + r.err);
    }

    private String send(String dashboard, long user, String message) throws Exception {
        Http.Reply queued = http.post(dashboard + "/api/v1/webchat/send",
                Json.write(Json.object("web_user_id", user, "message", message)));
        assertEquals(200, queued.status(), queued.body());
        return (String) queued.object().get("trace_id");
    }

    /** The id of the one approval request waiting, once there is one. */
    private String awaitPending(String dashboard, LiveGateway gw) throws Exception {
        Eventually.await(() -> !pending(dashboard).isEmpty(), "a pending approval (" + gw.log() + ")");
        List<Object> pending = pending(dashboard);
        assertEquals(1, pending.size(), pending.toString());
        return (String) ((Map<?, ?>) pending.getFirst()).get("approval_id");
    }

    private List<Object> pending(String dashboard) {
        try {
            return http.get(dashboard + "/api/v1/approvals/pending").array();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Map<?, ?> task(String dashboard, String trace) {
        try {
            return http.get(dashboard + "/api/v1/tasks?channel=webui").array().stream().map(t -> (Map<?, ?>) t)
                    .filter(t -> trace.equals(t.get("trace_id"))).findFirst().orElseThrow();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
