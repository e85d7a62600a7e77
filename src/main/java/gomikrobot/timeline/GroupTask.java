package gomikrobot.timeline;

import gomikrobot.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code group_tasks}: a task this member delegated ({@code outgoing}) or runs for another
 * ({@code incoming}), with the answer once it came. {@code status}: {@code pending}, {@code accepted} (the
 * responder queued it), {@code completed}, {@code failed}.
 */
public record GroupTask(long id, String taskId, String description, String content, String direction,
                        String requesterId, String responderId, String responseContent, String status,
                        Instant createdAt, Instant respondedAt, Instant deadlineAt, Instant acceptedAt,
                        String traceId) {
    public static final String OUTGOING = "outgoing";
    public static final String INCOMING = "incoming";
    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    /** The most a task's description and content hold together: its record stays far below Kafka's 1 MB. */
    public static final int MAX_CHARS = 64_000;

    static final String COLUMNS = "id, task_id, description, content, direction, requester_id, responder_id,"
            + " response_content, status, created_at, responded_at, deadline_at, accepted_at, trace_id";

    /** A new row: not yet stored (id 0), created now, no answer. */
    public static GroupTask fresh(String taskId, String description, String content, String direction,
                                  String requesterId, String responderId, Instant now, Instant deadline,
                                  String traceId) {
        return new GroupTask(0, taskId, description, content, direction, requesterId, responderId, "", PENDING,
                now, null, deadline, null, traceId);
    }

    public boolean isOpen() {
        return status.equals(PENDING) || status.equals(ACCEPTED);
    }

    /** The JSON object of {@code GET /api/v1/group/tasks}: the columns by name, times in RFC 3339. */
    public Map<String, Object> toJson() {
        return Json.object("id", id, "task_id", taskId, "description", description, "content", content,
                "direction", direction, "requester_id", requesterId, "responder_id", responderId,
                "response_content", responseContent, "status", status, "created_at", Times.rfc3339(createdAt),
                "responded_at", respondedAt == null ? null : Times.rfc3339(respondedAt),
                "deadline_at", deadlineAt == null ? null : Times.rfc3339(deadlineAt),
                "accepted_at", acceptedAt == null ? null : Times.rfc3339(acceptedAt), "trace_id", traceId);
    }

    static GroupTask fromRow(ResultSet rs) throws SQLException {
        return new GroupTask(rs.getLong("id"), Rows.text(rs, "task_id"), Rows.text(rs, "description"),
                Rows.text(rs, "content"), Rows.text(rs, "direction"), Rows.text(rs, "requester_id"),
                Rows.text(rs, "responder_id"), Rows.text(rs, "response_content"), Rows.text(rs, "status"),
                Rows.time(rs, "created_at"), Rows.timeOrNull(rs, "responded_at"), Rows.timeOrNull(rs, "deadline_at"),
                Rows.timeOrNull(rs, "accepted_at"), Rows.text(rs, "trace_id"));
    }
}
