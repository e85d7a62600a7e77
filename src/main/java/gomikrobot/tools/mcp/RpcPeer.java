package gomikrobot.tools.mcp;

import gomikrobot.json.Json;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * JSON-RPC 2.0 over a {@link Transport}: numbers our requests, matches answers to them, gives up on one after its
 * timeout (telling the server with {@code notifications/cancelled}), answers the server's own requests
 * ({@code ping}; anything else is "method not found", since we offer no client features) and passes its
 * notifications on. When the transport closes, every waiting call fails with the reason. Thread-safe.
 */
final class RpcPeer implements Transport.Inbound {
    private static final int METHOD_NOT_FOUND = -32601;

    private final Transport transport;
    private final Consumer<String> onNotification;
    private final Consumer<String> onClosed;
    private final Log log;
    private final String server;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private volatile String closedBecause;

    RpcPeer(Transport transport, Consumer<String> onNotification, Consumer<String> onClosed, Log log, String server) {
        this.transport = transport;
        this.onNotification = onNotification;
        this.onClosed = onClosed;
        this.log = log;
        this.server = server;
    }

    /** Sends a request and waits for its result object. */
    Map<String, Object> call(String method, Map<String, Object> params, Duration timeout) throws McpException {
        String closed = closedBecause;
        if (closed != null) {
            throw new McpException(closed);
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            transport.send(Json.object("jsonrpc", "2.0", "id", id, "method", method, "params", params));
            return answer.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cancel(id, "no answer within " + timeout.toSeconds() + " s");
            throw new McpException(method + " got no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof McpException mcp ? mcp : new McpException(String.valueOf(e.getCause()));
        } catch (IOException e) {
            throw new McpException("cannot send " + method + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(id, "interrupted");
            throw new McpException(method + " was interrupted");
        } finally {
            pending.remove(id);
        }
    }

    /** Sends a notification (no answer comes back). */
    void notify(String method, Map<String, Object> params) throws McpException {
        try {
            transport.send(params == null ? Json.object("jsonrpc", "2.0", "method", method)
                    : Json.object("jsonrpc", "2.0", "method", method, "params", params));
        } catch (IOException e) {
            throw new McpException("cannot send " + method + ": " + e.getMessage());
        }
    }

    @Override
    public void message(Map<String, Object> message) {
        Object method = message.get("method");
        Object id = message.get("id");
        if (method instanceof String name) {
            if (id == null) {
                onNotification.accept(name);
            } else {
                answerServer(name, id);
            }
            return;
        }
        if (!(id instanceof Long number)) {
            log.debug("MCP message without a request id ignored", "server", server);
            return;
        }
        CompletableFuture<Map<String, Object>> answer = pending.get(number);
        if (answer == null) {
            return; // an answer to a call that already gave up
        }
        if (message.get("error") instanceof Map<?, ?> error) {
            answer.completeExceptionally(new McpException("the server answered with an error: "
                    + error.get("message") + " (code " + error.get("code") + ")"));
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = message.get("result") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
            answer.complete(result);
        }
    }

    @Override
    public void failed(long requestId, String reason) {
        CompletableFuture<Map<String, Object>> answer = pending.get(requestId);
        if (answer != null) {
            answer.completeExceptionally(new McpException(reason));
        }
    }

    @Override
    public void closed(String reason) {
        if (closedBecause != null) {
            return;
        }
        closedBecause = reason;
        pending.values().forEach(answer -> answer.completeExceptionally(new McpException(reason)));
        onClosed.accept(reason);
    }

    boolean isClosed() {
        return closedBecause != null;
    }

    private void answerServer(String method, Object id) {
        Map<String, Object> reply = method.equals("ping")
                ? Json.object("jsonrpc", "2.0", "id", id, "result", Map.of())
                : Json.object("jsonrpc", "2.0", "id", id, "error",
                        Json.object("code", METHOD_NOT_FOUND, "message", "not supported by this client: " + method));
        try {
            transport.send(reply);
        } catch (IOException e) {
            log.debug("MCP answer to the server not sent", "server", server, "method", method, "error", e);
        }
    }

    private void cancel(long id, String reason) {
        transport.abandon(id);
        try {
            notify("notifications/cancelled", Json.object("requestId", id, "reason", reason));
        } catch (McpException e) {
            log.debug("MCP cancellation not sent", "server", server, "error", e.getMessage());
        }
    }
}
