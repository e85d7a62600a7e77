package gomikrobot.gateway.openai;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import gomikrobot.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How this API writes: JSON bodies and {@link OpenAiError}s, with the headers every gateway answer carries
 * ({@code nosniff}, {@code no-store}). The exchange is closed by the gateway's error filter, not here.
 */
final class Wire {
    private Wire() {
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8);
        headers(exchange, "application/json");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The error as the whole answer; nothing when an answer has already begun (closing it is all that is left). */
    static void error(HttpExchange exchange, OpenAiError error) throws IOException {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        exchange.getResponseHeaders().set("x-should-retry", Boolean.toString(error.shouldRetry()));
        json(exchange, error.status(), error.envelope());
    }

    static Headers headers(HttpExchange exchange, String contentType) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-store");
        return headers;
    }
}
