package gomikrobot.timeline;

import gomikrobot.observe.Log;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Moves the WAL into the database file on its own connection and thread, so commits never pay for it.
 * SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages, and with it an fsync:
 * every few hundred messages one writer (and everyone queued behind it) stalled for milliseconds. A PASSIVE
 * checkpoint here runs beside the writer without blocking it.
 */
final class Checkpointer implements AutoCloseable {
    private static final Duration INTERVAL = Duration.ofMillis(500);

    private final Connection connection;
    private final Log log;
    private final Thread thread;
    private volatile boolean stopping;

    Checkpointer(Connection connection, Log log) {
        this.connection = connection;
        this.log = log;
        // a platform thread: the checkpoint is a long native call, which would pin a virtual thread's carrier
        this.thread = Thread.ofPlatform().daemon().name("sqlite-checkpointer").start(this::run);
    }

    private void run() {
        while (!stopping) {
            try {
                Thread.sleep(INTERVAL);
                try (Statement s = connection.createStatement()) {
                    s.execute("PRAGMA wal_checkpoint(PASSIVE)");
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                log.debug("WAL checkpoint skipped", "error", e.getMessage()); // the next round tries again
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Checkpoint connection did not close cleanly", "error", e.getMessage());
        }
    }
}
