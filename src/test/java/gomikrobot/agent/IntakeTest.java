package gomikrobot.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Receipt;
import gomikrobot.bus.Reply;
import gomikrobot.testing.TestPipeline;
import gomikrobot.timeline.DatabaseException;
import gomikrobot.timeline.Task;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake's promises: stored before acknowledged, deduplicated, answered once, and told why not. */
class IntakeTest {
    @TempDir
    Path root;

    @Test
    void whenTheInboundEventCannotBeWrittenTheTaskRowIsNotWrittenEither() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.db.file());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER no_events BEFORE INSERT ON timeline BEGIN SELECT RAISE(ABORT, 'disk full'); END");
            }
            assertThrows(DatabaseException.class, () -> f.inbox.submit(f.owner("hello")));
            assertEquals(List.of(), f.timeline.tasks().list(null, null, 10, 0), "both or neither");
            assertEquals(0, f.llm.count("/chat/completions"));
        }
    }

    @Test
    void aFailedMessageSentAgainRunsAgainUnderItsTask() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            for (int i = 0; i < 4; i++) {
                f.llm.enqueueStatus(503, "{\"error\":{\"message\":\"overloaded\"}}", Map.of());
            }
            f.llm.enqueueText("second time lucky");
            InboundMessage first = f.owner("hi").withIdempotencyKey("wa:RETRY");
            assertEquals(Reply.Reason.MODEL_FAILED, TestPipeline.failureOf(f.ask(first)).reason());
            Task failed = f.timeline.tasks().byIdempotencyKey("wa:RETRY").orElseThrow();

            assertEquals("second time lucky", f.answer(f.owner("hi").withIdempotencyKey("wa:RETRY")));

            List<Task> tasks = f.timeline.tasks().list(null, null, 10, 0);
            assertEquals(1, tasks.size());
            assertEquals(failed.taskId(), tasks.getFirst().taskId());
            assertEquals(Task.COMPLETED, tasks.getFirst().status());
            assertEquals("", tasks.getFirst().errorText());
        }
    }

    @Test
    void aMessageStillRunningIsNotRunTwice() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueDelay(Duration.ofSeconds(1));
            f.llm.enqueueText("once");
            InboundMessage first = f.owner("hi").withIdempotencyKey("wa:TWICE");
            CompletableFuture<Reply> running = f.askLater(first);
            Task task = awaitStatus(f, "wa:TWICE", Task.PROCESSING);

            Reply second = f.ask(f.owner("hi").withIdempotencyKey("wa:TWICE"));

            assertEquals(Reply.Reason.ALREADY_RUNNING, TestPipeline.failureOf(second).reason());
            assertEquals(new Reply.Answer("once"), running.get(30, TimeUnit.SECONDS));
            assertEquals(1, f.llm.count("/chat/completions"));
            assertEquals(Task.COMPLETED, f.timeline.tasks().get(task.taskId()).orElseThrow().status());
        }
    }

    @Test
    void aCallerThatStopsWaitingIsToldSoAndTheAnswerIsKept() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueDelay(Duration.ofSeconds(1));
            f.llm.enqueueText("late but here");
            InboundMessage in = f.owner("slow one");

            Reply.Failure failure = TestPipeline.failureOf(f.inbox.ask(in, Duration.ofMillis(200)));

            assertEquals(Reply.Reason.TIMED_OUT, failure.reason());
            assertTrue(failure.detail().contains(in.traceId()), failure.detail());
            assertEquals("late but here", f.finishedTask(in.traceId()).contentOut());
            awaitDelivered(f, 1);
            assertEquals(new Reply.Answer("late but here"), f.delivered.getFirst().reply(),
                    "with nobody waiting, the reply goes to the channel's delivery");
        }
    }

    @Test
    void theCallersAnswerStreamReceivesTheWholeAnswer() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.llm.enqueueText("streamed answer");
            List<String> deltas = new CopyOnWriteArrayList<>();
            Reply reply = f.inbox.ask(f.owner("hi"), Duration.ofSeconds(20), deltas::add);
            assertEquals(new Reply.Answer("streamed answer"), reply);
            assertEquals("streamed answer", String.join("", deltas));
        }
    }

    @Test
    void onceTheBusIsClosedMessagesAreRefusedAndNothingIsStored() throws Exception {
        try (TestPipeline f = TestPipeline.start(root)) {
            f.agent.bus().close();
            Receipt receipt = f.inbox.submit(f.owner("too late"));
            assertEquals(Reply.Reason.SHUTTING_DOWN, assertInstanceOf(Receipt.Refused.class, receipt).why().reason());
            assertEquals(Reply.Reason.SHUTTING_DOWN, TestPipeline.failureOf(f.ask(f.owner("too late"))).reason());
            assertEquals(List.of(), f.timeline.tasks().list(null, null, 10, 0));
        }
    }

    private static Task awaitStatus(TestPipeline f, String key, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            var task = f.timeline.tasks().byIdempotencyKey(key).filter(t -> t.status().equals(status));
            if (task.isPresent()) {
                return task.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("task " + key + " never reached " + status);
    }

    private static void awaitDelivered(TestPipeline f, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (f.delivered.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, f.delivered.size(), "replies handed to delivery");
    }
}
