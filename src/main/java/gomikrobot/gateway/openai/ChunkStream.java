package gomikrobot.gateway.openai;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A streamed completion on the wire: server-sent events, each a {@code chat.completion.chunk} written and flushed
 * at once, ending with {@code data: [DONE]}. The status line and headers go out with the first event (the first
 * chunk announces the assistant's role, as OpenAI's does), so a turn that fails before anything was said still
 * gets an error status of its own; a failure after that is an {@code error} event, which the SDKs raise.
 */
final class ChunkStream {
    private final HttpExchange exchange;
    private final Completion completion;
    private final boolean includeUsage;
    private OutputStream out;

    ChunkStream(HttpExchange exchange, Completion completion, boolean includeUsage) {
        this.exchange = exchange;
        this.completion = completion;
        this.includeUsage = includeUsage;
    }

    boolean started() {
        return out != null;
    }

    /** A piece of the answer's text. */
    void text(String text) throws IOException {
        chunk(Json.object("content", text), null);
    }

    /** A comment line: keeps proxies and clients from closing a connection that is quiet while tools run. */
    void keepAlive() throws IOException {
        write(": keep-alive\n\n");
    }

    /** The end of a completed answer: its finish reason, the usage when asked for, then {@code [DONE]}. */
    void finish(Map<String, Object> usage) throws IOException {
        chunk(Map.of(), "stop");
        if (includeUsage) {
            event(completion.chunk(List.of(), usage));
        }
        write("data: [DONE]\n\n");
    }

    /** The end of a turn that failed after the answer began. */
    void fail(OpenAiError error) throws IOException {
        event(error.envelope());
    }

    private void chunk(Map<String, Object> delta, String finishReason) throws IOException {
        Map<String, Object> choice = Json.object("index", 0, "delta", delta, "logprobs", null,
                "finish_reason", finishReason);
        Map<String, Object> chunk = completion.chunk(List.<Object>of(choice), null);
        if (!includeUsage) {
            chunk.remove("usage");
        }
        event(chunk);
    }

    private void event(Map<String, Object> body) throws IOException {
        write("data: " + Json.write(body) + "\n\n");
    }

    private void write(String text) throws IOException {
        if (out == null) {
            start();
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void start() throws IOException {
        Wire.headers(exchange, "text/event-stream; charset=utf-8").set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no"); // nginx: pass each event on at once
        exchange.sendResponseHeaders(200, 0);
        out = exchange.getResponseBody();
        chunk(Json.object("role", "assistant", "content", ""), null);
    }
}
