package gomikrobot.timeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code timeline} table: an append-only log of messages and system events. Every insert supplies every
 * column the Go program reads, as "" rather than NULL, and every event gets a trace id.
 */
public final class EventStore {
    private static final String INSERT = "INSERT INTO timeline (event_id, trace_id, span_id, parent_span_id, timestamp,"
            + " sender_id, sender_name, event_type, content_text, media_path, vector_id, classification, authorized,"
            + " metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(event_id) DO NOTHING";
    private static final String SELECT = "SELECT " + TimelineEvent.COLUMNS + " FROM timeline";

    private final Database db;
    private final Clock clock;

    public EventStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Appends {@code e}; a null timestamp means now, an empty trace id becomes {@code trace:<event_id>} (what the
     * original's start-up backfill would give it).
     *
     * @return false when an event with this {@code event_id} already exists (a redelivered message; expected)
     * @throws IllegalArgumentException when the event id is blank
     */
    public boolean append(TimelineEvent e) {
        if (e.eventId().isBlank()) {
            throw new IllegalArgumentException("timeline event without event_id");
        }
        Instant at = e.timestamp() == null ? clock.instant() : e.timestamp();
        String trace = e.traceId().isEmpty() ? "trace:" + e.eventId() : e.traceId();
        return db.write(c -> Rows.update(c, INSERT, e.eventId(), trace, e.spanId(), e.parentSpanId(), at,
                e.senderId(), e.senderName(), e.eventType(), e.contentText(), e.mediaPath(), e.vectorId(),
                e.classification(), e.authorized(), e.metadata()) == 1);
    }

    /** Newest first (timestamp, then id, descending). */
    public List<TimelineEvent> list(EventQuery q) {
        ListQuery query = listQuery(q);
        return db.read(c -> Rows.list(c, query.sql(), TimelineEvent::fromRow, query.params()));
    }

    /** The events of one trace in the order they happened, at most {@code max} (0 or less: 1000). */
    public List<TimelineEvent> byTrace(String traceId, int max) {
        int limit = max <= 0 ? EventQuery.MAX_LIMIT : max;
        return db.read(c -> Rows.list(c, SELECT + " WHERE trace_id = ? ORDER BY timestamp ASC, id ASC LIMIT ?",
                TimelineEvent::fromRow, traceId, limit));
    }

    public long count() {
        return db.read(c -> Rows.scalar(c, "SELECT COUNT(*) FROM timeline"));
    }

    record ListQuery(String sql, Object[] params) {
    }

    /** The SQL of {@link #list}; separate so a test can check its query plan. */
    static ListQuery listQuery(EventQuery q) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (q.sender() != null) {
            where.add("sender_id = ?");
            params.add(q.sender());
        }
        if (q.traceId() != null) {
            where.add("trace_id = ?");
            params.add(q.traceId());
        }
        if (q.authorized() != null) {
            // unary '+': keeps the planner on idx_timeline_timestamp (index-ordered, stops after LIMIT rows)
            // instead of the two-valued idx_timeline_authorized followed by sorting half the table
            where.add("+authorized = ?");
            params.add(q.authorized());
        }
        params.add(q.limit());
        params.add(q.offset());
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY timestamp DESC, id DESC LIMIT ? OFFSET ?";
        return new ListQuery(sql, params.toArray());
    }
}
