package gomikrobot.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The promise behind "each session in order, sessions in parallel" ({@link SerialExecutor}, {@link SessionLanes}). */
class SessionLanesTest {
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final SessionLanes lanes = new SessionLanes(workers);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void aSessionsMessagesRunOneAtATimeInTheOrderTheyCame() throws Exception {
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        int[] running = {0};
        boolean[] overlapped = {false};
        CountDownLatch done = new CountDownLatch(500);
        for (int i = 0; i < 500; i++) {
            int n = i;
            lanes.execute("cli:default", () -> {
                synchronized (running) {
                    overlapped[0] |= ++running[0] > 1;
                }
                ran.add(n);
                synchronized (running) {
                    running[0]--;
                }
                done.countDown();
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(IntStream.range(0, 500).boxed().toList(), ran);
        assertFalse(overlapped[0], "two messages of one session ran at once");
    }

    @Test
    void differentSessionsRunAtTheSameTime() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch bothFinished = new CountDownLatch(2);
        for (String session : List.of("whatsapp:a", "whatsapp:b")) {
            lanes.execute(session, () -> {
                bothStarted.countDown();
                try {
                    // returns only once the other session's message runs too: serial sessions would stall here
                    if (bothStarted.await(30, TimeUnit.SECONDS)) {
                        bothFinished.countDown();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(bothFinished.await(30, TimeUnit.SECONDS), "the two sessions did not run in parallel");
    }

    @Test
    void anIdleSessionHoldsNoLaneAndKeepsItsOrderWhenItComesBack() throws Exception {
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        for (int round = 0; round < 200; round++) {
            CountDownLatch done = new CountDownLatch(1);
            int n = round;
            lanes.execute("local:s", () -> ran.add(2 * n));
            lanes.execute("local:s", () -> {
                ran.add(2 * n + 1);
                done.countDown();
            });
            assertTrue(done.await(30, TimeUnit.SECONDS));
        }
        assertEquals(IntStream.range(0, 400).boxed().toList(), ran);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lanes.size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, lanes.size(), "a session with nothing to run keeps no lane");
    }
}
