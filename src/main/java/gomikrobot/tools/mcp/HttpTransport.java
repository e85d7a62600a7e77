package gomikrobot.tools.mcp;

import gomikrobot.config.McpServerConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MCP's Streamable HTTP transport: every message is a POST of JSON; a request's answer comes back as JSON or as
 * an event stream (read until its answer arrived), a notification's as 202. The session id the server gives in
 * {@code initialize}'s answer ({@code Mcp-Session-Id}) and the agreed protocol version go with every later
 * request, with the configured headers; a 404 (or 400) for a known session, or a server that refuses
 * connections, closes the transport so the link starts a new session. Each POST runs on its own virtual thread.
 * {@link #close} ends the session with a DELETE.
 */
final class HttpTransport implements Transport {
    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(2);
    private static final int ERROR_EXCERPT = 300;

    private final McpServerConfig.Http config;
    private final HttpClient http;
    private final Duration timeout;
    private final Log log;
    private final String server;
    private final Map<Long, InputStream> streams = new ConcurrentHashMap<>();
    private volatile Inbound inbound;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean closed;

    HttpTransport(McpServerConfig.Http config, HttpClient http, Duration timeout, Log log, String server) {
        this.config = config;
        this.http = http;
        this.timeout = timeout;
        this.log = log;
        this.server = server;
    }

    @Override
    public void open(Inbound receiver) {
        this.inbound = receiver;
    }

    @Override
    public void send(Map<String, Object> message) throws IOException {
        if (closed) {
            throw new IOException("the session is closed");
        }
        Thread.ofVirtual().name("mcp-" + server + "-post").start(() -> post(message));
    }

    @Override
    public void negotiated(String version) {
        this.protocolVersion = version;
    }

    @Override
    public void abandon(long requestId) {
        InputStream stream = streams.remove(requestId);
        if (stream != null) {
            closeQuietly(stream);
        }
    }

    @Override
    public void close() {
        closed = true;
        streams.values().forEach(HttpTransport::closeQuietly);
        String session = sessionId;
        if (session != null) {
            try {
                http.send(request().timeout(DELETE_TIMEOUT).header("Mcp-Session-Id", session).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                log.debug("MCP session not ended (the server may be gone)", "server", server, "error", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void post(Map<String, Object> message) {
        long id = message.get("id") instanceof Long n && message.containsKey("method") ? n : -1;
        String session = sessionId;
        HttpRequest.Builder builder = request().timeout(timeout).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(message)));
        if (session != null) {
            builder.header("Mcp-Session-Id", session);
        }
        if (protocolVersion != null) {
            builder.header("MCP-Protocol-Version", protocolVersion);
        }
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.headers().firstValue("Mcp-Session-Id").ifPresent(given -> sessionId = given);
            try (InputStream body = response.body()) {
                answer(response, body, id, session);
            }
        } catch (ConnectException e) {
            lost(id, "cannot connect to " + config.url() + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            fail(id, "the request to " + config.url() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.remove(id);
        }
    }

    private void answer(HttpResponse<InputStream> response, InputStream body, long id, String session)
            throws IOException {
        int status = response.statusCode();
        if (status == 202 || status == 204) {
            return;
        }
        if ((status == 404 || status == 400) && session != null) {
            lost(id, "the server ended the session (HTTP " + status + ")");
            return;
        }
        if (status >= 300) {
            String text = new String(body.readNBytes(ERROR_EXCERPT), StandardCharsets.UTF_8).strip();
            fail(id, "HTTP " + status + " from " + config.url() + (text.isEmpty() ? "" : ": " + text));
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("text/event-stream")) {
            streams.put(id, body);
            SseEvents.read(body, data -> deliver(data) != id);
        } else {
            deliver(new String(body.readNBytes(SseEvents.EVENT_CAP), StandardCharsets.UTF_8));
        }
    }

    /** Hands over one JSON-RPC message or batch; returns the id of the response among them, or -1. */
    private long deliver(String json) {
        try {
            Object parsed = Json.parse(json);
            long answered = -1;
            for (Object item : parsed instanceof List<?> batch ? batch : List.of(parsed)) {
                if (item instanceof Map<?, ?> message) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) message;
                    inbound.message(typed);
                    if (!typed.containsKey("method") && typed.get("id") instanceof Long n) {
                        answered = n;
                    }
                }
            }
            return answered;
        } catch (JsonException e) {
            log.debug("MCP server sent something that is not JSON", "server", server, "error", e.getMessage());
            return -1;
        }
    }

    private void fail(long id, String reason) {
        if (id >= 0) {
            inbound.failed(id, reason);
        } else {
            log.debug("MCP message not delivered", "server", server, "error", reason);
        }
    }

    private void lost(long id, String reason) {
        fail(id, reason);
        if (!closed) {
            closed = true;
            inbound.closed(reason);
        }
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(config.url());
        config.headers().forEach(builder::header);
        return builder;
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // the stream is being abandoned; whatever state it was in no longer matters
        }
    }
}
