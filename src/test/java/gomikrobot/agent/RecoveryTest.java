package gomikrobot.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gomikrobot.observe.Ids;
import gomikrobot.testing.TestPipeline;
import gomikrobot.timeline.CreateResult;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the gateway does at start with the tasks a crash left behind. */
class RecoveryTest {
    @TempDir
    Path root;

    /** Writes tasks as a crashed run would have left them, in the database the fixture will open. */
    private Leftovers crashLeftovers(Clock clock) {
        try (Database d = Database.open(root.resolve("home").resolve("timeline.db"), TestPipeline.quietLog())) {
            Timeline t = Timeline.open(d, clock, new Ids(clock));
            String readOnly = task(t, "k1", "trace-1", "was reading");
            t.tasks().markProcessing(readOnly);
            t.policy().record("trace-1", readOnly, "read_file", 0, "cli:default", "cli", true, "tier_0_allowed");
            String writing = task(t, "k2", "trace-2", "was writing");
            t.tasks().markProcessing(writing);
            t.policy().record("trace-2", writing, "write_file", 1, "cli:default", "cli", true, "tier_within_limit");
            String deniedWrite = task(t, "k3", "trace-3", "was refused a write");
            t.tasks().markProcessing(deniedWrite);
            t.policy().record("trace-3", deniedWrite, "write_file", 1, "stranger", "cli", false, "tier_1_denied");
            String waiting = task(t, "k4", "trace-4", "was waiting");
            return new Leftovers(readOnly, writing, deniedWrite, waiting);
        }
    }

    private record Leftovers(String readOnly, String writing, String deniedWrite, String waiting) {
    }

    private static String task(Timeline t, String key, String trace, String text) {
        return ((CreateResult.Created) t.tasks().create(new NewTask(key, trace, "cli", "default", "cli:default",
                NewTask.INTERNAL, text))).task().taskId();
    }

    @Test
    void aTaskWhoseTurnRanNoWritingToolRunsAgainAndOneThatMayHaveWrittenEndsInterrupted() throws Exception {
        Leftovers left = crashLeftovers(Clock.systemUTC());
        try (TestPipeline f = TestPipeline.start(root)) {
            assertEquals("echo: was reading", f.finishedTask("trace-1").contentOut());
            assertEquals("echo: was refused a write", f.finishedTask("trace-3").contentOut());
            assertEquals("echo: was waiting", f.finishedTask("trace-4").contentOut());
            Task writing = f.timeline.tasks().get(left.writing()).orElseThrow();
            assertEquals(Task.FAILED, writing.status());
            assertEquals("interrupted", writing.errorText());
            assertEquals(Task.DELIVERY_PENDING, writing.deliveryStatus(), "its user is told by the delivery worker");
            assertEquals(3, f.llm.count("/chat/completions"), "the writing task is not run again");
        }
    }

    @Test
    void failureNoticesOlderThanADayAreNotSentAnyMore() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(3));
        String old;
        try (Database d = Database.open(root.resolve("home").resolve("timeline.db"), TestPipeline.quietLog())) {
            Clock then = Clock.fixed(longAgo, ZoneOffset.UTC);
            Timeline t = Timeline.open(d, then, new Ids(then));
            old = task(t, "old", "trace-old", "failed long ago");
            t.tasks().fail(old, "model_failed: HTTP 500");
        }
        try (TestPipeline f = TestPipeline.start(root)) {
            assertEquals(Task.DELIVERY_SKIPPED, f.timeline.tasks().get(old).orElseThrow().deliveryStatus());
        }
    }

    @Test
    void oneShotAgentLeavesOtherTasksAlone() throws Exception {
        Leftovers left = crashLeftovers(Clock.systemUTC());
        try (TestPipeline f = TestPipeline.start(root, Map.of(), false, TestPipeline.quietLog())) {
            f.answer(f.owner("hi"));
            assertEquals(Task.PROCESSING, f.timeline.tasks().get(left.readOnly()).orElseThrow().status());
            assertEquals(Task.PROCESSING, f.timeline.tasks().get(left.writing()).orElseThrow().status());
            assertEquals(Task.PENDING, f.timeline.tasks().get(left.waiting()).orElseThrow().status());
        }
    }
}
