package gomikrobot.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.JsonObject;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatCompletionTest {
    private static final String KEY = "sk-test-0123456789abcdef";
    private static final Map<String, Object> READ_FILE_TOOL = Map.of("type", "function", "function",
            Map.of("name", "read_file", "description", "Read a file",
                    "parameters", Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")))));

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    TestProviders providers = new TestProviders(); // ClassicWireTest runs these tests again over the other wire

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersPlainTextWithUsageAndModel() {
        server.enqueueText("Hello, Kamir.");

        ChatReply reply = providers.provider(server.baseUrl(), KEY).chat(request(List.of()));

        assertEquals("Hello, Kamir.", reply.content());
        assertFalse(reply.hasToolCalls());
        assertEquals("stop", reply.finishReason());
        assertEquals(new Usage(10, 5, 15), reply.usage());
        assertEquals("gpt-4o-mini", reply.model());
    }

    @Test
    void sendsModelMessagesLimitsAndBearerKeyWithoutToolsWhenNoneOffered() {
        providers.provider(server.baseUrl(), KEY).chat(request(List.of()));

        RecordedRequest sent = server.last("/chat/completions");
        assertEquals("POST", sent.method());
        assertEquals("/v1/chat/completions", sent.path());
        assertEquals("Bearer " + KEY, sent.header("Authorization"));
        assertTrue(sent.header("Content-Type").startsWith("application/json"));
        JsonObject body = sent.json();
        assertEquals("gpt-4o-mini", body.string("model", ""));
        assertEquals(4096, body.integer("max_tokens", 0));
        assertEquals(0.7, body.number("temperature", 0));
        assertFalse(body.has("tools"), "no tools offered");
        assertFalse(body.has("tool_choice"), "tool_choice only with tools");
        assertEquals(2, body.array("messages").size());
    }

    @Test
    void defaultReplyEchoesTheLastUserMessage() {
        ChatReply reply = providers.provider(server.baseUrl(), KEY).chat(request(List.of()));

        assertEquals("echo: what is in notes.md?", reply.content());
    }

    @Test
    void parsesSeveralToolCallsAndOffersToolsWithAutoChoice() {
        server.enqueueToolCalls(new FakeOpenAiServer.Call("read_file", "{\"path\":\"notes.md\"}"),
                new FakeOpenAiServer.Call("exec", "{\"command\":\"ls\"}"));

        ChatReply reply = providers.provider(server.baseUrl(), KEY).chat(request(List.of(READ_FILE_TOOL)));

        assertNull(reply.content());
        assertEquals("tool_calls", reply.finishReason());
        assertEquals(List.of(new ToolCall("call_1", "read_file", "{\"path\":\"notes.md\"}"),
                new ToolCall("call_2", "exec", "{\"command\":\"ls\"}")), reply.toolCalls());
        JsonObject body = server.last("/chat/completions").json();
        assertEquals("auto", body.string("tool_choice", ""));
        assertEquals("read_file", JsonObject.of((Map<?, ?>) body.array("tools").getFirst())
                .object("function").string("name", ""));
    }

    @Test
    void sendsAssistantToolCallsAndToolResultsInOpenAiShape() {
        ToolCall call = new ToolCall("call_9", "read_file", "{\"path\":\"a\"}");
        List<ChatMessage> messages = List.of(ChatMessage.user("read a"), ChatMessage.assistant(null, List.of(call)),
                ChatMessage.toolResult("call_9", "contents of a"));

        providers.provider(server.baseUrl(), KEY).chat(new ChatRequest("m", messages, List.of(READ_FILE_TOOL), 0, 0));

        List<Object> wire = server.last("/chat/completions").json().array("messages");
        JsonObject assistant = JsonObject.of((Map<?, ?>) wire.get(1));
        assertEquals("assistant", assistant.string("role", ""));
        JsonObject wireCall = JsonObject.of((Map<?, ?>) assistant.array("tool_calls").getFirst());
        assertEquals("call_9", wireCall.string("id", ""));
        assertEquals("function", wireCall.string("type", ""));
        assertEquals("{\"path\":\"a\"}", wireCall.object("function").string("arguments", ""));
        JsonObject tool = JsonObject.of((Map<?, ?>) wire.get(2));
        assertEquals("tool", tool.string("role", ""));
        assertEquals("call_9", tool.string("tool_call_id", ""));
        assertEquals("contents of a", tool.string("content", ""));
        assertFalse(server.last("/chat/completions").json().has("max_tokens"), "0 leaves the size to the server");
    }

    @Test
    void sendsNoAuthorizationHeaderWithoutKey() {
        providers.provider(server.baseUrl(), null).chat(request(List.of()));

        assertNull(server.last("/chat/completions").header("Authorization"), "local servers need no key");
        assertNull(server.last("/chat/completions").header("X-Title"), "not OpenRouter");
    }

    @Test
    void missingUsageCountsAsZeroTokens() {
        server.enqueueRaw("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}]}");

        ChatReply reply = providers.provider(server.baseUrl(), KEY).chat(request(List.of()));

        assertEquals(Usage.NONE, reply.usage());
        assertEquals("gpt-4o-mini", reply.model(), "the requested model when the server names none");
        assertNull(reply.finishReason());
    }

    @Test
    void garbageBodyIsMalformedAndNotRetried() {
        server.enqueueRaw("<html>Bad gateway</html>");

        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.provider(server.baseUrl(), KEY).chat(request(List.of())));

        assertTrue(e.getMessage().startsWith("LLM answered with malformed JSON: "), e.getMessage());
        assertFalse(e.retryable());
        assertEquals(1, server.count("/chat/completions"));
        assertTrue(providers.sleeper.waits().isEmpty());
    }

    @Test
    void answersWithoutChoicesOrWithWrongTypesAreMalformed() {
        server.enqueueRaw("{\"id\":\"x\"}");
        server.enqueueRaw("{\"choices\":[{\"message\":{\"content\":42}}]}");
        server.enqueueRaw("{\"choices\":[{\"message\":{\"tool_calls\":[{\"function\":{\"name\":\"x\"}}]}}]}");
        server.enqueueRaw("{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"total_tokens\":\"many\"}}");
        OpenAiCompatibleProvider provider = providers.provider(server.baseUrl(), KEY);

        for (String expected : List.of("no choices", "field 'content' must be a string", "tool_calls[0] has no id",
                "field 'total_tokens' must be an integer")) {
            ProviderException e = assertThrows(ProviderException.class, () -> provider.chat(request(List.of())));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertFalse(e.retryable());
        }
    }

    @Test
    void errorObjectInsideSuccessfulAnswerIsReported() {
        server.enqueueRaw("{\"error\":{\"message\":\"upstream provider overloaded\",\"code\":502}}");

        ProviderException e = assertThrows(ProviderException.class,
                () -> providers.provider(server.baseUrl(), KEY).chat(request(List.of())));

        assertTrue(e.getMessage().contains("upstream provider overloaded"), e.getMessage());
    }

    private static ChatRequest request(List<Map<String, Object>> tools) {
        return new ChatRequest("gpt-4o-mini", List.of(ChatMessage.system("You are GoMikroBot."),
                ChatMessage.user("what is in notes.md?")), tools, 4096, 0.7);
    }
}
