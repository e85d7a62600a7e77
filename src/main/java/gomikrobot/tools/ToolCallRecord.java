package gomikrobot.tools;

/** One finished tool call: its context, the model's call id and arguments, the result and how long it took. */
public record ToolCallRecord(ToolContext ctx, String toolCallId, String tool, String argumentsJson,
                             ToolResult result, long durationMs) {
}
