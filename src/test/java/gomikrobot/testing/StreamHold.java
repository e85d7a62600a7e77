package gomikrobot.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A streamed answer of {@link FakeOpenAiServer} held after {@code afterPieces} pieces of its text: a test waits
 * until it got there, looks at what arrived so far, then lets it go on.
 */
public record StreamHold(int afterPieces, CountDownLatch reached, CountDownLatch released) {
    /** Waits (at most {@code limit}) until the stream has sent its first pieces and stopped. */
    public void awaitReached(Duration limit) throws InterruptedException {
        if (!reached.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the stream did not reach its hold within " + limit);
        }
    }

    public void release() {
        released.countDown();
    }
}
