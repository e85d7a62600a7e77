package gomikrobot.timeline;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code timeline}. Text fields are never null (null becomes ""), so the Go program can read every row
 * we write. {@code timestamp} may be null only on an event not yet appended: {@link EventStore#append} then uses
 * the current time. {@code metadata} is a JSON document as text, or "".
 */
public record TimelineEvent(long id, String eventId, String traceId, String spanId, String parentSpanId,
                            Instant timestamp, String senderId, String senderName, String eventType,
                            String contentText, String mediaPath, String vectorId, String classification,
                            boolean authorized, String metadata) {

    public TimelineEvent {
        eventId = Rows.orEmpty(eventId);
        traceId = Rows.orEmpty(traceId);
        spanId = Rows.orEmpty(spanId);
        parentSpanId = Rows.orEmpty(parentSpanId);
        senderId = Rows.orEmpty(senderId);
        senderName = Rows.orEmpty(senderName);
        eventType = Rows.orEmpty(eventType);
        contentText = Rows.orEmpty(contentText);
        mediaPath = Rows.orEmpty(mediaPath);
        vectorId = Rows.orEmpty(vectorId);
        classification = Rows.orEmpty(classification);
        metadata = Rows.orEmpty(metadata);
    }

    /** A new event to append: no id, time "now", no span, media, vector or metadata. */
    public static TimelineEvent create(String eventId, String traceId, String senderId, String senderName,
                                       String eventType, String contentText, String classification, boolean authorized) {
        return new TimelineEvent(0, eventId, traceId, "", "", null, senderId, senderName, eventType, contentText,
                "", "", classification, authorized, "");
    }

    public TimelineEvent withMetadata(String json) {
        return new TimelineEvent(id, eventId, traceId, spanId, parentSpanId, timestamp, senderId, senderName,
                eventType, contentText, mediaPath, vectorId, classification, authorized, json);
    }

    public TimelineEvent withMediaPath(String path) {
        return new TimelineEvent(id, eventId, traceId, spanId, parentSpanId, timestamp, senderId, senderName,
                eventType, contentText, path, vectorId, classification, authorized, metadata);
    }

    public TimelineEvent withTimestamp(Instant at) {
        return new TimelineEvent(id, eventId, traceId, spanId, parentSpanId, at, senderId, senderName,
                eventType, contentText, mediaPath, vectorId, classification, authorized, metadata);
    }

    /**
     * The event's node type in a trace graph (contract §5.2): INBOUND or OUTBOUND (by classification, or the sender
     * name {@code User}/{@code Agent}, when there is a classification), LLM, TOOL, POLICY, else EVENT.
     */
    public String nodeType() {
        String c = classification;
        if (!c.isEmpty() && (c.contains("INBOUND") || senderName.equals("User"))) {
            return "INBOUND";
        }
        if (!c.isEmpty() && (c.contains("OUTBOUND") || senderName.equals("Agent"))) {
            return "OUTBOUND";
        }
        for (String kind : List.of("LLM", "TOOL", "POLICY")) {
            if (c.contains(kind)) {
                return kind;
            }
        }
        return "EVENT";
    }

    /**
     * The duration the event's metadata records ({@code duration_ms}), else 0, also when the metadata is not a JSON
     * object: a span of the trace graph and a span sent to the group read it alike.
     */
    public long durationMs() {
        try {
            Object meta = metadata.isBlank() ? null : Json.parse(metadata);
            return meta instanceof Map<?, ?> m && m.get("duration_ms") instanceof Number n ? n.longValue() : 0;
        } catch (JsonException e) {
            return 0; // metadata another program wrote: the event just has no duration
        }
    }

    /** The contract's TimelineEvent object: struct order, {@code metadata} left out when empty. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("event_id", eventId);
        m.put("trace_id", traceId);
        m.put("span_id", spanId);
        m.put("parent_span_id", parentSpanId);
        m.put("timestamp", Times.rfc3339(timestamp == null ? Times.ZERO : timestamp));
        m.put("sender_id", senderId);
        m.put("sender_name", senderName);
        m.put("event_type", eventType);
        m.put("content_text", contentText);
        m.put("media_path", mediaPath);
        m.put("vector_id", vectorId);
        m.put("classification", classification);
        m.put("authorized", authorized);
        if (!metadata.isEmpty()) {
            m.put("metadata", metadata);
        }
        return m;
    }

    static final String COLUMNS = "id, event_id, trace_id, span_id, parent_span_id, timestamp, sender_id, sender_name,"
            + " event_type, content_text, media_path, vector_id, classification, authorized, metadata";

    static TimelineEvent fromRow(ResultSet rs) throws SQLException {
        return new TimelineEvent(rs.getLong("id"), Rows.text(rs, "event_id"), Rows.text(rs, "trace_id"),
                Rows.text(rs, "span_id"), Rows.text(rs, "parent_span_id"), Rows.time(rs, "timestamp"),
                Rows.text(rs, "sender_id"), Rows.text(rs, "sender_name"), Rows.text(rs, "event_type"),
                Rows.text(rs, "content_text"), Rows.text(rs, "media_path"), Rows.text(rs, "vector_id"),
                Rows.text(rs, "classification"), Rows.bool(rs, "authorized", true), Rows.text(rs, "metadata"));
    }
}
