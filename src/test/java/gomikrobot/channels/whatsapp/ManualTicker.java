package gomikrobot.channels.whatsapp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Ticker} the test steps by hand: {@link #tick()} runs every registered task once, on the test's thread. */
final class ManualTicker implements Ticker {
    private final List<Runnable> tasks = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable every(Duration period, Runnable task) {
        tasks.add(task);
        return () -> tasks.remove(task);
    }

    void tick() {
        tasks.forEach(Runnable::run);
    }

    boolean running() {
        return !tasks.isEmpty();
    }
}
