package gomikrobot.timeline;

/**
 * What {@link TaskStore#create} needs. An empty idempotency key is stored as NULL and never deduplicates; a blank
 * message type means {@code external} (the original's default: only tier-0 tools run without approval).
 */
public record NewTask(String idempotencyKey, String traceId, String channel, String chatId, String senderId,
                      String messageType, String contentIn) {
    public static final String INTERNAL = "internal";
    public static final String EXTERNAL = "external";

    public NewTask {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("task without channel");
        }
        if (chatId == null) {
            throw new IllegalArgumentException("task without chat id");
        }
        idempotencyKey = idempotencyKey == null ? "" : idempotencyKey.strip();
        traceId = Rows.orEmpty(traceId);
        senderId = Rows.orEmpty(senderId);
        messageType = messageType == null || messageType.isBlank() ? EXTERNAL : messageType;
        contentIn = Rows.orEmpty(contentIn);
    }
}
