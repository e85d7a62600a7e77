package gomikrobot.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Telegram's Bot API on loopback for tests, speaking its JSON: {@code POST /bot<token>/<method>} with a JSON
 * body answered {@code {"ok":true,"result":…}} or {@code {"ok":false,"error_code","description","parameters"}},
 * and files at {@code GET /file/bot<token>/<path>}. {@code getUpdates} keeps updates until an offset above them
 * confirms them, as Telegram does, and holds the request up to its {@code timeout} while there are none (ending
 * at once when one arrives or the server closes). A wrong token is 401. Any method can be scripted to fail
 * (a 429 with {@code retry_after}, a 403, a 409). Every call is recorded. Safe to use from many threads.
 */
public final class FakeBotApiServer implements AutoCloseable {
    public static final String TOKEN = "123456789:AAFakeTokenForTheLoopbackBotApi_0123";
    public static final long BOT_ID = 123456789;
    public static final String BOT_USERNAME = "gomikro_test_bot";

    /** A method call as it arrived. */
    public record Call(String method, JsonObject params) {
    }

    /** One failure the next {@code sendMessage} answers with. */
    private record Failure(int code, String description, long retryAfter) {
    }

    /** An answer: HTTP status and JSON body (the Bot API answers an error with its error_code as the status). */
    private record Answer(int status, String json) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Map<String, Object>> pending = new ArrayList<>(); // guarded by this
    private final Map<String, byte[]> files = new HashMap<>(); // guarded by this
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Call> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
    private long nextUpdateId = 700_000_001L; // guarded by this
    private long nextMessageId = 1; // guarded by this
    private boolean closed; // guarded by this

    private FakeBotApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeBotApiServer start() {
        try {
            return new FakeBotApiServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Bot API server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the value of {@code channels.telegram.apiBase}. */
    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- what the bot receives ----

    /** Queues an update holding {@code message} (built by {@link TelegramUpdates}); returns its update_id. */
    public synchronized long deliver(Map<String, Object> message) {
        return deliverUpdate("message", message);
    }

    /** Queues an update of any kind ({@code edited_message}, {@code channel_post}, …); returns its update_id. */
    public synchronized long deliverUpdate(String kind, Map<String, Object> content) {
        long id = nextUpdateId++;
        Map<String, Object> body = new HashMap<>(content);
        if (body.containsKey("chat")) {
            body.putIfAbsent("message_id", nextMessageId++);
        }
        pending.add(Json.object("update_id", id, kind, body));
        notifyAll();
        return id;
    }

    /** Makes a file downloadable; returns the file_id a message can name. */
    public synchronized String addFile(String path, byte[] bytes) {
        files.put(path, bytes.clone());
        return "file-" + path.replaceAll("[^A-Za-z0-9]", "-");
    }

    /** The next call of {@code method} not yet scripted fails with this code ({@code retryAfter} s when positive). */
    public void failNext(String method, int code, String description, long retryAfter) {
        failures.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>())
                .add(new Failure(code, description, retryAfter));
    }

    /** {@link #failNext} for {@code sendMessage}. */
    public void failNextSend(int code, String description, long retryAfter) {
        failNext("sendMessage", code, description, retryAfter);
    }

    /** The next {@code sendMessage} not yet scripted succeeds (to make a later one fail). */
    public void passNextSend() {
        failNext("sendMessage", 0, "", 0);
    }

    // ---- what the bot did ----

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** The texts sent to {@code chatId} (and accepted), in order. */
    public List<String> sentTo(long chatId) {
        return sent.stream().filter(c -> c.params().integer("chat_id", 0) == chatId)
                .map(c -> c.params().string("text", "")).toList();
    }

    /** Updates not yet confirmed by an offset. */
    public synchronized int unconfirmed() {
        return pending.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- handling ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/file/bot" + TOKEN + "/")) {
                sendFile(exchange, path.substring(("/file/bot" + TOKEN + "/").length()));
                return;
            }
            if (!path.startsWith("/bot")) {
                send(exchange, error(404, "Not Found", 0));
                return;
            }
            if (!path.startsWith("/bot" + TOKEN + "/")) {
                send(exchange, error(401, "Unauthorized", 0));
                return;
            }
            String method = path.substring(("/bot" + TOKEN + "/").length());
            JsonObject params;
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                params = body.isBlank() ? JsonObject.empty() : Json.parseObject(body);
            } catch (JsonException e) {
                send(exchange, error(400, "Bad Request: can't parse JSON object", 0));
                return;
            }
            calls.add(new Call(method, params));
            Failure failure = failures.getOrDefault(method, new ConcurrentLinkedDeque<>()).poll();
            send(exchange, failure != null && failure.code() != 0
                    ? error(failure.code(), failure.description(), failure.retryAfter()) : answer(method, params));
        }
    }

    private Answer answer(String method, JsonObject params) {
        return switch (method) {
            case "getMe" -> ok(Json.object("id", BOT_ID, "is_bot", true, "first_name", "Test Bot",
                    "username", BOT_USERNAME, "can_join_groups", true));
            case "getUpdates" -> ok(updates(params.integer("offset", 0), params.integer("timeout", 0)));
            case "getFile" -> getFile(params.string("file_id", ""));
            case "sendMessage" -> sendMessage(params);
            case "sendChatAction" -> ok(true);
            default -> error(404, "Not Found: method not found", 0);
        };
    }

    private synchronized List<Map<String, Object>> updates(long offset, long timeoutSeconds) {
        if (offset > 0) {
            pending.removeIf(u -> (Long) u.get("update_id") < offset); // an offset confirms what lies below it
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (pending.isEmpty() && !closed && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(pending.subList(0, Math.min(100, pending.size())));
    }

    private synchronized Answer getFile(String fileId) {
        return files.entrySet().stream().filter(f -> ("file-" + f.getKey().replaceAll("[^A-Za-z0-9]", "-"))
                        .equals(fileId)).findFirst()
                .map(f -> ok(Json.object("file_id", fileId, "file_unique_id", "u" + fileId,
                        "file_size", f.getValue().length, "file_path", f.getKey())))
                .orElse(error(400, "Bad Request: invalid file_id", 0));
    }

    private Answer sendMessage(JsonObject params) {
        long messageId;
        synchronized (this) {
            messageId = nextMessageId++;
        }
        long chatId = params.integer("chat_id", 0);
        sent.add(new Call("sendMessage", params));
        return ok(Json.object("message_id", messageId, "date", System.currentTimeMillis() / 1000,
                "chat", Json.object("id", chatId, "type", chatId < 0 ? "group" : "private"),
                "from", Json.object("id", BOT_ID, "is_bot", true, "first_name", "Test Bot", "username", BOT_USERNAME),
                "text", params.string("text", "")));
    }

    private void sendFile(HttpExchange exchange, String path) throws IOException {
        byte[] bytes;
        synchronized (this) {
            bytes = files.get(path);
        }
        if (bytes == null) {
            send(exchange, error(404, "Not Found", 0));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Answer ok(Object result) {
        return new Answer(200, Json.write(Json.object("ok", true, "result", result)));
    }

    private static Answer error(int code, String description, long retryAfter) {
        Map<String, Object> body = Json.object("ok", false, "error_code", code, "description", description);
        if (retryAfter > 0) {
            body.put("parameters", Json.object("retry_after", retryAfter));
        }
        return new Answer(code, Json.write(body));
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
    }
}
