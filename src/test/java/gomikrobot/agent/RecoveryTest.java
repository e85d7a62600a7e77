package gomikrobot.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.testing.TestPipeline;
import gomikrobot.timeline.CreateResult;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    @TempDir
    Path root;

    /** Leaves one task processing (as a crash would) and one pending, in the database the fixture will open. */
    private String[] crashLeftovers() {
        Path db = root.resolve("home").resolve("timeline.db");
        Log quiet = new Log(Log.Level.ERROR, false, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), Set.of());
        try (Database d = Database.open(db, quiet)) {
            Timeline t = Timeline.open(d, Clock.systemUTC(), new Ids(Clock.systemUTC()));
            String crashed = ((CreateResult.Created) t.tasks().create(new NewTask("k1", "trace-1", "cli", "default",
                    "cli:default", NewTask.INTERNAL, "was running"))).task().taskId();
            t.tasks().markProcessing(crashed);
            String waiting = ((CreateResult.Created) t.tasks().create(new NewTask("k2", "trace-2", "cli", "default",
                    "cli:default", NewTask.INTERNAL, "was waiting"))).task().taskId();
            return new String[] {crashed, waiting};
        }
    }

    @Test
    void crashLeftProcessingTaskIsEndedInterruptedAndPendingOneIsProcessed() throws Exception {
        String[] ids = crashLeftovers();
        try (TestPipeline f = TestPipeline.start(root)) {
            Task crashed = f.timeline.tasks().get(ids[0]).orElseThrow();
            assertEquals(Task.FAILED, crashed.status());
            assertEquals("interrupted", crashed.errorText());
            Task resumed = f.finishedTask("trace-2");
            assertEquals(Task.COMPLETED, resumed.status());
            assertEquals("echo: was waiting", resumed.contentOut());
        }
    }

    @Test
    void oneShotAgentLeavesOtherTasksAlone() throws Exception {
        String[] ids = crashLeftovers();
        try (TestPipeline f = TestPipeline.start(root, Map.of(), false, false, TestPipeline.quietLog())) {
            f.ask(f.owner("hi"));
            assertEquals(Task.PROCESSING, f.timeline.tasks().get(ids[0]).orElseThrow().status());
            assertEquals(Task.PENDING, f.timeline.tasks().get(ids[1]).orElseThrow().status());
        }
    }
}
