package gomikrobot.gateway;

import gomikrobot.channels.Channel;
import gomikrobot.observe.Log;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Starts a process's parts in the order they are registered and stops them in the reverse order, so the
 * composition root states the shutdown order by the order it starts things. A part that fails to stop is
 * logged and the rest still stop.
 */
final class Lifecycle {
    /** Starts a part. */
    @FunctionalInterface
    interface Start {
        void run() throws Exception;
    }

    /** Stops a part, finishing its work in flight until {@code deadline}. */
    @FunctionalInterface
    interface Stop {
        void stop(Duration deadline) throws Exception;
    }

    private record Running(String name, Stop stop) {
    }

    private final Deque<Running> running = new ArrayDeque<>();
    private final Log log;

    Lifecycle(Log log) {
        this.log = log;
    }

    /** Registers something already open, closed when the process stops. */
    <T extends AutoCloseable> T closing(String name, T resource) {
        stopping(name, deadline -> resource.close());
        return resource;
    }

    /** Registers something already running, stopped when the process stops. */
    void stopping(String name, Stop stop) {
        running.push(new Running(name, stop));
    }

    void start(String name, Start start, Stop stop) throws Exception {
        start.run();
        stopping(name, stop);
    }

    void start(String name, Start start, AutoCloseable stop) throws Exception {
        start(name, start, deadline -> stop.close());
    }

    /** A channel connects in the background; not being able to connect is a status, not a failure. */
    void start(Channel channel) {
        channel.start();
        stopping(channel.name() + " channel", deadline -> channel.close());
    }

    /** Stops everything started, newest first. */
    void stop(Duration deadline) {
        while (!running.isEmpty()) {
            Running part = running.pop();
            try {
                part.stop().stop(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Interrupted while stopping", "part", part.name());
            } catch (Exception e) {
                log.unexpected("Stopping failed", e, "part", part.name());
            }
        }
    }
}
