package gomikrobot.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gomikrobot.json.JsonObject;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.testing.MutableClock;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.GroupTables;
import gomikrobot.timeline.GroupTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An answered task keeps no waiter, whether someone waited for it (delegate) or not (the submit API). */
class OutgoingTest {
    private static final Publisher NOWHERE = (kind, key, correlationId, payload) -> {
    };

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock("2026-03-01T10:00:00Z");
    private Database db;
    private Outgoing outgoing;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("timeline.db"), Log.quiet());
        outgoing = new Outgoing("alpha", GroupTables.open(db).tasks(), new Ids(clock), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aTaskNobodyWaitsForLeavesNoWaiterOnceAnsweredAndALaterAwaitStillGetsTheAnswer() throws Exception {
        GroupTask task = outgoing.submit(NOWHERE, "beta", "ask", "question", "", Duration.ofMinutes(1));

        outgoing.answered(response(task.taskId(), "the answer"));

        assertEquals(0, outgoing.waiters());
        assertEquals("the answer", outgoing.await(task.taskId(), Duration.ZERO).orElseThrow().responseContent());
    }

    @Test
    void aDelegateGetsTheAnswerWhetherItWaitsBeforeOrAfterItComes() throws Exception {
        GroupTask task = outgoing.submit(NOWHERE, "beta", "ask", "question", "", Duration.ofMinutes(1));
        CompletableFuture<GroupTask> waited = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                waited.complete(outgoing.await(task.taskId(), Duration.ofMinutes(1)).orElseThrow());
            } catch (Exception | Error e) {
                waited.completeExceptionally(e);
            }
        });

        outgoing.answered(response(task.taskId(), "the answer"));

        assertEquals("the answer", waited.get(1, TimeUnit.MINUTES).responseContent());
        assertEquals(0, outgoing.waiters());
    }

    private Envelope response(String taskId, String content) {
        return new Envelope(Kind.RESPONSE, "r-" + taskId, taskId, "beta", clock.instant(), JsonObject.of(Map.of(
                "task_id", taskId, "status", GroupTask.COMPLETED, "content", content)));
    }
}
