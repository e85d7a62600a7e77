package gomikrobot.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting, boundedly, for something another thread does (a library calling back on threads of its own). */
public final class Eventually {
    public static final Duration WAIT = Duration.ofSeconds(10);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after {@link #WAIT}. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }
}
