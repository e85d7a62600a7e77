package gomikrobot.provider;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates between our chat records and the OpenAI {@code /chat/completions} wire format. Reading is strict
 * about types: anything that is not the documented shape is a {@link JsonException} naming what was wrong. A
 * streamed answer is read by {@link ChatStream}, which shares the pieces here.
 */
final class ChatCodec {
    private ChatCodec() {
    }

    /** The request; {@code stream} asks for server-sent events with the usage in the last one. */
    static String requestBody(ChatRequest request, boolean stream) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", request.model());
        body.put("messages", request.messages().stream().map(ChatCodec::message).toList());
        if (request.maxTokens() > 0) {
            body.put("max_tokens", request.maxTokens());
        }
        body.put("temperature", request.temperature());
        if (!request.tools().isEmpty()) {
            body.put("tools", request.tools());
            body.put("tool_choice", "auto");
        }
        if (stream) {
            body.put("stream", true);
            body.put("stream_options", Json.object("include_usage", true));
        }
        return Json.write(body);
    }

    /** The completion, or empty when it has no choices at all ({@code choices: []}). */
    static Optional<ChatReply> readReply(String text, String requestedModel) {
        JsonObject root = Json.parseObject(text);
        requireNoError(root);
        if (!root.has("choices")) {
            throw new JsonException("the answer has no choices");
        }
        List<Object> choices = root.array("choices");
        if (choices.isEmpty()) {
            return Optional.empty();
        }
        JsonObject choice = asObject(choices.getFirst(), "choices[0]");
        if (!choice.has("message")) {
            throw new JsonException("choices[0] has no message");
        }
        JsonObject message = choice.object("message");
        return Optional.of(new ChatReply(
                message.string("content").orElse(null),
                toolCalls(message.array("tool_calls")),
                choice.string("finish_reason").orElse(null),
                usage(root.object("usage")),
                root.string("model").orElse(requestedModel),
                message.string("refusal").orElse(null)));
    }

    /** Some gateways (OpenRouter among them) report an upstream failure inside a 200 answer or a stream event. */
    static void requireNoError(JsonObject root) {
        if (!root.has("choices") && root.raw("error") instanceof Map<?, ?> error) {
            throw new JsonException("the answer is an error, not a completion: "
                    + ErrorText.fromObject(error).describe());
        }
        if (!root.has("choices") && root.raw("error") instanceof String error) {
            throw new JsonException("the answer is an error, not a completion: " + ErrorText.oneLine(error));
        }
    }

    static Usage usage(JsonObject usage) {
        long prompt = usage.integer("prompt_tokens", 0);
        long completion = usage.integer("completion_tokens", 0);
        long total = usage.integer("total_tokens", prompt + completion);
        if (prompt < 0 || completion < 0 || total < 0) {
            throw new JsonException("usage token counts cannot be negative");
        }
        return new Usage(prompt, completion, total);
    }

    static JsonObject asObject(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return JsonObject.of(map);
        }
        throw new JsonException(where + " must be an object");
    }

    private static Map<String, Object> message(ChatMessage message) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("role", message.role().wireName());
        wire.put("content", message.content());
        if (!message.toolCalls().isEmpty()) {
            wire.put("tool_calls", message.toolCalls().stream().map(ChatCodec::toolCall).toList());
        }
        if (message.role() == Role.TOOL) {
            wire.put("tool_call_id", message.toolCallId());
        }
        return wire;
    }

    /** A function call as the spec writes it; a call of another type as it came ({@code custom: {name, input}}). */
    private static Map<String, Object> toolCall(ToolCall call) {
        if (!call.isFunction()) {
            return Json.object("id", call.id(), "type", call.type(),
                    call.type(), Json.object("name", call.name(), "input", call.argumentsJson()));
        }
        return Json.object("id", call.id(), "type", ToolCall.FUNCTION,
                "function", Json.object("name", call.name(), "arguments", call.argumentsJson()));
    }

    private static List<ToolCall> toolCalls(List<Object> wire) {
        List<ToolCall> calls = new ArrayList<>(wire.size());
        for (int i = 0; i < wire.size(); i++) {
            String where = "tool_calls[" + i + "]";
            JsonObject call = asObject(wire.get(i), where);
            String id = call.string("id").orElseThrow(() -> new JsonException(where + " has no id"));
            String type = call.string("type").orElse(ToolCall.FUNCTION);
            if (!type.equals(ToolCall.FUNCTION)) {
                JsonObject body = call.object(type);
                String name = body.string("name").orElse(type);
                calls.add(new ToolCall(id, name, arguments(body.raw("input"), where), type));
                continue;
            }
            JsonObject function = call.object("function");
            String name = function.string("name").orElseThrow(() -> new JsonException(where + " has no function name"));
            calls.add(new ToolCall(id, name, arguments(function.raw("arguments"), where)));
        }
        return calls;
    }

    /** The spec says a JSON string; a few local servers send the object itself, which we accept as its text. */
    static String arguments(Object raw, String where) {
        return switch (raw) {
            case null -> "{}";
            case String text -> text;
            case Map<?, ?> object -> Json.write(object);
            default -> throw new JsonException(where + ".function.arguments must be a string");
        };
    }
}
