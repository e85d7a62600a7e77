package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.bus.AnswerStream;
import gomikrobot.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web chat's answers while the agent writes them, by trace id, so the dashboard can show them growing:
 * {@code GET /api/v1/webchat/partial?trace_id=…} answers {@code {"trace_id", "text"}}, the text so far. The
 * dashboard polls it (the simplest thing that works behind the bearer token, which an {@code EventSource}
 * cannot send) until the finished answer appears on the timeline, which stays the record. Held in memory only:
 * the {@value #KEPT} most recent answers, each cut at {@value #MAX_CHARS} characters.
 */
final class PartialAnswers {
    static final String PATH = "/api/v1/webchat/partial";
    static final int KEPT = 64;
    static final int MAX_CHARS = 256 * 1024;

    private final Map<String, StringBuilder> answers = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StringBuilder> eldest) {
            return size() > KEPT;
        }
    };

    void mount(Router router) {
        router.exact(PATH, this::serve, "GET");
    }

    /** Starts following the answer to the message with this trace id. */
    AnswerStream follow(String traceId) {
        synchronized (answers) {
            answers.put(traceId, new StringBuilder());
        }
        return delta -> append(traceId, delta);
    }

    private void append(String traceId, String delta) {
        synchronized (answers) {
            StringBuilder text = answers.get(traceId);
            if (text != null && text.length() < MAX_CHARS) {
                text.append(delta, 0, Math.min(delta.length(), MAX_CHARS - text.length()));
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String traceId = Requests.param(exchange, "trace_id");
        if (traceId.isBlank()) {
            throw HttpError.badRequest("trace_id required");
        }
        String text;
        synchronized (answers) {
            StringBuilder answer = answers.get(traceId);
            if (answer == null) {
                throw new HttpError(404, "no answer is being followed for this trace id (it is older than the last "
                        + KEPT + " web chat messages, or the gateway restarted); see the timeline");
            }
            text = answer.toString();
        }
        Responses.json(exchange, 200, Json.object("trace_id", traceId, "text", text));
    }
}
