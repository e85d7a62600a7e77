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
        await(WAIT, condition::getAsBoolean, what);
    }

    /**
     * Returns once {@code condition} holds; fails naming {@code what} after {@code limit}. An exception that
     * {@code condition} throws (a failed request, a missing file) ends the wait at once and is rethrown as it is.
     */
    public static <E extends Exception> void await(Duration limit, Condition<E> condition, String what)
            throws E, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + limit.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }

    /** A condition that may throw what looking costs (I/O), so a caller need not wrap it to wait on it. */
    @FunctionalInterface
    public interface Condition<E extends Exception> {
        boolean holds() throws E;
    }
}
