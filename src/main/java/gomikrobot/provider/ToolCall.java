package gomikrobot.provider;

import java.util.Objects;

/**
 * One function call the model asked for. {@code argumentsJson} is kept exactly as the model wrote it: the tool
 * registry validates it against the tool's schema, and a model that writes broken JSON deserves a readable error
 * there, not here.
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
    }
}
