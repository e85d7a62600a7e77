package gomikrobot.testing;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FakeReply} as OpenAI streams it: server-sent {@code chat.completion.chunk}s, each flushed on its own:
 * the role, the text word by word (a refusal likewise), each tool call as its id, type and name followed by its
 * arguments in two pieces, the finish reason, the usage when {@code stream_options.include_usage} asked for it,
 * then {@code [DONE]}. Between two pieces of text it calls {@code pause}, where the server waits as told.
 */
final class FakeStream {
    /** Called before each piece of text after the first, with how many were sent; false stops the stream. */
    @FunctionalInterface
    interface Pause {
        boolean before(int sentPieces);
    }

    private final OutputStream out;
    private final String model;
    private final Pause pause;
    private int sentPieces;

    private FakeStream(OutputStream out, String model, Pause pause) {
        this.out = out;
        this.model = model;
        this.pause = pause;
    }

    static void send(HttpExchange exchange, String model, FakeReply reply, AtomicInteger callIds, boolean includeUsage,
                     Pause pause) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        FakeStream stream = new FakeStream(exchange.getResponseBody(), model, pause);
        if (!reply.noChoices()) {
            stream.delta(Json.object("role", "assistant"));
            if (!stream.text("content", reply.content()) || !stream.text("refusal", reply.refusal())) {
                return;
            }
            stream.calls(reply.calls(), callIds);
            stream.chunk(List.<Object>of(Json.object("index", 0, "delta", Map.of(),
                    "finish_reason", reply.finishReason())), null);
        }
        if (includeUsage) {
            stream.chunk(List.of(), FakeAnswers.usage());
        }
        stream.write("data: [DONE]\n\n");
    }

    /** Word by word, keeping the spaces, so the pieces add up to the text exactly. */
    private boolean text(String field, String text) throws IOException {
        if (text == null) {
            return true;
        }
        for (String piece : text.split("(?<= )")) {
            if (sentPieces > 0 && !pause.before(sentPieces)) {
                return false;
            }
            delta(Json.object(field, piece));
            sentPieces++;
        }
        return true;
    }

    private void calls(List<FakeOpenAiServer.Call> calls, AtomicInteger callIds) throws IOException {
        for (int i = 0; i < calls.size(); i++) {
            FakeOpenAiServer.Call call = calls.get(i);
            String argumentsKey = call.type().equals("function") ? "arguments" : "input";
            delta(Json.object("tool_calls", List.<Object>of(Json.object("index", i, "id", "call_" + callIds.incrementAndGet(),
                    "type", call.type(), call.type(), Json.object("name", call.name(), argumentsKey, "")))));
            String args = call.argumentsJson();
            int half = args.length() / 2;
            for (String piece : List.of(args.substring(0, half), args.substring(half))) {
                delta(Json.object("tool_calls", List.<Object>of(Json.object("index", i,
                        call.type(), Json.object(argumentsKey, piece)))));
            }
        }
    }

    private void delta(Map<String, Object> delta) throws IOException {
        chunk(List.<Object>of(Json.object("index", 0, "delta", delta, "finish_reason", null)), null);
    }

    private void chunk(List<Object> choices, Map<String, Object> usage) throws IOException {
        Map<String, Object> chunk = Json.object("id", "chatcmpl-fake", "object", "chat.completion.chunk",
                "created", 1_700_000_000L, "model", model, "choices", new ArrayList<>(choices), "usage", usage);
        write("data: " + Json.write(chunk) + "\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
