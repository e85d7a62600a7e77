package gomikrobot.timeline;

import java.util.List;

/**
 * The {@code group_traces} table of remote spans. A span (trace, source member, span id) is stored once, so a
 * redelivered trace record adds nothing.
 */
public final class GroupTraceStore {
    public static final int DEFAULT_LIST_LIMIT = 50;
    public static final int MAX_LIST_LIMIT = 1000;

    private final Database db;

    public GroupTraceStore(Database db) {
        this.db = db;
    }

    /** Stores a span; false when it is already stored. */
    public boolean add(RemoteSpan s) {
        return db.write(c -> Rows.update(c, "INSERT INTO group_traces (trace_id, source_agent_id, span_id,"
                        + " parent_span_id, span_type, title, content, started_at, ended_at, duration_ms)"
                        + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM group_traces"
                        + " WHERE trace_id = ? AND source_agent_id = ? AND span_id = ?)",
                s.traceId(), s.sourceAgentId(), s.spanId(), s.parentSpanId(), s.spanType(), s.title(), s.content(),
                s.startedAt(), s.endedAt(), s.durationMs(), s.traceId(), s.sourceAgentId(), s.spanId())) == 1;
    }

    /** The remote spans of one trace, in the order they arrived. */
    public List<RemoteSpan> byTrace(String traceId) {
        return db.read(c -> Rows.list(c, "SELECT " + RemoteSpan.COLUMNS + " FROM group_traces WHERE trace_id = ?"
                + " ORDER BY created_at ASC, id ASC", RemoteSpan::fromRow, traceId));
    }

    /** Newest first; {@code agentId} filters by source member when not blank. */
    public List<RemoteSpan> list(String agentId, int limit, int offset) {
        return db.read(c -> Rows.newestPage(c, "SELECT " + RemoteSpan.COLUMNS + " FROM group_traces", "source_agent_id", agentId,
                RemoteSpan::fromRow, limit, offset));
    }
}
