package gomikrobot.provider;

import java.time.Duration;

/** The one place a retry waits, so tests can record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Really sleeps. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration);
    }
}
