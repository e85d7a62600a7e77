package gomikrobot.timeline;

import gomikrobot.observe.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tasks} table: lifecycle ({@code pending → processing → completed | failed}), deduplication by
 * idempotency key, token usage and delivery state. Times come from the injected clock and are written in
 * {@link Times#format}, which sorts correctly against the Go program's {@code CURRENT_TIMESTAMP} values.
 */
public final class TaskStore {
    public static final int DEFAULT_LIST_LIMIT = 50;
    public static final int MAX_LIST_LIMIT = 1000;
    public static final int DEFAULT_DELIVERY_BATCH = 10;

    private static final String SELECT = "SELECT " + Task.COLUMNS + " FROM tasks";
    private static final String INSERT = "INSERT INTO tasks (task_id, idempotency_key, trace_id, channel, chat_id,"
            + " sender_id, message_type, status, content_in, delivery_status, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, 'pending', ?, ?) ON CONFLICT(idempotency_key) DO NOTHING";

    private final Database db;
    private final Clock clock;
    private final Ids ids;

    public TaskStore(Database db, Clock clock, Ids ids) {
        this.db = db;
        this.clock = clock;
        this.ids = ids;
    }

    /** Inserts a {@code pending} task, unless one with the same non-empty idempotency key exists. */
    public CreateResult create(NewTask t) {
        String taskId = ids.hex32();
        Instant now = clock.instant();
        String key = t.idempotencyKey().isEmpty() ? null : t.idempotencyKey();
        return db.write(c -> {
            int inserted = Rows.update(c, INSERT, taskId, key, t.traceId(), t.channel(), t.chatId(), t.senderId(),
                    t.messageType(), t.contentIn(), now, now);
            if (inserted == 1) {
                return new CreateResult.Created(Rows.first(c, SELECT + " WHERE task_id = ?", Task::fromRow, taskId).orElseThrow());
            }
            return new CreateResult.Duplicate(
                    Rows.first(c, SELECT + " WHERE idempotency_key = ?", Task::fromRow, key).orElseThrow());
        });
    }

    /**
     * A failed task (or one a crash interrupted) runs again under the same id: back to {@code pending}, its error
     * and end time cleared.
     */
    public boolean reopen(String taskId) {
        return updateTask("status = 'pending', error_text = '', completed_at = NULL, updated_at = ?", taskId,
                clock.instant());
    }

    /** Starts (or restarts) processing: clears any earlier output or error. False if no such task. */
    public boolean markProcessing(String taskId) {
        return updateTask("status = 'processing', content_out = '', error_text = '', updated_at = ?", taskId, clock.instant());
    }

    public boolean complete(String taskId, String contentOut) {
        Instant now = clock.instant();
        return updateTask("status = 'completed', content_out = ?, completed_at = ?, updated_at = ?", taskId,
                Rows.orEmpty(contentOut), now, now);
    }

    public boolean fail(String taskId, String errorText) {
        Instant now = clock.instant();
        return updateTask("status = 'failed', error_text = ?, content_out = '', completed_at = ?, updated_at = ?",
                taskId, Rows.orEmpty(errorText), now, now);
    }

    /** Adds one LLM call's usage to the task's totals. */
    public boolean addUsage(String taskId, long prompt, long completion, long total) {
        if (prompt < 0 || completion < 0 || total < 0) {
            throw new IllegalArgumentException("negative token usage: " + prompt + "/" + completion + "/" + total);
        }
        return updateTask("prompt_tokens = prompt_tokens + ?, completion_tokens = completion_tokens + ?,"
                + " total_tokens = total_tokens + ?, updated_at = ?", taskId, prompt, completion, total, clock.instant());
    }

    /** Sum of {@code total_tokens} over tasks created since midnight UTC (the quota's day, as the original's). */
    public long tokensUsedToday() {
        String today = Times.sqlDate(clock.instant()); // "2026-02-14" sorts before every time text of that day
        return db.read(c -> Rows.scalar(c, "SELECT COALESCE(SUM(total_tokens), 0) FROM tasks WHERE created_at >= ?", today));
    }

    /** Tasks a crash left {@code processing}, oldest first: to run again or end at start-up. */
    public List<Task> processingTasks() {
        return db.read(c -> Rows.list(c, SELECT + " WHERE status = 'processing' ORDER BY created_at ASC, id ASC",
                Task::fromRow));
    }

    /** Tasks never started, oldest first: to resume at start-up. */
    public List<Task> pendingTasks() {
        return db.read(c -> Rows.list(c, SELECT + " WHERE status = 'pending' ORDER BY created_at ASC, id ASC", Task::fromRow));
    }

    public Optional<Task> get(String taskId) {
        return db.read(c -> Rows.first(c, SELECT + " WHERE task_id = ?", Task::fromRow, taskId));
    }

    public Optional<Task> byTrace(String traceId) {
        return db.read(c -> Rows.first(c, SELECT + " WHERE trace_id = ? ORDER BY id ASC LIMIT 1", Task::fromRow, traceId));
    }

    public Optional<Task> byIdempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        return db.read(c -> Rows.first(c, SELECT + " WHERE idempotency_key = ?", Task::fromRow, key.strip()));
    }

    /** Newest first; null or blank filters are not applied; limit 0 or less means 50, capped at 1000. */
    public List<Task> list(String status, String channel, int limit, int offset) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            where.add("status = ?");
            params.add(status);
        }
        if (channel != null && !channel.isBlank()) {
            where.add("channel = ?");
            params.add(channel);
        }
        params.add(limit <= 0 ? DEFAULT_LIST_LIMIT : Math.min(limit, MAX_LIST_LIMIT));
        params.add(Math.max(offset, 0));
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
        return db.read(c -> Rows.list(c, sql, Task::fromRow, params.toArray()));
    }

    public Map<String, Long> countByStatus() {
        return db.read(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Map.Entry<String, Long> row : Rows.list(c, "SELECT status, COUNT(*) FROM tasks GROUP BY status ORDER BY status",
                    rs -> Map.entry(Rows.text(rs, "status"), rs.getLong(2)))) {
                counts.put(row.getKey(), row.getValue());
            }
            return counts;
        });
    }

    /**
     * Finished tasks (completed, or failed: the user hears of the failure too) whose reply still waits for
     * delivery and whose retry time has come, oldest first. The retry time is compared as an instant in Java, not
     * as text in SQL: the Go program wrote it in its local zone, and a text comparison with UTC would shift every
     * retry by the host's offset (its quirk, which we fix).
     */
    public List<Task> dueDeliveries(int limit) {
        int max = limit <= 0 ? DEFAULT_DELIVERY_BATCH : limit;
        Instant now = clock.instant();
        return pendingDeliveries().stream()
                .filter(t -> t.deliveryNextAt() == null || !t.deliveryNextAt().isAfter(now)).limit(max).toList();
    }

    /**
     * Marks the delivery of failures that ended before {@code cutoff} and were never delivered {@code skipped}:
     * a failure notice that old is no news to send (the original never sent them, so an upgraded database may
     * hold many). Returns how many.
     */
    public int skipFailureNoticesBefore(Instant cutoff) {
        List<Task> stale = pendingDeliveries().stream().filter(t -> Task.FAILED.equals(t.status()))
                .filter(t -> Objects.requireNonNullElse(t.completedAt(), t.updatedAt()).isBefore(cutoff)).toList();
        stale.forEach(t -> markDelivery(t.taskId(), Task.DELIVERY_SKIPPED, null));
        return stale.size();
    }

    private List<Task> pendingDeliveries() {
        return db.read(c -> Rows.list(c, SELECT + " WHERE status IN ('completed', 'failed')"
                + " AND delivery_status = 'pending' ORDER BY created_at ASC, id ASC", Task::fromRow));
    }

    /**
     * Records a delivery outcome: the new status, the next retry time (null for none) and one more attempt,
     * whatever the outcome — the attempt count is what the worker's retry limit reads.
     */
    public boolean markDelivery(String taskId, String deliveryStatus, Instant nextAt) {
        if (!Task.DELIVERY_STATUSES.contains(deliveryStatus)) {
            throw new IllegalArgumentException("unknown delivery status: " + deliveryStatus);
        }
        return updateTask("delivery_status = ?, delivery_next_at = ?, delivery_attempts = delivery_attempts + 1,"
                + " updated_at = ?", taskId, deliveryStatus, nextAt, clock.instant());
    }

    /** Holds a pending delivery back until {@code until}, without counting an attempt (quiet hours). */
    public boolean holdDelivery(String taskId, Instant until) {
        return updateTask("delivery_next_at = ?, updated_at = ?", taskId, until, clock.instant());
    }

    private boolean updateTask(String assignments, String taskId, Object... values) {
        Object[] params = new Object[values.length + 1];
        System.arraycopy(values, 0, params, 0, values.length);
        params[values.length] = taskId;
        return db.write(c -> Rows.update(c, "UPDATE tasks SET " + assignments + " WHERE task_id = ?", params)) == 1;
    }
}
