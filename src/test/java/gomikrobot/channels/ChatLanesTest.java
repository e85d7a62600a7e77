package gomikrobot.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Lanes on real virtual threads; every wait is bounded. */
class ChatLanesTest {
    private final ChatLanes lanes = new ChatLanes(Thread::startVirtualThread);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void aBusyChatDoesNotHoldUpAnotherChat() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        lanes.submit("a", () -> {
            await(release);
            ran.add("a1");
        });
        lanes.submit("a", () -> ran.add("a2"));
        lanes.submit("b", () -> {
            ran.add("b1");
            otherDone.countDown();
        });
        assertTrue(otherDone.await(10, TimeUnit.SECONDS), "chat b ran while chat a was busy");
        assertEquals(List.of("b1"), ran, "a2 waits for a1");
        release.countDown();
        assertTrue(lanes.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(List.of("b1", "a1", "a2"), ran);
    }

    @Test
    void waitingWorkRunsByItsOrderThenBySubmission() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        lanes.submit("a", 0, () -> await(release));
        lanes.submit("a", 30, () -> ran.add("t30"));
        lanes.submit("a", 10, () -> ran.add("t10 first"));
        lanes.submit("a", 10, () -> ran.add("t10 second"));
        lanes.submit("a", 20, () -> ran.add("t20"));
        release.countDown();
        assertTrue(lanes.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(List.of("t10 first", "t10 second", "t20", "t30"), ran);
    }

    @Test
    void aFailingItemDoesNotStallItsLaneAndIdleLanesAreForgotten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        lanes.submit("a", () -> await(release));
        lanes.submit("a", () -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
        lanes.submit("a", () -> ran.add("after the failure"));
        assertTrue(lanes.busy());
        release.countDown();
        assertTrue(lanes.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(List.of("after the failure"), ran);
        assertFalse(lanes.busy());
    }

    @Test
    void inlineThreadsRunWorkAtOnceInTheCaller() {
        var inline = new ChatLanes(Runnable::run);
        inline.submit("a", () -> ran.add("now"));
        assertEquals(List.of("now"), ran);
        assertFalse(inline.busy());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
