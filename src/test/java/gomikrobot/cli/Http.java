package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small HTTP client for the end-to-end tests: {@link HttpClient} for ordinary requests, and a raw socket for
 * what HttpClient refuses to send (a foreign {@code Host}, an un-normalised path). Every answer is a {@link Reply}.
 */
final class Http {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** One answer: status, headers (lower-case names) and body text. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        Object json() {
            return Json.parse(body);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            assertTrue(json() instanceof Map, "not a JSON object: " + body);
            return (Map<String, Object>) json();
        }

        @SuppressWarnings("unchecked")
        List<Object> array() {
            assertTrue(json() instanceof List, "not a JSON array: " + body);
            return (List<Object>) json();
        }

        /** Asserts a JSON error answer: this status, a JSON content type and an {@code error} text. */
        String assertError(int expected) {
            assertEquals(expected, status, body);
            assertEquals("application/json", header("content-type"), body);
            Object error = object().get("error");
            assertTrue(error instanceof String s && !s.isBlank(), body);
            return (String) error;
        }
    }

    Reply get(String url, String... headers) throws IOException, InterruptedException {
        return send("GET", url, null, headers);
    }

    Reply post(String url, String body, String... headers) throws IOException, InterruptedException {
        return send("POST", url, body, headers);
    }

    /** {@code headers} are name, value pairs; a null body sends none. */
    Reply send(String method, String url, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> headers = new TreeMap<>();
        r.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return new Reply(r.statusCode(), headers, r.body());
    }

    /**
     * Sends {@code head} (request line and headers, CRLF-separated, without the blank line) as written, plus
     * {@code Connection: close}, and reads one answer.
     */
    static Reply raw(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    /** Reads the head, then exactly Content-Length bytes (or to the end when none is given). */
    private static Reply parse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while (last4 != 0x0D0A0D0A && (b = in.read()) >= 0) {
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).strip().split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    List.of(lines[i].substring(colon + 1).strip()));
        }
        String length = headers.containsKey("content-length") ? headers.get("content-length").getFirst() : null;
        byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }
}
