package gomikrobot.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gomikrobot.delivery.DeliveryWorker;
import gomikrobot.delivery.Outcome;
import gomikrobot.delivery.Route;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.testing.MutableClock;
import gomikrobot.timeline.CreateResult;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quiet hours hold the heartbeat's answers in the delivery path: still {@code pending}, due when the quiet hours
 * end, and then delivered; other answers are not held, and "nothing to report" is never sent.
 */
class QuietHoursTest {
    @TempDir
    Path dir;

    @Test
    void quietHoursCrossingMidnightEndAtTheirEndTime() {
        QuietHours quiet = QuietHours.parse("22:00-07:00", ZoneOffset.UTC);
        assertEquals(Optional.of(Instant.parse("2026-03-02T07:00:00Z")), quiet.heldUntil(Instant.parse("2026-03-01T22:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-03-02T07:00:00Z")), quiet.heldUntil(Instant.parse("2026-03-02T06:59:59Z")));
        assertEquals(Optional.empty(), quiet.heldUntil(Instant.parse("2026-03-02T07:00:00Z")));
        assertEquals(Optional.empty(), quiet.heldUntil(Instant.parse("2026-03-01T21:59:59Z")));
        QuietHours lunch = QuietHours.parse("12:00-13:30", ZoneId.of("Europe/Berlin"));
        assertEquals(Optional.of(Instant.parse("2026-07-01T11:30:00Z")), lunch.heldUntil(Instant.parse("2026-07-01T10:15:00Z")));
        assertEquals(Optional.empty(), QuietHours.parse("", ZoneOffset.UTC).heldUntil(Instant.parse("2026-07-01T10:15:00Z")));
    }

    @Test
    void aHeartbeatAnswerWaitsPendingUntilTheQuietHoursEndThenGoesOut() {
        MutableClock clock = new MutableClock("2026-03-01T23:00:00Z");
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        Route web = (task, silent) -> {
            sent.add(task.contentOut());
            return new Outcome.Sent();
        };
        try (Database db = Database.open(dir.resolve("timeline.db"), Log.quiet())) {
            Timeline timeline = Timeline.open(db, clock, new Ids(clock));
            DeliveryWorker worker = new DeliveryWorker(timeline.tasks(), () -> false,
                    HeartbeatRoute.around(Map.of("webui", web), "22:00-07:00", ZoneOffset.UTC, clock), clock,
                    Log.quiet(), new Metrics(), Runnable::run);
            Task beat = finished(timeline, "heartbeat:1:2026-03-01T23:00:00Z", "The disk is 91% full.", true);
            Task ok = finished(timeline, "heartbeat:1:2026-03-01T22:30:00Z", " HEARTBEAT_OK\n", true);
            Task failed = finished(timeline, "heartbeat:1:2026-03-01T22:00:00Z", "model_failed", false);
            Task reminder = finished(timeline, "job:2:2026-03-01T23:00:00Z", "Stretch!", true);
            List.of(beat, ok, failed, reminder).forEach(t -> worker.deliverNow(t.taskId()));

            assertEquals(List.of("Stretch!"), sent, "a job the owner set for 23:00 is not held");
            Task held = timeline.tasks().get(beat.taskId()).orElseThrow();
            assertEquals(List.of(Task.DELIVERY_PENDING, 0, Instant.parse("2026-03-02T07:00:00Z")),
                    List.of(held.deliveryStatus(), held.deliveryAttempts(), held.deliveryNextAt()));
            assertEquals(Task.DELIVERY_SKIPPED, timeline.tasks().get(ok.taskId()).orElseThrow().deliveryStatus());
            assertEquals(Task.DELIVERY_SKIPPED, timeline.tasks().get(failed.taskId()).orElseThrow().deliveryStatus());

            clock.set("2026-03-02T06:59:00Z");
            worker.pollOnce();
            assertEquals(List.of("Stretch!"), sent);
            clock.set("2026-03-02T07:00:00Z");
            worker.pollOnce();
            assertEquals(List.of("Stretch!", "The disk is 91% full."), sent);
            assertEquals(Task.DELIVERY_SENT, timeline.tasks().get(beat.taskId()).orElseThrow().deliveryStatus());
        }
    }

    private static Task finished(Timeline timeline, String key, String out, boolean completed) {
        Task t = ((CreateResult.Created) timeline.tasks().create(new NewTask(key, "trace-" + key, "webui", "1",
                Jobs.OWNER_SENDER, NewTask.INTERNAL, "in"))).task();
        if (completed) {
            timeline.tasks().complete(t.taskId(), out);
        } else {
            timeline.tasks().fail(t.taskId(), out);
        }
        return t;
    }
}
