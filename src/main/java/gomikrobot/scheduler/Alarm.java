package gomikrobot.scheduler;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The real {@link Sleeper}: a condition waited on with a timeout, and a flag so that no wake is lost. */
final class Alarm implements Sleeper {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rung = lock.newCondition();
    private boolean woken;

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        lock.lock();
        try {
            long nanos = duration.toNanos();
            while (!woken && nanos > 0) {
                nanos = rung.awaitNanos(nanos);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wake() {
        lock.lock();
        try {
            woken = true;
            rung.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
