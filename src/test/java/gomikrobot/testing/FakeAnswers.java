package gomikrobot.testing;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The JSON bodies {@link FakeOpenAiServer} answers with, in the OpenAI wire format. */
final class FakeAnswers {
    private FakeAnswers() {
    }

    /** A chat completion; tool call ids come from {@code callIds} so they are unique across the server's life. */
    static String completion(String model, FakeReply reply, AtomicInteger callIds) {
        Map<String, Object> message = Json.object("role", "assistant", "content", reply.content());
        if (reply.refusal() != null) {
            message.put("refusal", reply.refusal());
        }
        if (!reply.calls().isEmpty()) {
            List<Object> wire = new ArrayList<>();
            for (FakeOpenAiServer.Call call : reply.calls()) {
                String argumentsKey = call.type().equals("function") ? "arguments" : "input";
                wire.add(Json.object("id", "call_" + callIds.incrementAndGet(), "type", call.type(),
                        call.type(), Json.object("name", call.name(), argumentsKey, call.argumentsJson())));
            }
            message.put("tool_calls", wire);
        }
        List<Object> choices = reply.noChoices() ? List.of()
                : List.of(Json.object("index", 0, "message", message, "finish_reason", reply.finishReason()));
        return Json.write(Json.object("id", "chatcmpl-fake", "object", "chat.completion",
                "created", 1_700_000_000L, "model", model, "choices", choices, "usage", usage()));
    }

    /** Vectors for every input, listed in reverse order so clients must sort by {@code index}. */
    static String embeddings(JsonObject request, int dimension) {
        List<String> inputs = request.raw("input") instanceof String single ? List.of(single) : request.strings("input");
        if (inputs.isEmpty()) {
            throw new JsonException("input must not be empty");
        }
        List<Object> data = new ArrayList<>();
        for (int i = inputs.size() - 1; i >= 0; i--) {
            List<Double> vector = new ArrayList<>(dimension);
            for (float v : FakeEmbeddings.vector(inputs.get(i), dimension)) {
                vector.add((double) v);
            }
            data.add(Json.object("object", "embedding", "index", i, "embedding", vector));
        }
        return Json.write(Json.object("object", "list", "data", data,
                "model", request.string("model", "text-embedding-3-small"),
                "usage", Json.object("prompt_tokens", FakeOpenAiServer.PROMPT_TOKENS,
                        "total_tokens", FakeOpenAiServer.PROMPT_TOKENS)));
    }

    static String models(List<String> ids) {
        List<Object> data = ids.stream().<Object>map(id -> Json.object("id", id, "object", "model")).toList();
        return Json.write(Json.object("object", "list", "data", data));
    }

    /** The text of the last user message; multi-part content contributes its text parts. */
    static String lastUserText(JsonObject request) {
        List<Object> messages = request.array("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Map<?, ?> m && "user".equals(m.get("role"))) {
                return switch (m.get("content")) {
                    case String text -> text;
                    case List<?> parts -> String.join(" ", parts.stream()
                            .filter(p -> p instanceof Map<?, ?> part && part.get("text") instanceof String)
                            .map(p -> (String) ((Map<?, ?>) p).get("text")).toList());
                    case null, default -> "";
                };
            }
        }
        return "";
    }

    static Map<String, Object> usage() {
        return Json.object("prompt_tokens", FakeOpenAiServer.PROMPT_TOKENS,
                "completion_tokens", FakeOpenAiServer.COMPLETION_TOKENS,
                "total_tokens", FakeOpenAiServer.TOTAL_TOKENS);
    }
}
