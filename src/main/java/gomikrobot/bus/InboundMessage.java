package gomikrobot.bus;

import java.time.Instant;
import java.util.Objects;

/**
 * A message for the agent, from any channel. {@code internal} is true for the owner's own messages (CLI, the
 * local API, WhatsApp self-chat) and false for everyone else's; the policy engine grants tools by it.
 * {@code taskId} is empty until the intake has stored the task row.
 *
 * @param channel        {@code cli}, {@code local}, {@code webui}, {@code whatsapp}
 * @param chatId         the conversation within the channel (a JID, a web user id, {@code default})
 * @param idempotencyKey deduplicates redeliveries ({@code wa:<id>}, {@code web:<trace>}); empty = none
 */
public record InboundMessage(
        String channel,
        String chatId,
        String senderId,
        String senderName,
        String text,
        String mediaPath,
        String messageId,
        String traceId,
        String idempotencyKey,
        boolean internal,
        Instant at,
        String taskId) {

    public InboundMessage {
        requireText(channel, "channel");
        requireText(chatId, "chatId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
        senderId = Objects.requireNonNullElse(senderId, "");
        senderName = Objects.requireNonNullElse(senderName, "");
        mediaPath = Objects.requireNonNullElse(mediaPath, "");
        messageId = Objects.requireNonNullElse(messageId, "");
        traceId = Objects.requireNonNullElse(traceId, "");
        idempotencyKey = Objects.requireNonNullElse(idempotencyKey, "");
        taskId = Objects.requireNonNullElse(taskId, "");
    }

    /** A message with only what most callers know; the rest empty. */
    public static InboundMessage of(String channel, String chatId, String senderId, String senderName, String text,
                                    boolean internal, Instant at) {
        return new InboundMessage(channel, chatId, senderId, senderName, text, "", "", "", "", internal, at, "");
    }

    /** The conversation this message belongs to: one history, processed in order. */
    public String sessionKey() {
        return channel + ":" + chatId;
    }

    public InboundMessage withTrace(String trace) {
        return new InboundMessage(channel, chatId, senderId, senderName, text, mediaPath, messageId, trace,
                idempotencyKey, internal, at, taskId);
    }

    public InboundMessage withIdempotencyKey(String key) {
        return new InboundMessage(channel, chatId, senderId, senderName, text, mediaPath, messageId, traceId,
                key, internal, at, taskId);
    }

    public InboundMessage withTaskId(String id) {
        return new InboundMessage(channel, chatId, senderId, senderName, text, mediaPath, messageId, traceId,
                idempotencyKey, internal, at, id);
    }

    public String messageType() {
        return internal ? "internal" : "external";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
