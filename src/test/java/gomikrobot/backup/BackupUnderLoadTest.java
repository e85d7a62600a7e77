package gomikrobot.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.testing.TestPipeline;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consistency promise under load: the real agent pipeline (real SQLite in WAL mode, the fake LLM) answers
 * messages from two writer threads while a backup is taken; the backup restored into a fresh home passes
 * integrity_check and holds every task completed before the backup began. The pipeline is driven directly:
 * the gateway's HTTP layer only queues messages onto this same pipeline and adds nothing to the database's
 * consistency question.
 */
class BackupUnderLoadTest {
    private static final int WRITERS = 2;
    private static final String PADDING = "x".repeat(1500); // bigger rows: the database spans many pages

    @TempDir
    Path root;

    @Test
    void backupTakenMidLoadRestoresEveryTaskCompletedBeforeIt() throws Exception {
        Path dir = root.resolve("backup");
        List<String> completedBefore;
        int completedTotal;
        try (TestPipeline live = TestPipeline.start(root.resolve("live"))) {
            Queue<String> completed = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String chat = "load-" + w;
                writers.add(Thread.ofVirtual().start(() -> sendUntilStopped(live, chat, running, completed)));
            }
            awaitAtLeast(completed, 30);
            completedBefore = List.copyOf(completed); // every one of these answered before the backup began
            new Backup(DataPaths.of(live.config), Clock.systemUTC(), "test", Progress.NONE).create(dir);
            awaitAtLeast(completed, completed.size() + 10); // the load went on during and after the backup
            running.set(false);
            for (Thread t : writers) {
                t.join(Duration.ofSeconds(30));
            }
            completedTotal = completed.size();
        }

        Installation fresh = new Installation(root, "fresh", null);
        new Restore(fresh.paths, PortProbe.of(fresh.config.gateway()), Progress.NONE).run(dir, false);

        assertEquals(Optional.empty(), new SqliteSnapshot().integrityProblem(fresh.paths.database()));
        try (Database db = Database.open(fresh.paths.database(), Log.quiet())) {
            Timeline timeline = Timeline.open(db, Clock.systemUTC(), new Ids(Clock.systemUTC()));
            for (String trace : completedBefore) {
                Optional<Task> task = timeline.tasks().byTrace(trace);
                assertTrue(task.isPresent(), "task of " + trace + " missing from the restored database");
                assertEquals(Task.COMPLETED, task.get().status(), trace);
            }
            long restored = db.rowCounts().get("tasks");
            assertTrue(restored >= completedBefore.size() && restored <= completedTotal + WRITERS,
                    "restored " + restored + " tasks; " + completedBefore.size() + " done before, " + completedTotal + " in all");
        }
        assertFalse(Files.exists(fresh.paths.database().resolveSibling("timeline.db.before-restore")));
    }

    private static void sendUntilStopped(TestPipeline live, String chat, AtomicBoolean running,
                                         Queue<String> completed) {
        for (int i = 0; running.get(); i++) {
            InboundMessage in = InboundMessage.of("cli", chat, "cli:" + chat, "CLI", chat + " message " + i + " " + PADDING,
                    true, Clock.systemUTC().instant()).withTrace(live.ids.loopTraceId());
            try {
                switch (live.ask(in)) {
                    case Reply.Answer answer -> completed.add(in.traceId());
                    case Reply.Failure failure when failure.reason() == Reply.Reason.TIMED_OUT ->
                            throw new AssertionError("no answer within 20 s to " + in.traceId());
                    case Reply.Failure failure -> { } // not completed: the restore need not hold it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void awaitAtLeast(Queue<String> completed, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (completed.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + completed.size() + " answers, wanted " + count);
            }
            Thread.sleep(5);
        }
    }
}
