package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading requests: decoded query parameters and JSON object bodies. Bodies are capped at
 * {@link #MAX_BODY_BYTES} (413 past it); an empty, malformed or non-object body, or a field of the wrong JSON
 * type, is 400 {@code invalid body} as in the contract.
 */
final class Requests {
    /** 1 MiB: far more than any dashboard request needs, small enough that a hostile client cannot hurt. */
    static final int MAX_BODY_BYTES = 1 << 20;
    static final String INVALID_BODY = "invalid body";

    private Requests() {
    }

    /** Query parameters, decoded; the first occurrence of a name wins (as Go's {@code Query().Get}). */
    static Map<String, String> query(HttpExchange exchange) {
        return pairs(exchange.getRequestURI().getRawQuery());
    }

    /** {@code a=1&b=2} (a query string or a form body), decoded; the first occurrence of a name wins. */
    static Map<String, String> pairs(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** One query parameter, or "" when absent. */
    static String param(HttpExchange exchange, String name) {
        return query(exchange).getOrDefault(name, "");
    }

    /** The body as a JSON object. */
    static JsonObject body(HttpExchange exchange) throws IOException {
        byte[] bytes = readBody(exchange.getRequestBody());
        if (bytes.length == 0) {
            throw HttpError.badRequest(INVALID_BODY);
        }
        try {
            if (Json.parse(new String(bytes, StandardCharsets.UTF_8)) instanceof Map<?, ?> map) {
                return JsonObject.of(map);
            }
        } catch (JsonException e) {
            throw HttpError.badRequest(INVALID_BODY);
        }
        throw HttpError.badRequest(INVALID_BODY);
    }

    /** A string field, "" when missing or null; any other JSON type is an invalid body. */
    static String string(JsonObject body, String key) {
        try {
            return body.string(key, "");
        } catch (JsonException e) {
            throw HttpError.badRequest(INVALID_BODY);
        }
    }

    /** A boolean field, false when missing or null. */
    static boolean bool(JsonObject body, String key) {
        try {
            return body.bool(key, false);
        } catch (JsonException e) {
            throw HttpError.badRequest(INVALID_BODY);
        }
    }

    /** An integer field, 0 when missing or null. */
    static long integer(JsonObject body, String key) {
        try {
            return body.integer(key, 0);
        } catch (JsonException e) {
            throw HttpError.badRequest(INVALID_BODY);
        }
    }

    /** Reads at most {@link #MAX_BODY_BYTES}; one byte more is a 413. */
    static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    static HttpError tooLarge() {
        return new HttpError(413, "request body too large");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("invalid query string");
        }
    }
}
