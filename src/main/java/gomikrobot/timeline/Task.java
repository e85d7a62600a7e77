package gomikrobot.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One row of {@code tasks}: a unit of agent work from inbound message to delivered reply. Text fields are never
 * null; {@code deliveryNextAt} and {@code completedAt} are null when unset.
 */
public record Task(long id, String taskId, String idempotencyKey, String traceId, String channel, String chatId,
                   String senderId, String messageType, String status, String contentIn, String contentOut,
                   String errorText, String deliveryStatus, long promptTokens, long completionTokens,
                   long totalTokens, int deliveryAttempts, Instant deliveryNextAt, Instant createdAt,
                   Instant updatedAt, Instant completedAt) {

    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final Set<String> STATUSES = Set.of(PENDING, PROCESSING, COMPLETED, FAILED);

    public static final String DELIVERY_PENDING = "pending";
    public static final String DELIVERY_SENT = "sent";
    public static final String DELIVERY_FAILED = "failed";
    public static final String DELIVERY_SKIPPED = "skipped";
    public static final Set<String> DELIVERY_STATUSES = Set.of(DELIVERY_PENDING, DELIVERY_SENT, DELIVERY_FAILED, DELIVERY_SKIPPED);

    public Task {
        taskId = Rows.orEmpty(taskId);
        idempotencyKey = Rows.orEmpty(idempotencyKey);
        traceId = Rows.orEmpty(traceId);
        channel = Rows.orEmpty(channel);
        chatId = Rows.orEmpty(chatId);
        senderId = Rows.orEmpty(senderId);
        messageType = Rows.orEmpty(messageType);
        status = Rows.orEmpty(status);
        contentIn = Rows.orEmpty(contentIn);
        contentOut = Rows.orEmpty(contentOut);
        errorText = Rows.orEmpty(errorText);
        deliveryStatus = Rows.orEmpty(deliveryStatus);
    }

    /** The contract's AgentTask object: struct order and its omitempty rules. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("task_id", taskId);
        OmitEmpty.text(m, "idempotency_key", idempotencyKey);
        OmitEmpty.text(m, "trace_id", traceId);
        m.put("channel", channel);
        m.put("chat_id", chatId);
        OmitEmpty.text(m, "sender_id", senderId);
        OmitEmpty.text(m, "message_type", messageType);
        m.put("status", status);
        OmitEmpty.text(m, "content_in", contentIn);
        OmitEmpty.text(m, "content_out", contentOut);
        OmitEmpty.text(m, "error_text", errorText);
        m.put("delivery_status", deliveryStatus);
        m.put("prompt_tokens", promptTokens);
        m.put("completion_tokens", completionTokens);
        m.put("total_tokens", totalTokens);
        m.put("delivery_attempts", (long) deliveryAttempts);
        OmitEmpty.time(m, "delivery_next_at", deliveryNextAt);
        m.put("created_at", Times.rfc3339(createdAt));
        m.put("updated_at", Times.rfc3339(updatedAt));
        OmitEmpty.time(m, "completed_at", completedAt);
        return m;
    }

    static final String COLUMNS = "id, task_id, idempotency_key, trace_id, channel, chat_id, sender_id, message_type,"
            + " status, content_in, content_out, error_text, delivery_status, prompt_tokens, completion_tokens,"
            + " total_tokens, delivery_attempts, delivery_next_at, created_at, updated_at, completed_at";

    static Task fromRow(ResultSet rs) throws SQLException {
        return new Task(rs.getLong("id"), Rows.text(rs, "task_id"), Rows.text(rs, "idempotency_key"),
                Rows.text(rs, "trace_id"), Rows.text(rs, "channel"), Rows.text(rs, "chat_id"),
                Rows.text(rs, "sender_id"), Rows.text(rs, "message_type"), Rows.text(rs, "status"),
                Rows.text(rs, "content_in"), Rows.text(rs, "content_out"), Rows.text(rs, "error_text"),
                Rows.text(rs, "delivery_status"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
                rs.getLong("total_tokens"), rs.getInt("delivery_attempts"), Rows.timeOrNull(rs, "delivery_next_at"),
                Rows.time(rs, "created_at"), Rows.time(rs, "updated_at"), Rows.timeOrNull(rs, "completed_at"));
    }
}
