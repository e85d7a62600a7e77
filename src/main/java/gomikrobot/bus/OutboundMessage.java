package gomikrobot.bus;

import java.util.Objects;

/**
 * An answer for a channel. {@code failed} marks an error text (the model could not be reached, the task
 * failed) so synchronous callers can answer 500 or exit 1 instead of printing it as if it were an answer.
 */
public record OutboundMessage(String channel, String chatId, String content, String traceId, String taskId,
                              boolean failed) {

    public OutboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chatId, "chatId");
        content = Objects.requireNonNullElse(content, "");
        traceId = Objects.requireNonNullElse(traceId, "");
        taskId = Objects.requireNonNullElse(taskId, "");
    }

    public static OutboundMessage answer(InboundMessage to, String content) {
        return new OutboundMessage(to.channel(), to.chatId(), content, to.traceId(), to.taskId(), false);
    }

    public static OutboundMessage failure(InboundMessage to, String error) {
        return new OutboundMessage(to.channel(), to.chatId(), error, to.traceId(), to.taskId(), true);
    }
}
