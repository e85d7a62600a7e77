package gomikrobot.timeline;

/**
 * Filters for {@link EventStore#list}. A limit of 0 or less means the default (100), and more than
 * {@link #MAX_LIMIT} is capped; a negative offset counts as 0; null or blank filters are not applied.
 */
public record EventQuery(int limit, int offset, String sender, String traceId, Boolean authorized) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        offset = Math.max(offset, 0);
        sender = sender == null || sender.isBlank() ? null : sender;
        traceId = traceId == null || traceId.isBlank() ? null : traceId;
    }

    /** The newest events, unfiltered. */
    public static EventQuery latest(int limit) {
        return new EventQuery(limit, 0, null, null, null);
    }
}
