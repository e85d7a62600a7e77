package gomikrobot.bus;

import java.util.Objects;

/**
 * A reply on its way back: to the conversation {@code channel}/{@code chatId} the message came from, under the
 * message's trace and task.
 */
public record OutboundMessage(String channel, String chatId, String traceId, String taskId, Reply reply) {

    public OutboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(reply, "reply");
        traceId = Objects.requireNonNullElse(traceId, "");
        taskId = Objects.requireNonNullElse(taskId, "");
    }

    /** The reply to {@code message}, addressed to where it came from. */
    public static OutboundMessage to(InboundMessage message, Reply reply) {
        return new OutboundMessage(message.channel(), message.chatId(), message.traceId(), message.taskId(), reply);
    }

    /** A text for a chat that answers no message (a forwarded note, a test). */
    public static OutboundMessage text(String channel, String chatId, String text) {
        return new OutboundMessage(channel, chatId, "", "", new Reply.Answer(text));
    }
}
