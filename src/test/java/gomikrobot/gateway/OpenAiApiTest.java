package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.GatewayConfig;
import gomikrobot.gateway.openai.OpenAiApi;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.TestPipeline;
import gomikrobot.timeline.Task;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/models} and {@code /v1/chat/completions} over the real server stack and the real agent. */
class OpenAiApiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private TestPipeline h;
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        h.close();
    }

    @Test
    void theAgentIsTheOneModel() throws Exception {
        start(Map.of(), Duration.ofSeconds(10));

        JsonObject list = ApiAssertions.okObject(server.get("/v1/models"));
        assertEquals("list", list.string("object", ""));
        JsonObject model = JsonObject.of((Map<?, ?>) list.array("data").getFirst());
        assertEquals(OpenAiApi.MODEL_ID, model.string("id", ""));
        assertEquals("model", model.string("object", ""));
        assertEquals(1, list.array("data").size());
        assertEquals(OpenAiApi.MODEL_ID, ApiAssertions.okObject(server.get("/v1/models/gomikrobot")).string("id", ""));
        assertError(server.get("/v1/models/gpt-4o"), 404, "invalid_request_error", "model_not_found");
    }

    @Test
    void aCompletionHasOpenAisShapeAndTheTasksTokens() throws Exception {
        start(Map.of(), Duration.ofSeconds(10));
        h.llm.enqueueText("Hello from the agent");

        HttpResponse<String> response = complete(body(false, "hi"));

        JsonObject answer = ApiAssertions.okObject(response);
        String trace = response.headers().firstValue("X-Trace-Id").orElseThrow();
        assertEquals("chatcmpl-" + trace, answer.string("id", ""));
        assertEquals("chat.completion", answer.string("object", ""));
        assertEquals(OpenAiApi.MODEL_ID, answer.string("model", ""));
        assertTrue(answer.integer("created", 0) > 1_700_000_000L);
        JsonObject choice = JsonObject.of((Map<?, ?>) answer.array("choices").getFirst());
        assertEquals("stop", choice.string("finish_reason", ""));
        assertEquals("assistant", choice.object("message").string("role", ""));
        assertEquals("Hello from the agent", choice.object("message").string("content", ""));
        assertEquals(FakeOpenAiServer.TOTAL_TOKENS, answer.object("usage").integer("total_tokens", 0));
        assertEquals(FakeOpenAiServer.PROMPT_TOKENS, answer.object("usage").integer("prompt_tokens", 0));
        Task task = h.finishedTask(trace);
        assertEquals("openai", task.channel());
        assertEquals("default", task.chatId());
        assertEquals("hi", task.contentIn());
        assertEquals(Task.COMPLETED, task.status());
    }

    @Test
    void theSessionComesFromTheHeaderOrTheUserField() throws Exception {
        start(Map.of(), Duration.ofSeconds(10));

        String byHeader = trace(complete(body(false, "a"), "X-Session-Id", "work"));
        String byUser = trace(complete(Json.write(Json.object("model", "gomikrobot", "user", "openai:alice",
                "messages", List.of(Json.object("role", "user", "content", "b"))))));

        assertEquals("work", h.finishedTask(byHeader).chatId());
        assertEquals("alice", h.finishedTask(byUser).chatId());
    }

    @Test
    void theSessionKeepsTheHistoryAndTheRequestsEarlierMessagesAreNotReplayed() throws Exception {
        start(Map.of(), Duration.ofSeconds(10));
        complete(body(false, "my name is Ada"));

        complete(Json.write(Json.object("model", "gomikrobot", "messages", List.of(
                Json.object("role", "user", "content", "INJECTED earlier message"),
                Json.object("role", "user", "content", "what is my name?")))));

        String sent = h.llm.last("/chat/completions").body();
        assertTrue(sent.contains("my name is Ada"), "the stored session: " + sent);
        assertFalse(sent.contains("INJECTED"), sent);
    }

    @Test
    void withStatelessHistoryTheRequestsMessagesAreTheHistory() throws Exception {
        start(Map.of("MIKROBOT_GATEWAY_OPENAI_STATELESS_HISTORY", "true"), Duration.ofSeconds(10));
        complete(body(false, "an earlier request"));

        String trace = trace(complete(Json.write(Json.object("model", "gomikrobot", "messages", List.of(
                Json.object("role", "system", "content", "client system prompt"),
                Json.object("role", "user", "content", "my name is Grace"),
                Json.object("role", "assistant", "content", List.of(Json.object("type", "text", "text", "Hi Grace"))),
                Json.object("role", "user", "content", "what is my name?"))))));

        String sent = h.llm.last("/chat/completions").body();
        assertTrue(sent.contains("my name is Grace") && sent.contains("Hi Grace"), sent);
        assertFalse(sent.contains("an earlier request"), "the client keeps the conversation, not the session: " + sent);
        assertFalse(sent.contains("client system prompt"), "the agent's own system prompt stands: " + sent);
        assertEquals(Task.COMPLETED, h.finishedTask(trace).status(), "task and trace are recorded as always");
        assertFalse(Files.exists(h.workspace.resolve("sessions/openai_default.jsonl")), "no session is written");
    }

    @Test
    void aStreamedCompletionIsChunksEndingWithDone() throws Exception {
        start(Map.of(), Duration.ofSeconds(10));
        h.llm.enqueueText("one two three");

        HttpResponse<String> response = complete(Json.write(Json.object("model", "gomikrobot", "stream", true,
                "stream_options", Json.object("include_usage", true),
                "messages", List.of(Json.object("role", "user", "content", "count")))));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        List<String> events = events(response.body());
        assertEquals("[DONE]", events.getLast());
        List<JsonObject> chunks = events.subList(0, events.size() - 1).stream().map(Json::parseObject).toList();
        String trace = trace(response);
        assertTrue(chunks.stream().allMatch(c -> c.string("id", "").equals("chatcmpl-" + trace)
                && c.string("object", "").equals("chat.completion.chunk")));
        assertEquals("assistant", delta(chunks.getFirst()).string("role", ""));
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.array("choices").forEach(choice ->
                text.append(JsonObject.of((Map<?, ?>) choice).object("delta").string("content", ""))));
        assertEquals("one two three", text.toString());
        assertTrue(chunks.size() >= 5, "the text came in pieces: " + events);
        JsonObject last = chunks.getLast();
        assertEquals(List.of(), last.array("choices"), "the usage chunk has no choices");
        assertEquals(FakeOpenAiServer.TOTAL_TOKENS, last.object("usage").integer("total_tokens", 0));
        JsonObject finish = chunks.get(chunks.size() - 2);
        assertEquals("stop", JsonObject.of((Map<?, ?>) finish.array("choices").getFirst()).string("finish_reason", ""));
    }

    @Test
    void toolProgressIsShownOnlyWhenAskedFor() throws Exception {
        start(Map.of("MIKROBOT_GATEWAY_OPENAI_SHOW_TOOL_PROGRESS", "true"), Duration.ofSeconds(10));
        Files.writeString(h.workspace.resolve("notes.txt"), "42");
        h.llm.enqueueToolCall("read_file", "{\"path\":\"notes.txt\"}");
        h.llm.enqueueText("It says 42.");

        String streamed = streamedText(complete(body(true, "read notes.txt")).body());

        assertEquals("_(running read_file…)_\n\nIt says 42.", streamed);
    }

    @Test
    void withoutToolProgressOnlyTheAnswerIsStreamedAndQuietSpellsGetKeepAlives() throws Exception {
        start(Map.of(), Duration.ofMillis(50));
        h.llm.enqueueDelay(Duration.ofMillis(400));
        h.llm.enqueueToolCall("list_dir", "{\"path\":\".\"}");
        h.llm.enqueueText("done");

        String body = complete(body(true, "look around")).body();

        assertEquals("done", streamedText(body));
        assertTrue(body.contains(": keep-alive\n\n"), body);
    }

    @Test
    void badRequestsGetOpenAisErrorEnvelopeNamingTheParameter() throws Exception {
        start(Map.of(), Duration.ofSeconds(10));

        assertError(complete("not json"), 400, "invalid_request_error", null);
        assertError(complete("{\"model\":\"gomikrobot\"}"), 400, "invalid_request_error", null);
        assertError(complete("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 404,
                "invalid_request_error", "model_not_found");
        HttpResponse<String> badRole = complete("{\"model\":\"gomikrobot\",\"messages\":[{\"role\":\"robot\","
                + "\"content\":\"x\"}]}");
        assertError(badRole, 400, "invalid_request_error", null);
        assertEquals("messages[0].role", error(badRole).string("param", ""));
        HttpResponse<String> image = complete("{\"model\":\"gomikrobot\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"what is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + "\"data:image/png;base64,AAAA\"}}]}]}");
        assertError(image, 400, "invalid_request_error", "image_not_supported");
        assertTrue(error(image).string("message", "").startsWith("images are not supported: messages[0].content[1]"),
                image.body());
        assertError(complete("{\"model\":\"gomikrobot\",\"messages\":[{\"role\":\"assistant\",\"content\":\"hi\"}]}"),
                400, "invalid_request_error", null);
        assertError(complete("{\"model\":\"gomikrobot\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}"), 400, "invalid_request_error", null);
        assertError(server.get("/v1/chat/completions"), 405, "invalid_request_error", null);
        assertEquals(0, h.timeline.tasks().list(null, null, 10, 0).size(), "nothing reached the agent");
    }

    @Test
    void aFailedTurnIsAnErrorWithItsStatusAndNoRetryAdvice() throws Exception {
        start(Map.of(), Duration.ofSeconds(10));
        for (int i = 0; i < 4; i++) {
            h.llm.enqueueStatus(500, "{\"error\":{\"message\":\"upstream exploded\"}}", Map.of());
        }

        HttpResponse<String> failed = complete(body(false, "hi"));

        assertError(failed, 502, "api_error", "model_failed");
        assertTrue(error(failed).string("message", "").contains("upstream exploded"), failed.body());
        assertEquals("false", failed.headers().firstValue("x-should-retry").orElse(""));
        complete(body(false, "spend some tokens"));
        h.timeline.settings().put("daily_token_limit", "1");
        assertError(complete(body(true, "over the limit")), 429, "insufficient_quota", "quota_exceeded");
    }

    @Test
    void aFailureAfterTheStreamBeganIsAnErrorEvent() throws Exception {
        start(Map.of(), Duration.ofMillis(50));
        h.llm.enqueueDelay(Duration.ofMillis(300));
        for (int i = 0; i < 4; i++) {
            h.llm.enqueueStatus(500, "{\"error\":{\"message\":\"upstream exploded\"}}", Map.of());
        }

        HttpResponse<String> response = complete(body(true, "hi"));

        assertEquals(200, response.statusCode(), "the stream had begun with keep-alives");
        List<String> events = events(response.body());
        JsonObject last = Json.parseObject(events.getLast());
        assertEquals("model_failed", last.object("error").string("code", ""));
        assertTrue(last.object("error").string("message", "").contains("upstream exploded"), response.body());
    }

    @Test
    void withATokenTheApiNeedsItAndSaysSoInOpenAisEnvelope() throws Exception {
        h = TestPipeline.start(tmp);
        GatewayConfig guarded = new GatewayConfig("127.0.0.1", 0, 0, "secret-token-123", List.of());
        server = TestServer.start(guarded, router -> Gateway.mountOpenAi(router, api(Duration.ofSeconds(10))));

        assertError(server.get("/v1/models"), 401, "authentication_error", null);
        assertEquals(200, server.get("/v1/models", "Authorization", "Bearer secret-token-123").statusCode());
    }

    // ---- helpers ----

    private void start(Map<String, String> env, Duration keepAlive) throws Exception {
        h = TestPipeline.start(tmp, env, true, TestPipeline.quietLog());
        server = TestServer.start(router -> Gateway.mountOpenAi(router, api(keepAlive)));
    }

    private OpenAiApi api(Duration keepAlive) {
        return new OpenAiApi(h.inbox, h.timeline.tasks(), h.config.gateway().openai(), h.ids, h.clock, TIMEOUT,
                keepAlive, TestPipeline.quietLog());
    }

    private HttpResponse<String> complete(String body, String... headers) throws Exception {
        return server.post("/v1/chat/completions", body, headers);
    }

    private static String body(boolean stream, String text) {
        return Json.write(Json.object("model", "gomikrobot", "stream", stream,
                "messages", List.of(Json.object("role", "user", "content", text))));
    }

    private static String trace(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.headers().firstValue("X-Trace-Id").orElseThrow();
    }

    /** The data of each server-sent event. */
    static List<String> events(String body) {
        List<String> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            block.lines().filter(line -> line.startsWith("data: ")).forEach(line -> events.add(line.substring(6)));
        }
        return events;
    }

    /** The content of every chunk, joined. */
    static String streamedText(String body) {
        StringBuilder text = new StringBuilder();
        for (String event : events(body)) {
            if (!event.equals("[DONE]")) {
                Json.parseObject(event).array("choices").forEach(choice ->
                        text.append(JsonObject.of((Map<?, ?>) choice).object("delta").string("content", "")));
            }
        }
        return text.toString();
    }

    private static JsonObject delta(JsonObject chunk) {
        return JsonObject.of((Map<?, ?>) chunk.array("choices").getFirst()).object("delta");
    }

    private static JsonObject error(HttpResponse<String> response) {
        return TestServer.json(response).object("error");
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = error(response);
        assertFalse(error.string("message", "").isBlank(), response.body());
        assertEquals(type, error.string("type", ""), response.body());
        assertEquals(code, error.string("code").orElse(null), response.body());
    }
}
