package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import gomikrobot.bus.Inbox;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /chat} on the API port: the owner's message through the agent, the answer as plain text. The
 * message (and optional {@code session}, default {@code local:default}) comes from the query, as the original,
 * or from a form or JSON body. Unlike the original it gets its own task, trace and policy records, on channel
 * {@code local}. A failure is a JSON error whose status says why ({@link #statusOf}).
 */
final class ChatHandler implements HttpHandler {
    static final String DEFAULT_SESSION = "local:default";

    private final Inbox inbox;
    private final Ids ids;
    private final Clock clock;
    private final Duration timeout;

    ChatHandler(Inbox inbox, Ids ids, Clock clock, Duration timeout) {
        this.inbox = inbox;
        this.ids = ids;
        this.clock = clock;
        this.timeout = timeout;
    }

    void mount(Router router) {
        router.exact("/chat", this, "POST");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Map<String, String> fields = fields(exchange);
        String message = fields.getOrDefault("message", "");
        if (message.isBlank()) {
            throw HttpError.badRequest("Missing message parameter");
        }
        String chat = chatOf(fields.getOrDefault("session", "").strip());
        InboundMessage in = InboundMessage.of("local", chat, "local:" + chat, "Local", message, true, clock.instant())
                .withTrace(ids.hex16());
        Reply reply;
        try {
            reply = inbox.ask(in, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "the gateway is shutting down");
        }
        exchange.getResponseHeaders().set("X-Trace-Id", in.traceId());
        switch (reply) {
            case Reply.Answer answer -> Responses.text(exchange, 200, Responses.TEXT, answer.text());
            case Reply.Failure failure -> throw new HttpError(statusOf(failure.reason()), failure.describe());
        }
    }

    /** The HTTP status of a failed message: the model's fault 502, a limit 429, the gateway's state 503/504. */
    static int statusOf(Reply.Reason reason) {
        return switch (reason) {
            case MODEL_FAILED, NO_FINAL_ANSWER -> 502;
            case QUOTA_EXCEEDED -> 429;
            case ALREADY_RUNNING -> 409;
            case INTERRUPTED, SHUTTING_DOWN -> 503;
            case TIMED_OUT -> 504;
            case INTERNAL -> 500;
        };
    }

    /** Query first (the original's way), then a form or JSON body for what the query lacks. */
    private static Map<String, String> fields(HttpExchange exchange) throws IOException {
        Map<String, String> fields = Requests.query(exchange);
        byte[] body = Requests.readBody(exchange.getRequestBody());
        if (body.length == 0 || fields.containsKey("message")) {
            return fields;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonObject json = jsonBody(text);
            fields.put("message", Requests.string(json, "message"));
            fields.putIfAbsent("session", Requests.string(json, "session"));
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            Requests.pairs(text).forEach(fields::putIfAbsent);
        } else {
            fields.put("message", text); // a plain body is the message itself
        }
        return fields;
    }

    private static JsonObject jsonBody(String text) {
        try {
            if (Json.parse(text) instanceof Map<?, ?> map) {
                return JsonObject.of(map);
            }
        } catch (JsonException e) {
            // falls through to the same answer as a non-object
        }
        throw HttpError.badRequest(Requests.INVALID_BODY);
    }

    /** {@code local:default} -> chat "default"; any other session string is a chat of its own. */
    static String chatOf(String session) {
        if (session.isBlank()) {
            session = DEFAULT_SESSION;
        }
        return session.startsWith("local:") && session.length() > 6 ? session.substring(6) : session;
    }
}
