package gomikrobot.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gomikrobot.timeline.ScheduledJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's own thread: it sleeps until the next due job (at most 30 s, so jobs another process wrote are
 * found), wakes early when a job is added, and stops when closed. The sleeper is the test's, driven by hand.
 */
class SchedulerLoopTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void sleepsUntilTheNextJobIsDueAndWakesAtOnceForANewOne() throws Exception {
        try (SchedulerRig rig = SchedulerRig.start(dir, "2026-03-01T08:00:00Z")) {
            HandSleeper sleeper = new HandSleeper();
            rig.add("later", "Water the plants.", "2026-03-01T09:20:00Z", "", "", "", "UTC");
            Scheduler scheduler = Scheduler.create(rig.jobs, rig.pipeline.timeline, rig.pipeline.inbox,
                    rig.pipeline.config.scheduler(), rig.pipeline.workspace, sleeper, rig.clock, rig.pipeline.ids,
                    gomikrobot.testing.TestPipeline.quietLog());
            try (scheduler) {
                scheduler.start();
                sleeper.awaitNap(Scheduler.MAX_NAP); // 80 minutes away: it looks again within 30 s anyway

                ScheduledJob soon = rig.add("soon", "Stretch.", "", "10s", "", "", "UTC");
                sleeper.awaitNap(Duration.ofSeconds(10)); // woken by the change, it now sleeps until the new job
                rig.clock.advance(Duration.ofSeconds(10));
                sleeper.wake(); // the time is up
                sleeper.awaitNap(Scheduler.MAX_NAP);
                assertEquals(1, rig.runsOf(soon).size());
            }
            assertEquals(List.of(), sleeper.pending(), "no sleep after close");
        }
    }

    @Test
    @Timeout(30)
    void theRealSleeperReturnsWhenWokenEvenIfTheWakeCameFirst() throws Exception {
        Sleeper alarm = Sleeper.system();
        alarm.wake();
        alarm.sleep(Duration.ofHours(1)); // returns at once: the wake was not lost
        Thread waker = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            alarm.wake();
        });
        alarm.sleep(Duration.ofHours(1));
        waker.join();
        alarm.sleep(Duration.ofMillis(1)); // and a plain timeout ends a sleep too
    }

    /** Records every sleep asked for and keeps the scheduler in it until woken. */
    private static final class HandSleeper implements Sleeper {
        private final BlockingQueue<Duration> naps = new LinkedBlockingQueue<>();
        private final Semaphore wakes = new Semaphore(0);

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            naps.add(duration);
            wakes.acquire();
            wakes.drainPermits(); // several wakes during one sleep end it once
        }

        @Override
        public void wake() {
            wakes.release();
        }

        /** Waits (boundedly) for a sleep of {@code expected}, passing over shorter-lived ones before it. */
        void awaitNap(Duration expected) throws InterruptedException {
            List<Duration> seen = new ArrayList<>();
            while (true) {
                Duration nap = naps.poll(10, TimeUnit.SECONDS);
                if (nap == null) {
                    throw new AssertionError("no sleep of " + expected + "; saw " + seen);
                }
                seen.add(nap);
                if (nap.equals(expected) && naps.isEmpty()) {
                    return;
                }
            }
        }

        List<Duration> pending() {
            return List.copyOf(naps);
        }
    }
}
