package gomikrobot.provider;

import java.util.List;
import java.util.Objects;

/**
 * The model's answer: text (null when it only called tools), the tool calls in the order it made them, why it
 * stopped ({@code stop}, {@code tool_calls}, {@code length}, {@code content_filter}, … or null), the usage, the
 * model that answered, and its {@code refusal} (null unless it declined to answer).
 */
public record ChatReply(String content, List<ToolCall> toolCalls, String finishReason, Usage usage, String model,
                        String refusal) {
    public ChatReply {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        Objects.requireNonNull(usage, "usage");
    }

    /** An answer without a refusal. */
    public ChatReply(String content, List<ToolCall> toolCalls, String finishReason, Usage usage, String model) {
        this(content, toolCalls, finishReason, usage, model, null);
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    /**
     * What the person reads of this reply: its content followed by its refusal (a model that declines says why
     * there, with no content), "" when it has neither. A stream delivers exactly this, in pieces.
     */
    public String text() {
        return (content == null ? "" : content) + (refusal == null ? "" : refusal);
    }
}
