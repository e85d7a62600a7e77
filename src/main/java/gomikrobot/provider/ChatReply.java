package gomikrobot.provider;

import java.util.List;
import java.util.Objects;

/**
 * The model's answer: text (null when it only called tools), the tool calls in the order it made them, why it
 * stopped ({@code stop}, {@code tool_calls}, {@code length}, … or null), the usage and the model that answered.
 */
public record ChatReply(String content, List<ToolCall> toolCalls, String finishReason, Usage usage, String model) {
    public ChatReply {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        Objects.requireNonNull(usage, "usage");
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
