package gomikrobot.policy;

/**
 * One tool call put to the policy engine: who asked (sender, channel, whether the message is the owner's own),
 * which tool at which tier, and the trace and task it belongs to (carried through to the decision log).
 * {@code internal} is true for the owner's messages (CLI, local API, WhatsApp self-chat, scheduler).
 */
public record PolicyRequest(String traceId, String taskId, String tool, int tier, String sender, String channel,
                            boolean internal) {
    public PolicyRequest {
        if (tool == null || tool.isBlank()) {
            throw new IllegalArgumentException("tool name is empty");
        }
        if (tier < 0) {
            throw new IllegalArgumentException("tier must not be negative: " + tier);
        }
        traceId = traceId == null ? "" : traceId;
        taskId = taskId == null ? "" : taskId;
        sender = sender == null ? "" : sender;
        channel = channel == null ? "" : channel;
    }
}
