package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static gomikrobot.gateway.ApiAssertions.okObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.TestPipeline;
import gomikrobot.bus.InboundMessage;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TimelineEvent;
import gomikrobot.timeline.WebUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebChatApiTest {
    @TempDir
    Path tmp;
    private TestPipeline h;
    private TestServer server;
    private final List<List<Object>> forwarded = new CopyOnWriteArrayList<>();
    private volatile String forwardStatus = WhatsAppForwarder.QUEUED;

    @BeforeEach
    void start() throws Exception {
        h = TestPipeline.start(tmp);
        WhatsAppForwarder whatsapp = (jid, text, force, silent, trace) -> {
            forwarded.add(List.of(jid, text, force, silent, trace));
            return forwardStatus;
        };
        server = TestServer.start(router -> {
            new WebChatApi(h.timeline.webUsers(), h.timeline.settings(), h.timeline.events(), h.inbox,
                    whatsapp, new PartialAnswers(), h.ids, h.clock, Log.quiet()).mount(router);
            TraceApis.over(h.timeline, ZoneOffset.UTC).mount(router);
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        h.close();
    }

    private String send(long userId, String message) throws Exception {
        JsonObject answer = okObject(server.post("/api/v1/webchat/send",
                Json.write(Json.object("web_user_id", userId, "message", message))));
        assertEquals(List.of("status", "trace_id"), List.copyOf(answer.asMap().keySet()));
        assertEquals("queued", answer.string("status", ""));
        String trace = answer.string("trace_id", "");
        assertTrue(trace.matches("[0-9a-f]{16}"), trace);
        return trace;
    }

    private List<TimelineEvent> events(String trace) {
        return h.timeline.events().byTrace(trace, 100);
    }

    @Test
    void aMessageBecomesATaskAndAnInboundEventBeforeTheAnswer() throws Exception {
        WebUser alice = h.timeline.webUsers().createOrGet("alice");
        h.llm.enqueueText("Hello Alice");
        String trace = send(alice.id(), "  hi there  ");

        Task task = h.timeline.tasks().byTrace(trace).orElseThrow(() -> new AssertionError("no task at answer time"));
        assertEquals(List.of("webui", Long.toString(alice.id()), "webui:alice", "web:" + trace, "external", "  hi there  "),
                List.of(task.channel(), task.chatId(), task.senderId(), task.idempotencyKey(), task.messageType(),
                        task.contentIn()));
        TimelineEvent in = events(trace).stream().filter(e -> e.eventId().startsWith("WEBUI_IN_")).findFirst().orElseThrow();
        assertEquals(List.of("webui:alice", "alice", "TEXT", "WEBUI_INBOUND", "  hi there  "),
                List.of(in.senderId(), in.senderName(), in.eventType(), in.classification(), in.contentText()));
        assertEquals("{\"channel\":\"webui\",\"content\":\"  hi there  \",\"message_type\":\"TEXT\",\"sender\":\"alice\"}",
                in.metadata());
        assertTrue(in.authorized());

        Task done = h.finishedTask(trace);
        assertEquals(Task.COMPLETED, done.status());
        assertEquals("Hello Alice", done.contentOut());
        assertEquals(List.of(), forwarded, "no link, nothing forwarded");
        assertTrue(events(trace).stream().noneMatch(e -> e.eventId().startsWith("WEBUI_INPUT_ACK_")));
    }

    @Test
    void aLinkedUsersInputIsForwardedToWhatsAppAndLogged() throws Exception {
        WebUser bob = h.timeline.webUsers().createOrGet("bob");
        h.timeline.webUsers().link(bob.id(), "4915112345");
        h.timeline.webUsers().setForceSend(bob.id(), false);
        forwardStatus = WhatsAppForwarder.SUPPRESSED;
        String trace = send(bob.id(), "ping");

        assertEquals(List.of(List.of("4915112345@s.whatsapp.net", "ping", false, true, trace)), forwarded,
                "silent mode is on while the setting is missing");
        TimelineEvent ack = events(trace).stream().filter(e -> e.eventId().startsWith("WEBUI_INPUT_ACK_")).findFirst()
                .orElseThrow();
        assertEquals(List.of("AGENT", "Agent", "SYSTEM", "ping", "WEBUI_INPUT_OUTBOUND->4915112345@s.whatsapp.net force=false status=suppressed", ""),
                List.of(ack.senderId(), ack.senderName(), ack.eventType(), ack.contentText(), ack.classification(), ack.metadata()));

        h.timeline.settings().put("silent_mode", "false");
        forwardStatus = WhatsAppForwarder.QUEUED;
        String second = send(bob.id(), "pong");
        assertEquals(List.of("4915112345@s.whatsapp.net", "pong", false, false, second), forwarded.get(1));
        h.finishedTask(trace);
        h.finishedTask(second);
    }

    @Test
    void rejectsBadRequestsWithoutCreatingTasks() throws Exception {
        WebUser alice = h.timeline.webUsers().createOrGet("alice");
        fails(server.post("/api/v1/webchat/send", "{\"web_user_id\":999,\"message\":\"hi\"}"), 400, "web user not found");
        fails(server.post("/api/v1/webchat/send", "{\"web_user_id\":\"" + alice.id() + "\",\"message\":\"hi\"}"), 400, "invalid body");
        fails(server.post("/api/v1/webchat/send", "{\"web_user_id\":" + alice.id() + ",\"message\":5}"), 400, "invalid body");
        fails(server.post("/api/v1/webchat/send", "{\"web_user_id\":" + alice.id() + ",\"message\":\" \\n \"}"), 400,
                "web_user_id and message required");
        fails(server.post("/api/v1/webchat/send", "{\"message\":\"hi\"}"), 400, "web_user_id and message required");
        fails(server.post("/api/v1/webchat/send", "{\"web_user_id\":"), 400, "invalid body");
        ApiAssertions.status(server.get("/api/v1/webchat/send"), 405);
        assertEquals(List.of(), h.timeline.tasks().list(null, null, 10, 0));
    }

    @Test
    void aToolUsingMessageShowsEveryStepInItsTrace() throws Exception {
        Files.writeString(h.workspace.resolve("notes.txt"), "the secret number is 42");
        h.llm.enqueueToolCall("read_file", "{\"path\":\"notes.txt\"}");
        h.llm.enqueueText("The number is 42.");
        InboundMessage in = InboundMessage.of("local", "default", "local:default", "Local", "what is in notes.txt?",
                true, h.clock.instant()).withTrace(h.ids.hex16());
        assertEquals("The number is 42.", h.answer(in));

        JsonObject trace = okObject(server.get("/api/v1/trace/" + in.traceId()));
        List<JsonObject> spans = trace.array("spans").stream().map(s -> JsonObject.of((Map<?, ?>) s)).toList();
        List<String> types = spans.stream().map(s -> s.string("type", "")).toList();
        for (String type : List.of("INBOUND", "LLM", "TOOL", "OUTBOUND")) {
            assertTrue(types.contains(type), type + " missing from " + types);
        }
        JsonObject inbound = spans.stream().filter(s -> s.string("type", "").equals("INBOUND")).findFirst().orElseThrow();
        assertEquals("local", inbound.object("metadata").string("channel", ""), "the channel, not the sender id");
        JsonObject tool = spans.stream().filter(s -> s.string("type", "").equals("TOOL")).findFirst().orElseThrow();
        assertEquals("read_file", tool.string("output", ""));
        assertTrue(tool.string("duration", "").endsWith("ms"), tool.toString());
        assertTrue(spans.stream().anyMatch(s -> s.string("output", "").equals("The number is 42.")));

        JsonObject task = trace.object("task");
        assertEquals(List.of(Task.COMPLETED, "local"), List.of(task.string("status", ""), task.string("channel", "")));
        assertEquals(30, task.integer("total_tokens", 0), "two LLM calls of 15 tokens");
        JsonObject decision = JsonObject.of((Map<?, ?>) trace.array("policy_decisions").getFirst());
        assertEquals(List.of("read_file", 0L, true, "tier_0_always_allowed"), List.of(decision.string("tool", ""),
                decision.integer("tier", -1), decision.bool("allowed", false), decision.string("reason", "")));
    }
}
