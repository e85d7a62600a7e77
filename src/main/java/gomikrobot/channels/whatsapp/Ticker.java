package gomikrobot.channels.whatsapp;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task again and again until closed: the heartbeat of the {@link ConnectionWatchdog}. Tests use a
 * ticker they step by hand, so no test waits for real time.
 */
@FunctionalInterface
interface Ticker {
    /** Runs {@code task} every {@code period}, first after one period; closing stops it. */
    AutoCloseable every(Duration period, Runnable task);

    /** One virtual thread per ticker. */
    static Ticker system() {
        return (period, task) -> {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofVirtual().name("whatsapp-watchdog").factory());
            timer.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
            return timer::shutdownNow;
        };
    }
}
