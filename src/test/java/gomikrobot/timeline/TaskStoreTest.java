package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.observe.Ids;
import gomikrobot.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStoreTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock("2026-02-14T09:00:00Z");
    private Database db;
    private TaskStore tasks;

    @BeforeEach
    void open() {
        db = new TestDb().open(dir.resolve("timeline.db"));
        tasks = new TaskStore(db, clock, new Ids(clock));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void sameIdempotencyKeyReturnsTheExistingTask() {
        Task first = created(message("wa:3EB0", "hello"));
        tasks.markProcessing(first.taskId());
        CreateResult again = tasks.create(message("wa:3EB0", "hello again"));
        Task existing = assertInstanceOf(CreateResult.Duplicate.class, again).existing();
        assertEquals(first.taskId(), existing.taskId());
        assertEquals(Task.PROCESSING, existing.status());
        assertEquals("hello", existing.contentIn());
        assertEquals(1L, db.rowCounts().get("tasks"));
    }

    @Test
    void emptyIdempotencyKeyIsNullAndNeverDeduplicates() {
        Task a = created(message("", "one"));
        Task b = created(message(null, "two"));
        assertNotEquals(a.taskId(), b.taskId());
        assertTrue(a.taskId().matches("[0-9a-f]{32}"), a.taskId());
        long keyed = db.read(c -> Rows.scalar(c, "SELECT COUNT(*) FROM tasks WHERE idempotency_key IS NOT NULL"));
        assertEquals(0, keyed);
        assertTrue(tasks.byIdempotencyKey("").isEmpty());
    }

    @Test
    void newTaskIsPendingExternalWithClockTimes() {
        Task t = created(new NewTask("web:abc", "abc", "webui", "1", "webui:anna", " ", "hi"));
        assertEquals(Task.PENDING, t.status());
        assertEquals(Task.DELIVERY_PENDING, t.deliveryStatus());
        assertEquals(NewTask.EXTERNAL, t.messageType());
        assertEquals(clock.instant(), t.createdAt());
        assertNull(t.completedAt());
        assertThrows(IllegalArgumentException.class, () -> new NewTask("k", "t", " ", "1", "s", "internal", "x"));
    }

    @Test
    void lifecycleRecordsOutputErrorAndCompletionTime() {
        Task ok = created(message("k1", "q1"));
        Task bad = created(message("k2", "q2"));
        clock.advance(Duration.ofSeconds(3));
        assertTrue(tasks.markProcessing(ok.taskId()));
        assertTrue(tasks.complete(ok.taskId(), "answer"));
        assertTrue(tasks.markProcessing(bad.taskId()));
        assertTrue(tasks.fail(bad.taskId(), "provider timeout"));
        assertFalse(tasks.complete("no-such-task", "x"));

        Task done = tasks.get(ok.taskId()).orElseThrow();
        assertEquals(Task.COMPLETED, done.status());
        assertEquals("answer", done.contentOut());
        assertEquals(Instant.parse("2026-02-14T09:00:03Z"), done.completedAt());
        assertEquals(done.completedAt(), done.updatedAt());
        Task failed = tasks.get(bad.taskId()).orElseThrow();
        assertEquals(Task.FAILED, failed.status());
        assertEquals("provider timeout", failed.errorText());
        assertEquals("", failed.contentOut());
        assertEquals(Map.of("completed", 1L, "failed", 1L), tasks.countByStatus());
    }

    @Test
    void usageAddsUpAndCountsOnlyTodaysTasks() {
        Task yesterday = created(message("old", "q"));
        tasks.addUsage(yesterday.taskId(), 900, 100, 1000);
        clock.set("2026-02-15T00:00:00Z");
        Task today = created(message("new", "q"));
        tasks.addUsage(today.taskId(), 100, 20, 120);
        tasks.addUsage(today.taskId(), 10, 5, 15);
        assertEquals(135, tasks.get(today.taskId()).orElseThrow().totalTokens());
        assertEquals(110, tasks.get(today.taskId()).orElseThrow().promptTokens());
        clock.set("2026-02-15T23:59:59Z");
        assertEquals(135, tasks.tokensUsedToday());
        assertThrows(IllegalArgumentException.class, () -> tasks.addUsage(today.taskId(), -1, 0, 0));
    }

    @Test
    void tokensTodayIncludeGoWrittenRowsOfToday() {
        db.write(c -> Rows.update(c, "INSERT INTO tasks (task_id, channel, chat_id, total_tokens, created_at)"
                + " VALUES ('go1', 'whatsapp', 'x', 40, '2026-02-14 00:00:00'), ('go0', 'whatsapp', 'x', 7, '2026-02-13 23:59:59')"));
        assertEquals(40, tasks.tokensUsedToday());
    }

    @Test
    void aTaskACrashLeftProcessingIsFoundAndCanBeRunAgain() {
        Task running = created(message("a", "q"));
        Task waiting = created(message("b", "q"));
        tasks.markProcessing(running.taskId());
        assertEquals(List.of(running.taskId()), tasks.processingTasks().stream().map(Task::taskId).toList());
        tasks.reopen(running.taskId());
        assertEquals(List.of(), tasks.processingTasks());
        assertEquals(List.of(running.taskId(), waiting.taskId()),
                tasks.pendingTasks().stream().map(Task::taskId).toList());
    }

    @Test
    void failedTasksAreDueForDeliveryTooButOldFailureNoticesCanBeSkipped() {
        Task old = created(message("a", "q"));
        tasks.fail(old.taskId(), "interrupted");
        clock.advance(Duration.ofDays(2));
        Task recent = created(message("b", "q"));
        tasks.fail(recent.taskId(), "interrupted");
        assertEquals(List.of(old.taskId(), recent.taskId()), dueIds(10));
        assertEquals(1, tasks.skipFailureNoticesBefore(clock.instant().minus(Duration.ofDays(1))));
        assertEquals(Task.DELIVERY_SKIPPED, tasks.get(old.taskId()).orElseThrow().deliveryStatus());
        assertEquals(List.of(recent.taskId()), dueIds(10));
    }

    @Test
    void pendingTasksResumeOldestFirst() {
        Task a = created(message("a", "q"));
        clock.advance(Duration.ofSeconds(1));
        Task b = created(message("b", "q"));
        assertEquals(List.of(a.taskId(), b.taskId()), tasks.pendingTasks().stream().map(Task::taskId).toList());
    }

    @Test
    void dueDeliveriesAreFinishedPendingOldestFirstAndRespectRetryTime() {
        Task older = completed("a");
        clock.advance(Duration.ofSeconds(1));
        Task newer = completed("b");
        created(message("c", "still pending"));
        assertEquals(List.of(older.taskId(), newer.taskId()), dueIds(10));
        assertEquals(List.of(older.taskId()), dueIds(1));

        tasks.markDelivery(older.taskId(), Task.DELIVERY_PENDING, clock.instant().plusSeconds(30));
        assertEquals(List.of(newer.taskId()), dueIds(10), "backing off for 30 s");
        clock.advance(Duration.ofSeconds(29));
        assertEquals(List.of(newer.taskId()), dueIds(10));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(older.taskId(), newer.taskId()), dueIds(10), "due exactly at the retry time");

        tasks.markDelivery(newer.taskId(), Task.DELIVERY_SENT, null);
        assertEquals(List.of(older.taskId()), dueIds(10));
        Task retried = tasks.get(older.taskId()).orElseThrow();
        assertEquals(1, retried.deliveryAttempts());
        assertEquals(Instant.parse("2026-02-14T09:00:31Z"), retried.deliveryNextAt());
    }

    @Test
    void everyDeliveryUpdateCountsAnAttempt() {
        Task t = completed("a");
        tasks.markDelivery(t.taskId(), Task.DELIVERY_SENT, null);
        tasks.markDelivery(t.taskId(), Task.DELIVERY_SKIPPED, null);
        Task after = tasks.get(t.taskId()).orElseThrow();
        assertEquals(2, after.deliveryAttempts());
        assertEquals(Task.DELIVERY_SKIPPED, after.deliveryStatus());
        assertNull(after.deliveryNextAt());
        assertThrows(IllegalArgumentException.class, () -> tasks.markDelivery(t.taskId(), "delivered", null));
    }

    @Test
    void listsNewestFirstWithFilters() {
        Task a = completed("a");
        clock.advance(Duration.ofSeconds(1));
        Task b = created(new NewTask("b", "tb", "webui", "1", "webui:anna", "external", "q"));
        assertEquals(List.of(b.taskId(), a.taskId()), tasks.list(null, null, 0, 0).stream().map(Task::taskId).toList());
        assertEquals(List.of(a.taskId()), tasks.list("completed", "", 10, 0).stream().map(Task::taskId).toList());
        assertEquals(List.of(b.taskId()), tasks.list(null, "webui", 10, 0).stream().map(Task::taskId).toList());
        assertEquals(List.of(a.taskId()), tasks.list(null, null, 1, 1).stream().map(Task::taskId).toList());
        assertEquals(b.taskId(), tasks.byTrace("tb").orElseThrow().taskId());
        assertTrue(tasks.byTrace("nope").isEmpty());
    }

    @Test
    void jsonFollowsAgentTaskOrderAndOmitempty() {
        Task t = created(new NewTask("", "", "cli", "cli:default", "", "internal", ""));
        Map<String, Object> json = t.toJson();
        assertEquals(List.of("id", "task_id", "channel", "chat_id", "message_type", "status", "delivery_status",
                "prompt_tokens", "completion_tokens", "total_tokens", "delivery_attempts", "created_at", "updated_at"),
                List.copyOf(json.keySet()));
        tasks.complete(t.taskId(), "done");
        tasks.markDelivery(t.taskId(), Task.DELIVERY_PENDING, clock.instant().plusSeconds(30));
        Map<String, Object> full = tasks.get(t.taskId()).orElseThrow().toJson();
        assertEquals("2026-02-14T09:00:30Z", full.get("delivery_next_at"));
        assertEquals("2026-02-14T09:00:00Z", full.get("completed_at"));
        assertEquals("done", full.get("content_out"));
    }

    private Task completed(String key) {
        Task t = created(message(key, "q " + key));
        tasks.markProcessing(t.taskId());
        tasks.complete(t.taskId(), "answer " + key);
        return t;
    }

    private List<String> dueIds(int limit) {
        return tasks.dueDeliveries(limit).stream().map(Task::taskId).toList();
    }

    private Task created(NewTask t) {
        return assertInstanceOf(CreateResult.Created.class, tasks.create(t)).task();
    }

    private static NewTask message(String key, String text) {
        return new NewTask(key, "wa-" + key, "whatsapp", "491@s.whatsapp.net", "491", "external", text);
    }
}
