package gomikrobot.gateway.openai;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import gomikrobot.session.Turn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code POST /v1/chat/completions} body, checked: the model is ours, {@code messages} is a non-empty list of
 * messages with known roles whose content is text (a string, or parts of type {@code text}), and the last one is
 * the user's. What the agent needs of it is the last user message, the earlier user and assistant messages (the
 * history when the client keeps it), whether to stream, and the {@code user} field. Parameters the agent decides
 * itself ({@code temperature}, {@code max_tokens}, {@code tools}, …) are ignored; anything malformed is an
 * {@link OpenAiError} naming the parameter at fault.
 */
record CompletionRequest(String text, List<Turn> earlier, boolean stream, boolean includeUsage, String user) {
    /** The most earlier messages kept as history: as many as the gateway keeps of a session. */
    static final int MAX_HISTORY = 50;
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Set<String> TEXT_PARTS = Set.of("text", "refusal");
    private static final Set<String> IMAGE_PARTS = Set.of("image_url", "input_image", "image");
    private static final int MAX_USER_CHARS = 256;

    static CompletionRequest parse(byte[] body, String modelId, Instant now) {
        JsonObject root = object(body);
        try {
            String model = root.string("model").orElseThrow(
                    () -> OpenAiError.invalid("you must provide a model parameter (\"" + modelId + "\")", "model"));
            if (!model.equals(modelId)) {
                throw new OpenAiError(404, "The model '" + model + "' does not exist: this gateway serves '"
                        + modelId + "' (GET /v1/models)", "invalid_request_error", "model_not_found", "model", false);
            }
            if (root.integer("n", 1) != 1) {
                throw OpenAiError.invalid("only one choice per request is supported (n = 1)", "n");
            }
            List<Message> messages = messages(root.array("messages"));
            boolean stream = root.bool("stream", false);
            boolean includeUsage = root.object("stream_options").bool("include_usage", false);
            String user = root.string("user", "");
            if (user.length() > MAX_USER_CHARS) {
                throw OpenAiError.invalid("user must be at most " + MAX_USER_CHARS + " characters", "user");
            }
            return new CompletionRequest(messages.getLast().text(), history(messages, now), stream, includeUsage, user);
        } catch (JsonException e) {
            throw OpenAiError.invalid("invalid request: " + e.describe(), null);
        }
    }

    private static JsonObject object(byte[] body) {
        try {
            if (Json.parse(new String(body, StandardCharsets.UTF_8)) instanceof Map<?, ?> map) {
                return JsonObject.of(map);
            }
        } catch (JsonException e) {
            throw OpenAiError.invalid("the body is not valid JSON: " + e.describe(), null);
        }
        throw OpenAiError.invalid("the body must be a JSON object (a chat completion request)", null);
    }

    private static List<Message> messages(List<Object> wire) {
        if (wire.isEmpty()) {
            throw OpenAiError.invalid("messages must be a non-empty array", "messages");
        }
        List<Message> messages = new ArrayList<>(wire.size());
        for (int i = 0; i < wire.size(); i++) {
            String where = "messages[" + i + "]";
            if (!(wire.get(i) instanceof Map<?, ?> map)) {
                throw OpenAiError.invalid(where + " must be an object", where);
            }
            JsonObject message = JsonObject.of(map);
            String role = message.string("role", "");
            if (!ROLES.contains(role)) {
                throw OpenAiError.invalid(where + ".role must be one of " + String.join(", ", ROLES.stream().sorted()
                        .toList()) + ", got \"" + role + "\"", where + ".role");
            }
            messages.add(new Message(role, text(message.raw("content"), where + ".content")));
        }
        Message last = messages.getLast();
        if (!last.role().equals("user") || last.text().isBlank()) {
            throw OpenAiError.invalid("the last message must be the user's, with text: it is what the agent answers",
                    "messages");
        }
        return messages;
    }

    /** A string, null, or parts of which only text is accepted; an image is refused by name. */
    private static String text(Object content, String where) {
        return switch (content) {
            case null -> "";
            case String text -> text;
            case List<?> parts -> {
                List<String> texts = new ArrayList<>();
                for (int j = 0; j < parts.size(); j++) {
                    texts.add(part(parts.get(j), where + "[" + j + "]"));
                }
                yield String.join("\n", texts);
            }
            default -> throw OpenAiError.invalid(where + " must be a string or an array of text parts", where);
        };
    }

    private static String part(Object raw, String where) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw OpenAiError.invalid(where + " must be an object", where);
        }
        JsonObject part = JsonObject.of(map);
        String type = part.string("type", "");
        if (IMAGE_PARTS.contains(type)) {
            throw new OpenAiError(400, "images are not supported: " + where + " is an image; this agent reads "
                    + "text only, so describe the image in words or leave it out", "invalid_request_error",
                    "image_not_supported", where, false);
        }
        if (!TEXT_PARTS.contains(type)) {
            throw OpenAiError.invalid("only text parts are supported: " + where + " has type \"" + type + "\"", where);
        }
        return part.string(type).orElseThrow(() -> OpenAiError.invalid(where + "." + type + " must be a string", where));
    }

    /** The user and assistant messages with text before the last one, at most {@link #MAX_HISTORY}, oldest first. */
    private static List<Turn> history(List<Message> messages, Instant now) {
        List<Turn> turns = new ArrayList<>();
        for (Message m : messages.subList(0, messages.size() - 1)) {
            if ((m.role().equals("user") || m.role().equals("assistant")) && !m.text().isBlank()) {
                turns.add(new Turn(m.role(), m.text(), now));
            }
        }
        return List.copyOf(turns.subList(Math.max(0, turns.size() - MAX_HISTORY), turns.size()));
    }

    private record Message(String role, String text) {
    }
}
