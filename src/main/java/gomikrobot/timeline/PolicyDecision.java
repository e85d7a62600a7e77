package gomikrobot.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One policy evaluation of a tool call, as recorded in {@code policy_decisions}. */
public record PolicyDecision(long id, String traceId, String taskId, String tool, int tier, String sender,
                             String channel, boolean allowed, String reason, Instant createdAt) {

    public PolicyDecision {
        traceId = Rows.orEmpty(traceId);
        taskId = Rows.orEmpty(taskId);
        tool = Rows.orEmpty(tool);
        sender = Rows.orEmpty(sender);
        channel = Rows.orEmpty(channel);
        reason = Rows.orEmpty(reason);
    }

    /** The contract's PolicyDecision object: struct order, omitempty on the optional texts. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        OmitEmpty.text(m, "trace_id", traceId);
        OmitEmpty.text(m, "task_id", taskId);
        m.put("tool", tool);
        m.put("tier", (long) tier);
        OmitEmpty.text(m, "sender", sender);
        OmitEmpty.text(m, "channel", channel);
        m.put("allowed", allowed);
        OmitEmpty.text(m, "reason", reason);
        m.put("created_at", Times.rfc3339(createdAt));
        return m;
    }

    static final String COLUMNS = "id, trace_id, task_id, tool, tier, sender, channel, allowed, reason, created_at";

    static PolicyDecision fromRow(ResultSet rs) throws SQLException {
        return new PolicyDecision(rs.getLong("id"), Rows.text(rs, "trace_id"), Rows.text(rs, "task_id"),
                Rows.text(rs, "tool"), rs.getInt("tier"), Rows.text(rs, "sender"), Rows.text(rs, "channel"),
                Rows.bool(rs, "allowed", false), Rows.text(rs, "reason"), Rows.time(rs, "created_at"));
    }
}
