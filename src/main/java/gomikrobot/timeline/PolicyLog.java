package gomikrobot.timeline;

import java.util.List;

/** The {@code policy_decisions} audit table: one row per tool-call evaluation, never updated. */
public final class PolicyLog {
    private final Database db;

    public PolicyLog(Database db) {
        this.db = db;
    }

    /** @throws IllegalArgumentException for a blank tool name or a negative tier */
    public void record(String traceId, String taskId, String tool, int tier, String sender, String channel,
                       boolean allowed, String reason) {
        if (tool == null || tool.isBlank()) {
            throw new IllegalArgumentException("policy decision without tool name");
        }
        if (tier < 0) {
            throw new IllegalArgumentException("negative tool tier: " + tier);
        }
        db.write(c -> Rows.update(c, "INSERT INTO policy_decisions (trace_id, task_id, tool, tier, sender, channel,"
                        + " allowed, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Rows.orEmpty(traceId), Rows.orEmpty(taskId), tool, tier, Rows.orEmpty(sender), Rows.orEmpty(channel),
                allowed, Rows.orEmpty(reason)));
    }

    /** The decisions of one trace, oldest first. */
    public List<PolicyDecision> byTrace(String traceId) {
        return db.read(c -> Rows.list(c, "SELECT " + PolicyDecision.COLUMNS
                + " FROM policy_decisions WHERE trace_id = ? ORDER BY created_at ASC, id ASC", PolicyDecision::fromRow, traceId));
    }
}
