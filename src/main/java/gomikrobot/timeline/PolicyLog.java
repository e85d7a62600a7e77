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

    /**
     * Whether a tool of tier {@code tier} or higher was allowed to run for the task: then the task may have
     * changed something, and running it again could do it twice.
     */
    public boolean allowedAtOrAbove(String taskId, int tier) {
        return db.read(c -> Rows.scalar(c, "SELECT COUNT(*) FROM policy_decisions WHERE task_id = ? AND tier >= ?"
                + " AND allowed = 1", taskId, tier)) > 0;
    }

    /** The decisions of one trace, oldest first. */
    public List<PolicyDecision> byTrace(String traceId) {
        return db.read(c -> Rows.list(c, "SELECT " + PolicyDecision.COLUMNS
                + " FROM policy_decisions WHERE trace_id = ? ORDER BY created_at ASC, id ASC", PolicyDecision::fromRow, traceId));
    }
}
