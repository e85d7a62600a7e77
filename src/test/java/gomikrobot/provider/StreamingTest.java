package gomikrobot.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.JsonObject;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.StreamHold;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answers read as they are written: server-sent chunks assembled into the reply the whole answer would be. */
class StreamingTest {
    private static final String KEY = "sk-stream-test-key-000111";

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    TestProviders providers = new TestProviders(); // ClassicWireTest runs these tests again over the other wire
    private final List<String> pieces = new CopyOnWriteArrayList<>();
    private OpenAiCompatibleProvider provider;

    @BeforeEach
    void build() {
        provider = providers.patient(server.baseUrl(), KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aListenedToAnswerIsStreamedAndArrivesInPieces() {
        server.enqueueText("one two three");

        ChatReply reply = provider.chat(request(), pieces::add);

        assertEquals(List.of("one ", "two ", "three"), pieces, "each chunk reaches the listener as it arrives");
        assertEquals("one two three", reply.content());
        assertEquals("stop", reply.finishReason());
        assertEquals(new Usage(10, 5, 15), reply.usage(), "the usage of the last chunk");
        JsonObject sent = server.last("/chat/completions").json();
        assertTrue(sent.bool("stream", false));
        assertTrue(sent.object("stream_options").bool("include_usage", false));
        assertEquals("text/event-stream", server.last("/chat/completions").header("Accept"));
    }

    @Test
    void withoutAListenerTheAnswerIsAskedForWhole() {
        server.enqueueText("whole");

        assertEquals("whole", provider.chat(request()).content());

        assertFalse(server.last("/chat/completions").json().has("stream"), "nobody would see the pieces");
    }

    @Test
    void toolCallPiecesAreJoinedByTheirIndex() {
        server.enqueueToolCalls(new FakeOpenAiServer.Call("read_file", "{\"path\":\"notes.md\"}"),
                new FakeOpenAiServer.Call("exec", "{\"command\":\"ls -la\"}"));

        ChatReply reply = provider.chat(request(), pieces::add);

        assertEquals(2, reply.toolCalls().size());
        ToolCall read = reply.toolCalls().get(0);
        assertEquals("read_file", read.name());
        assertEquals("{\"path\":\"notes.md\"}", read.argumentsJson(), "arguments arrive in two pieces");
        assertTrue(read.id().startsWith("call_") && read.isFunction());
        assertEquals("{\"command\":\"ls -la\"}", reply.toolCalls().get(1).argumentsJson());
        assertEquals("tool_calls", reply.finishReason());
        assertNull(reply.content());
        assertEquals(List.of(), pieces, "tool calls are not text");
    }

    @Test
    void aRefusalIsReadAsTheTextStreamedOrWhole() {
        server.enqueueRefusal("I can't help with that.");
        server.enqueueRefusal("Not that either.");

        ChatReply streamed = provider.chat(request(), pieces::add);
        ChatReply whole = provider.chat(request());

        assertNull(streamed.content());
        assertEquals("I can't help with that.", streamed.refusal());
        assertEquals("I can't help with that.", streamed.text());
        assertEquals("I can't help with that.", String.join("", pieces));
        assertEquals("Not that either.", whole.text());
    }

    @Test
    void cutAndFilteredAnswersKeepTheirFinishReason() {
        server.enqueueFinish("The first half", "length");
        server.enqueueFinish("", "content_filter");

        assertEquals("length", provider.chat(request(), pieces::add).finishReason());
        assertEquals("content_filter", provider.chat(request()).finishReason());
    }

    @Test
    void aServerThatRefusesStreamsIsAskedForWholeAnswersFromThenOn() {
        server.refuseStreams();

        ChatReply first = provider.chat(request(), pieces::add);
        ChatReply second = provider.chat(request(), pieces::add);

        assertEquals("echo: hello", first.content());
        assertEquals("echo: hello", second.content());
        assertEquals(List.of("echo: hello", "echo: hello"), pieces, "a whole answer is one piece");
        assertEquals(3, server.count("/chat/completions"), "refused once, then never asked to stream again");
        assertFalse(server.last("/chat/completions").json().has("stream"));
        assertTrue(providers.logText().contains("refuses streamed answers"), providers.logText());
    }

    @Test
    void aServerThatIgnoresStreamAndAnswersWholeIsRead() {
        server.enqueueRaw("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"all at once\"},"
                + "\"finish_reason\":\"stop\"}]}");

        assertEquals("all at once", provider.chat(request(), pieces::add).content());
        assertEquals(List.of("all at once"), pieces);
    }

    @Test
    void noChoicesIsAskedOnceMoreThenAClearError() {
        server.enqueueNoChoices();
        server.enqueueText("second time lucky");
        assertEquals("second time lucky", provider.chat(request(), pieces::add).content());

        server.enqueueNoChoices();
        server.enqueueNoChoices();
        ProviderException e = assertThrows(ProviderException.class, () -> provider.chat(request()));

        assertTrue(e.getMessage().contains("no choices at all (choices: [])"), e.getMessage());
        assertFalse(e.retryable());
        assertEquals(4, server.count("/chat/completions"));
    }

    @Test
    void aCustomToolCallIsReadWithItsType() {
        server.enqueueToolCalls(new FakeOpenAiServer.Call("grammar", "free text input", "custom"));

        ToolCall streamed = provider.chat(request(), pieces::add).toolCalls().getFirst();

        assertEquals("custom", streamed.type());
        assertFalse(streamed.isFunction());
        assertEquals("grammar", streamed.name());
        assertEquals("free text input", streamed.argumentsJson());
    }

    @Test
    void anErrorEventInTheStreamIsTheProvidersFailure() {
        server.enqueueRawStream("data: {\"error\":{\"message\":\"upstream overloaded\",\"code\":502}}\n\n");

        ProviderException e = assertThrows(ProviderException.class, () -> provider.chat(request(), pieces::add));

        assertTrue(e.getMessage().contains("upstream overloaded (code 502)"), e.getMessage());
    }

    @Test
    void aStreamThatEndsBeforeTheAnswerSaysItIsCompleteFails() {
        server.enqueueRawStream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half\"}}]}\n\n");

        ProviderException e = assertThrows(ProviderException.class, () -> provider.chat(request(), pieces::add));

        assertTrue(e.getMessage().contains("ended before the answer said it was complete"), e.getMessage());
        assertEquals(List.of("half"), pieces);
    }

    @Test
    void aStreamThatStallsFailsAfterTheRequestTimeoutWithWhatArrived() throws Exception {
        server.enqueueText("first then nothing");
        StreamHold hold = server.holdNextStream(1);
        OpenAiCompatibleProvider impatient = providers.provider(server.baseUrl(), KEY);
        try {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> impatient.chat(request(), pieces::add));

            assertTrue(e.getMessage().startsWith("LLM request failed: the answer broke off: no answer from "),
                    e.getMessage());
            assertFalse(e.retryable(), "part of it was already shown");
            assertEquals(List.of("first "), pieces);
        } finally {
            hold.release();
        }
    }

    @Test
    void aSlowStreamIsReadToTheEnd() {
        server.setStreamPause(Duration.ofMillis(20));
        server.enqueueText("slowly but surely");

        assertEquals("slowly but surely", provider.chat(request(), pieces::add).content());
        assertEquals(3, pieces.size());
    }

    private static ChatRequest request() {
        return new ChatRequest("gpt-4o-mini", List.of(ChatMessage.user("hello")), List.of(), 256, 0.2);
    }
}
