package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static gomikrobot.gateway.ApiAssertions.okList;
import static gomikrobot.gateway.ApiAssertions.okObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.json.JsonObject;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.TestPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approvals API over the real agent: a stranger's {@code write_file} waits until the dashboard answers. */
class ApprovalsApiTest {
    @TempDir
    Path tmp;
    private TestPipeline h;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        h = TestPipeline.withApprovals(tmp, Map.of());
        server = TestServer.start(router -> {
            new ApprovalsApi(h.approvals).mount(router);
            TraceApis.over(h.timeline, ZoneOffset.UTC).mount(router);
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        h.close();
    }

    /** The one request waiting for the owner, once it waits (unless the turn has ended without one). */
    private JsonObject requestWaiting(CompletableFuture<Reply> reply) throws Exception {
        Eventually.await(() -> !h.approvals.pending().isEmpty() || reply.isDone(), "a pending approval");
        List<JsonObject> pending = okList(server.get(ApprovalsApi.PENDING_PATH));
        assertEquals(1, pending.size(), pending.toString());
        return pending.getFirst();
    }

    @Test
    void approvingThroughTheApiRunsTheWaitingCallAndTheTraceShowsTheWait() throws Exception {
        h.llm.enqueueToolCall("write_file", "{\"path\":\"approved.txt\",\"content\":\"written after approval\"}");
        h.llm.enqueueText("Written.");
        InboundMessage message = h.stranger("write it");
        CompletableFuture<Reply> reply = h.askLater(message);
        JsonObject request = requestWaiting(reply);
        assertEquals(List.of("id", "approval_id", "trace_id", "task_id", "tool", "tier", "arguments", "sender",
                "channel", "status", "created_at"), List.copyOf(request.asMap().keySet()));
        assertEquals(List.of("write_file", 1L, "stranger", "local", "pending"), List.of(request.string("tool", ""),
                request.integer("tier", -1), request.string("sender", ""), request.string("channel", ""),
                request.string("status", "")));
        assertTrue(request.string("arguments", "").contains("written after approval"));
        String id = request.string("approval_id", "");

        JsonObject answered = okObject(server.post("/api/v1/approvals/" + id, "{\"approved\": true}"));
        assertEquals(Map.of("approval_id", id, "status", "approved"), answered.asMap());
        assertEquals("Written.", TestPipeline.textOf(reply.get(20, TimeUnit.SECONDS)));
        assertEquals("written after approval", Files.readString(h.workspace.resolve("approved.txt")));
        assertEquals(List.of(), okList(server.get(ApprovalsApi.PENDING_PATH)));

        JsonObject graph = okObject(server.get("/api/v1/trace-graph/" + message.traceId()));
        JsonObject node = JsonObject.of((Map<?, ?>) graph.array("nodes").getLast());
        assertEquals("APPROVAL", node.string("type", ""));
        assertEquals("approval-" + id, node.string("id", ""));
        assertEquals("Approval: write_file (tier 1) → approved", node.string("title", ""));
        assertTrue(!node.string("end_time", "").isEmpty(), node.toString());
        JsonObject entry = JsonObject.of((Map<?, ?>) graph.array("approvals").getFirst());
        assertEquals(List.of("approval_id", "channel", "sender", "status", "tier", "time", "tool"),
                List.copyOf(entry.asMap().keySet()));
        JsonObject trace = okObject(server.get("/api/v1/trace/" + message.traceId()));
        assertEquals("approved_by_owner", JsonObject.of((Map<?, ?>) trace.array("policy_decisions").getFirst())
                .string("reason", ""));
        assertEquals(1, trace.array("approvals").size());
    }

    @Test
    void denyingByCodeRefusesTheCallAndAnAnsweredRequestIsAConflict() throws Exception {
        h.llm.enqueueToolCall("write_file", "{\"path\":\"denied.txt\",\"content\":\"x\"}");
        InboundMessage message = h.stranger("write it");
        CompletableFuture<Reply> reply = h.askLater(message);
        String id = requestWaiting(reply).string("approval_id", "");
        String code = id.substring(0, 4);

        JsonObject denied = okObject(server.post("/api/v1/approvals/" + code.toUpperCase(), "{\"approved\": false}"));
        assertEquals(Map.of("approval_id", id, "status", "denied"), denied.asMap());
        assertEquals("echo: write it", TestPipeline.textOf(reply.get(20, TimeUnit.SECONDS)));
        assertTrue(Files.notExists(h.workspace.resolve("denied.txt")));
        fails(server.post("/api/v1/approvals/" + id, "{\"approved\": true}"), 409, "approval " + id + " is already denied");
    }

    @Test
    void badRequestsAreAnsweredWithWhatToDo() throws Exception {
        fails(server.post("/api/v1/approvals/0123456789abcdef", "{\"approved\": true}"), 404,
                "no approval 0123456789abcdef (GET /api/v1/approvals/pending lists the waiting ones)");
        fails(server.post("/api/v1/approvals/", "{\"approved\": true}"), 400, "approval_id required");
        fails(server.post("/api/v1/approvals/0123456789abcdef", "{\"approved\": \"yes\"}"), 400,
                "approved must be true or false: {\"approved\": true}");
        fails(server.post("/api/v1/approvals/0123456789abcdef", "not json"), 400, "invalid body");
        fails(server.get("/api/v1/approvals/0123456789abcdef"), 405, "method not allowed");
        assertEquals("[]\n", server.get(ApprovalsApi.PENDING_PATH).body());
    }
}
