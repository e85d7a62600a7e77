package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static gomikrobot.gateway.ApiAssertions.okList;
import static gomikrobot.gateway.ApiAssertions.okObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.CreateResult;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TimelineEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceApiTest {
    private static final Instant T0 = Instant.parse("2026-02-14T09:23:45Z");

    @TempDir
    Path tmp;
    private StoreFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new StoreFixture(tmp, (timeline, router) -> TraceApis.over(timeline, ZoneId.of("Europe/Berlin"))
                .mount(router));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private void event(String id, int second, String senderName, String classification, String content, String metadata) {
        f.timeline.events().append(TimelineEvent.create(id, "tr1", senderName.equals("User") ? "4912345" : "AGENT",
                senderName, senderName.equals("User") ? "TEXT" : "SYSTEM", content, classification, true)
                .withTimestamp(T0.plusSeconds(second)).withMetadata(metadata));
    }

    private Map<String, JsonObject> spansById(JsonObject trace) {
        Map<String, JsonObject> spans = new java.util.LinkedHashMap<>();
        for (Object span : trace.array("spans")) {
            JsonObject s = JsonObject.of((Map<?, ?>) span);
            spans.put(s.string("id", ""), s);
        }
        return spans;
    }

    @Test
    void unknownTraceHasEmptyListsAndNoTask() throws Exception {
        var response = f.server.get("/api/v1/trace/nope");
        okObject(response);
        assertEquals("{\"policy_decisions\":[],\"spans\":[],\"task\":null,\"trace_id\":\"nope\"}\n", response.body());
    }

    @Test
    void blankTraceIdIsRejected() throws Exception {
        fails(f.server.get("/api/v1/trace/%20"), 400, "trace_id required");
        fails(f.server.get("/api/v1/trace/"), 400, "trace_id required");
        fails(f.server.get("/api/v1/policy-decisions"), 400, "trace_id required");
    }

    @Test
    void derivesSpansPerTheContract() throws Exception {
        String longAnswer = "é".repeat(150); // 300 bytes: cut at 200 bytes, never inside a character
        event("in-wa", 0, "User", "ASSISTANCE", "hi", "{\"sender\":\"4912345\",\"channel\":\"whatsapp\"}");
        event("WEBUI_IN_1", 1, "alice", "WEBUI_INBOUND", "hello", "");
        event("LLM_tr1_0_1", 2, "LLM", "LLM", "model=m", Json.write(Json.object("duration_ms", 1234.7,
                "response_text", longAnswer, "tool_calls", List.of(Json.object("name", "read_file", "arguments", "{}")))));
        event("TOOL_tr1_read_file_1", 3, "Tool", "TOOL", "tool=read_file", "{\"tool_name\":\"read_file\",\"duration_ms\":5}");
        event("WA_OUT_1", 4, "Agent", "WHATSAPP_OUTBOUND status=sent to=x", "the answer", "{\"response_text\":\"old\"}");
        event("ODD_1", 5, "cron", "HEARTBEAT", "tick", "not json");
        Task task = ((CreateResult.Created) f.timeline.tasks().create(new NewTask("web:tr1", "tr1", "webui", "1",
                "webui:alice", NewTask.EXTERNAL, "hello"))).task();
        f.timeline.tasks().addUsage(task.taskId(), 10, 5, 15);
        f.timeline.tasks().complete(task.taskId(), "the answer");

        JsonObject trace = okObject(f.server.get("/api/v1/trace/tr1"));
        assertEquals(List.of("policy_decisions", "spans", "task", "trace_id"), List.copyOf(trace.asMap().keySet()));
        Map<String, JsonObject> spans = spansById(trace);
        assertEquals(List.of("ODD_1", "WA_OUT_1", "TOOL_tr1_read_file_1", "LLM_tr1_0_1", "WEBUI_IN_1", "in-wa"),
                List.copyOf(spans.keySet()), "newest first, as the original");

        JsonObject inbound = spans.get("in-wa");
        assertEquals(List.of("id", "type", "title", "time", "duration", "output", "metadata"), List.copyOf(inbound.asMap().keySet()));
        assertEquals("INBOUND", inbound.string("type", ""));
        assertEquals("10:23:45", inbound.string("time", ""), "wall clock of the gateway's zone");
        assertEquals("hi", inbound.string("output", ""));
        assertEquals(Json.object("channel", "whatsapp", "content", "hi", "message_type", "TEXT", "sender", "User"),
                inbound.object("metadata").asMap(), "channel stays the channel; keys alphabetical");
        assertEquals("webui", spans.get("WEBUI_IN_1").object("metadata").string("channel", ""),
                "without stored metadata the channel is the task's");

        JsonObject llm = spans.get("LLM_tr1_0_1");
        assertEquals("LLM", llm.string("type", ""));
        assertEquals("1234ms", llm.string("duration", ""));
        assertEquals("é".repeat(100) + "...", llm.string("output", ""));
        assertEquals("{\"arguments\":\"{}\",\"name\":\"read_file\"}",
                Json.write(llm.object("metadata").array("tool_calls").getFirst()), "nested objects sorted too");

        JsonObject tool = spans.get("TOOL_tr1_read_file_1");
        assertEquals(List.of("TOOL", "read_file", "5ms"), List.of(tool.string("type", ""), tool.string("output", ""),
                tool.string("duration", "")));
        JsonObject outbound = spans.get("WA_OUT_1");
        assertEquals("OUTBOUND", outbound.string("type", ""));
        assertEquals("the answer", outbound.object("metadata").string("response_text", ""));
        JsonObject odd = spans.get("ODD_1");
        assertEquals(List.of("EVENT", "", ""), List.of(odd.string("type", ""), odd.string("output", ""), odd.string("duration", "")));
        assertFalse(odd.has("metadata"), "unparsable metadata is left out");

        JsonObject info = trace.object("task");
        assertEquals(List.of("channel", "completed_at", "completion_tokens", "created_at", "delivery_status",
                "prompt_tokens", "status", "task_id", "total_tokens"), List.copyOf(info.asMap().keySet()));
        assertEquals(task.taskId(), info.string("task_id", ""));
        assertEquals(Task.COMPLETED, info.string("status", ""));
        assertEquals(15, info.integer("total_tokens", 0));
        Instant completed = Instant.parse(info.string("completed_at", ""));
        assertTrue(completed.isAfter(Instant.now().minusSeconds(60)), "the real completion time: " + completed);
    }

    @Test
    void graphHasANodePerEventAndAnEdgePerParentSpan() throws Exception {
        event("in-wa", 0, "User", "ASSISTANCE", "hi", "");
        event("NO_CLASS", 1, "User", "", "hi again", "");
        event("TOOL_1", 2, "Tool", "TOOL", "tool=read_file", "{\"duration_ms\":5}");
        event("POLICY_1", 3, "Policy", "POLICY_DENIED", "exec", "");
        f.timeline.events().append(new TimelineEvent(0, "LLM_1", "tr1", "span-llm", "span-root", T0.plusSeconds(4),
                "AGENT", "LLM", "SYSTEM", "model=m", "", "", "LLM", true, "{\"duration_ms\":812.9}"));
        f.timeline.policy().record("tr1", "task-1", "exec", 2, "alice", "webui", false, "tier_2_denied_for_external_message");

        JsonObject graph = okObject(f.server.get("/api/v1/trace-graph/tr1"));
        assertEquals(List.of("nodes", "edges", "task", "policy_decisions"), List.copyOf(graph.asMap().keySet()),
                "approvals left out: there are none");
        List<JsonObject> nodes = graph.array("nodes").stream().map(n -> JsonObject.of((Map<?, ?>) n)).toList();
        assertEquals(List.of("LLM_1", "POLICY_1", "TOOL_1", "NO_CLASS", "in-wa"),
                nodes.stream().map(n -> n.string("id", "")).toList());
        assertEquals(List.of("LLM", "POLICY", "TOOL", "EVENT", "INBOUND"), nodes.stream().map(n -> n.string("type", "")).toList(),
                "INBOUND needs a classification in the graph");
        JsonObject llm = nodes.getFirst();
        assertEquals(List.of("id", "span_id", "parent_span_id", "type", "title", "start_time", "end_time", "duration_ms",
                "agent_id", "output"), List.copyOf(llm.asMap().keySet()));
        assertEquals(List.of("span-llm", "span-root", "10:23:49", 812L, "local"), List.of(llm.string("span_id", ""),
                llm.string("parent_span_id", ""), llm.string("start_time", ""), llm.integer("duration_ms", -1),
                llm.string("agent_id", "")));
        assertEquals(List.of(Json.object("source", "span-root", "target", "span-llm")), graph.array("edges"));
        assertEquals(1, graph.array("policy_decisions").size());
    }

    @Test
    void emptyGraphHasEmptyListsAndABlankIdIsRejected() throws Exception {
        var response = f.server.get("/api/v1/trace-graph/nope");
        okObject(response);
        assertEquals("{\"nodes\":[],\"edges\":[],\"task\":null,\"policy_decisions\":[]}\n", response.body());
        fails(f.server.get("/api/v1/trace-graph/%20"), 400, "trace_id required");
    }

    @Test
    void listsPolicyDecisionsInBothRoutes() throws Exception {
        f.timeline.policy().record("tr2", "task-1", "read_file", 0, "alice", "webui", true, "tier_0_always_allowed");
        f.timeline.policy().record("tr2", "task-1", "exec", 2, "alice", "webui", false, "tier_2_denied_for_external_message");

        List<Object> items = okObject(f.server.get("/api/v1/trace/tr2")).array("policy_decisions");
        assertEquals(2, items.size());
        JsonObject denied = JsonObject.of((Map<?, ?>) items.get(1));
        assertEquals(List.of("allowed", "reason", "tier", "time", "tool"), List.copyOf(denied.asMap().keySet()));
        assertEquals(List.of(false, "tier_2_denied_for_external_message", 2L, "exec"), List.of(denied.bool("allowed", true),
                denied.string("reason", ""), denied.integer("tier", 0), denied.string("tool", "")));
        assertTrue(denied.string("time", "").matches("\\d{2}:\\d{2}:\\d{2}"), denied.string("time", ""));

        List<JsonObject> full = okList(f.server.get("/api/v1/policy-decisions?trace_id=tr2"));
        assertEquals(List.of("read_file", "exec"), full.stream().map(d -> d.string("tool", "")).toList());
        assertEquals("task-1", full.getFirst().string("task_id", ""));
        assertTrue(full.getFirst().string("created_at", "").endsWith("Z"), "RFC 3339 in UTC");
        assertEquals("[]\n", f.server.get("/api/v1/policy-decisions?trace_id=none").body());
    }
}
