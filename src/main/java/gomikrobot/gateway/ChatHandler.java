package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import gomikrobot.agent.Pipeline;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
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
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /chat} on the API port: the owner's message through the pipeline, the agent's answer as plain
 * text. The message (and optional {@code session}, default {@code local:default}) comes from the query, as the
 * original, or from a form or JSON body. Unlike the original it gets its own task, trace and policy records,
 * on channel {@code local}.
 */
final class ChatHandler implements HttpHandler {
    static final String DEFAULT_SESSION = "local:default";

    private final Pipeline pipeline;
    private final Ids ids;
    private final Clock clock;
    private final Duration timeout;

    ChatHandler(Pipeline pipeline, Ids ids, Clock clock, Duration timeout) {
        this.pipeline = pipeline;
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
        OutboundMessage answer;
        try {
            answer = pipeline.ask(in, timeout);
        } catch (TimeoutException e) {
            throw new HttpError(504, "no answer within " + timeout.toSeconds() + " s; the task goes on (trace " + in.traceId() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "the gateway is shutting down");
        }
        if (answer.failed()) {
            throw new HttpError(500, answer.content().replaceFirst("^Error: ", ""));
        }
        exchange.getResponseHeaders().set("X-Trace-Id", in.traceId());
        Responses.text(exchange, 200, Responses.TEXT, answer.content());
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
