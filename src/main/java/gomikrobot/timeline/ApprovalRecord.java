package gomikrobot.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code approval_requests}: a tool call that waited (or waits) for the owner. {@code status} is
 * {@code pending}, {@code approved}, {@code denied} or {@code timeout}; {@code respondedAt} is null while pending.
 * {@code arguments} is the call's JSON text. The first {@link #CODE_LENGTH} characters of the id are the code
 * the owner answers with ({@code yes 7f3a}).
 */
public record ApprovalRecord(long id, String approvalId, String traceId, String taskId, String tool, int tier,
                             String arguments, String sender, String channel, String status, Instant createdAt,
                             Instant respondedAt) {
    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";
    public static final String TIMEOUT = "timeout";
    public static final int CODE_LENGTH = 4;

    public ApprovalRecord {
        traceId = Rows.orEmpty(traceId);
        taskId = Rows.orEmpty(taskId);
        arguments = Rows.orEmpty(arguments);
        sender = Rows.orEmpty(sender);
        channel = Rows.orEmpty(channel);
    }

    /** What the owner types after {@code yes} or {@code no}. */
    public String code() {
        return approvalId.substring(0, Math.min(CODE_LENGTH, approvalId.length()));
    }

    public boolean isPending() {
        return PENDING.equals(status);
    }

    /** The contract's ApprovalRecord object: struct order, omitempty on the optional texts and on responded_at. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("approval_id", approvalId);
        OmitEmpty.text(m, "trace_id", traceId);
        OmitEmpty.text(m, "task_id", taskId);
        m.put("tool", tool);
        m.put("tier", (long) tier);
        OmitEmpty.text(m, "arguments", arguments);
        OmitEmpty.text(m, "sender", sender);
        OmitEmpty.text(m, "channel", channel);
        m.put("status", status);
        m.put("created_at", Times.rfc3339(createdAt));
        OmitEmpty.time(m, "responded_at", respondedAt);
        return m;
    }

    static final String COLUMNS = "id, approval_id, trace_id, task_id, tool, tier, arguments, sender, channel, status,"
            + " created_at, responded_at";

    static ApprovalRecord fromRow(ResultSet rs) throws SQLException {
        return new ApprovalRecord(rs.getLong("id"), Rows.text(rs, "approval_id"), Rows.text(rs, "trace_id"),
                Rows.text(rs, "task_id"), Rows.text(rs, "tool"), rs.getInt("tier"), Rows.text(rs, "arguments"),
                Rows.text(rs, "sender"), Rows.text(rs, "channel"), Rows.text(rs, "status"),
                Rows.time(rs, "created_at"), Rows.timeOrNull(rs, "responded_at"));
    }
}
