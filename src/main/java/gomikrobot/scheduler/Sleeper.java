package gomikrobot.scheduler;

import java.time.Duration;

/**
 * How the scheduler waits for its next due job: {@link #sleep} returns when the time is up or as soon as
 * {@link #wake} is called (jobs changed, or the scheduler stops), whichever comes first; a wake that comes while
 * nobody sleeps makes the next sleep return at once, so no change is missed. Tests substitute one driven by their
 * clock.
 */
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    void wake();

    /** The real one: waits on the system's monotonic time. */
    static Sleeper system() {
        return new Alarm();
    }
}
