package gomikrobot.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import gomikrobot.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one way handlers write responses. Every response carries {@code X-Content-Type-Options: nosniff} and,
 * unless the handler chose otherwise, {@code Cache-Control: no-store}. HEAD requests get the headers
 * (including the Content-Length a GET would have) and no body.
 */
final class Responses {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    private Responses() {
    }

    /** The value as JSON followed by a newline, as the original's encoder writes it. */
    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        bytes(exchange, status, JSON, jsonBytes(body));
    }

    static void text(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        bytes(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"error": message}} with the given status. */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Map.of("error", message));
    }

    /**
     * Sends {@code {"error": message}} and flushes it, but leaves the exchange open, so the caller can still
     * read the request body; closing the exchange afterwards ends the response as usual.
     */
    static void errorBeforeBody(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = jsonBytes(Map.of("error", message));
        prepare(exchange, JSON);
        exchange.sendResponseHeaders(status, isHead(exchange) ? -1 : body.length);
        if (!isHead(exchange)) {
            OutputStream out = exchange.getResponseBody();
            out.write(body);
            out.flush();
        }
    }

    static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers headers = prepare(exchange, contentType);
        if (isHead(exchange)) {
            headers.set("Content-Length", Long.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Copies {@code length} bytes from the stream, which the caller closes; a file that grew since its size was
     * taken is cut there, so the body always matches the Content-Length sent.
     */
    static void stream(HttpExchange exchange, String contentType, long length, InputStream in) throws IOException {
        Headers headers = prepare(exchange, contentType);
        if (isHead(exchange)) {
            headers.set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, read);
                left -= read;
            }
        }
    }

    /** A status with no body (OPTIONS, redirects). */
    static void empty(HttpExchange exchange, int status) throws IOException {
        prepare(exchange, null);
        exchange.sendResponseHeaders(status, -1);
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        empty(exchange, 302);
    }

    private static byte[] jsonBytes(Object value) {
        return (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Headers prepare(HttpExchange exchange, String contentType) {
        Headers headers = exchange.getResponseHeaders();
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        headers.set("X-Content-Type-Options", "nosniff");
        if (!headers.containsKey("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        return headers;
    }

    private static boolean isHead(HttpExchange exchange) {
        return "HEAD".equals(exchange.getRequestMethod());
    }
}
