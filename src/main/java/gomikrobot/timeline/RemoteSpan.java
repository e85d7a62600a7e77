package gomikrobot.timeline;

import gomikrobot.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code group_traces}: a span another member recorded while working on a task of ours, filed under
 * the trace it ran in ({@code id} is 0 until stored).
 */
public record RemoteSpan(long id, String traceId, String sourceAgentId, String spanId, String parentSpanId,
                         String spanType, String title, String content, Instant startedAt, Instant endedAt,
                         long durationMs, Instant createdAt) {
    static final String COLUMNS = "id, trace_id, source_agent_id, span_id, parent_span_id, span_type, title, content,"
            + " started_at, ended_at, duration_ms, created_at";

    /** The JSON object of {@code GET /api/v1/group/traces}: the columns by name. */
    public Map<String, Object> toJson() {
        return Json.object("id", id, "trace_id", traceId, "source_agent_id", sourceAgentId, "span_id", spanId,
                "parent_span_id", parentSpanId, "span_type", spanType, "title", title, "content", content,
                "started_at", startedAt == null ? null : Times.rfc3339(startedAt),
                "ended_at", endedAt == null ? null : Times.rfc3339(endedAt), "duration_ms", durationMs,
                "created_at", Times.rfc3339(createdAt));
    }

    static RemoteSpan fromRow(ResultSet rs) throws SQLException {
        return new RemoteSpan(rs.getLong("id"), Rows.text(rs, "trace_id"), Rows.text(rs, "source_agent_id"),
                Rows.text(rs, "span_id"), Rows.text(rs, "parent_span_id"), Rows.text(rs, "span_type"),
                Rows.text(rs, "title"), Rows.text(rs, "content"), Rows.timeOrNull(rs, "started_at"),
                Rows.timeOrNull(rs, "ended_at"), rs.getLong("duration_ms"), Rows.time(rs, "created_at"));
    }
}
