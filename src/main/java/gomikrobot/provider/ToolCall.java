package gomikrobot.provider;

import java.util.Objects;

/**
 * One tool call the model asked for. {@code argumentsJson} is kept exactly as the model wrote it: the tool
 * registry validates it against the tool's schema, and a model that writes broken JSON deserves a readable error
 * there, not here. {@code type} is {@code function} for every tool we offer; a call of another type (OpenAI's
 * {@code custom} tools take free text as their {@code input}) is kept, with that input as its arguments, so it can
 * be answered as unsupported.
 */
public record ToolCall(String id, String name, String argumentsJson, String type) {
    public static final String FUNCTION = "function";

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
        type = type == null || type.isBlank() ? FUNCTION : type;
    }

    /** A function call. */
    public ToolCall(String id, String name, String argumentsJson) {
        this(id, name, argumentsJson, FUNCTION);
    }

    public boolean isFunction() {
        return FUNCTION.equals(type);
    }
}
