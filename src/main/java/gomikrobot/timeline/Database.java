package gomikrobot.timeline;

import gomikrobot.observe.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code timeline.db} file: one writer connection serialised by a lock (SQLite admits one writer at a time;
 * queueing in Java is cheaper and fairer than spinning on SQLITE_BUSY) and a small pool of read-only connections
 * that, thanks to WAL, read concurrently with the writer. SQL runs only through {@link #write} and {@link #read};
 * the raw connections never leave this class otherwise.
 */
public final class Database implements AutoCloseable {
    /** The tables of the operations guide, in its order. */
    public static final List<String> TABLES =
            List.of("timeline", "settings", "web_users", "web_links", "tasks", "policy_decisions", "memory_chunks");

    private static final int READERS = 4;
    private static final int BUSY_MILLIS = 5000;
    private static final int PROBE_BUSY_MILLIS = 500;
    private static final long PROBE_WAIT_SECONDS = 2;
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final int MAX_BATCH = 256;

    private final Path file;
    private final Log log;
    private final Connection writer;
    private final Checkpointer checkpointer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Queue<PendingWrite<?>> pendingWrites = new ConcurrentLinkedQueue<>();
    private final List<Connection> readerList;
    private final BlockingQueue<Connection> idleReaders;
    private volatile boolean closed;

    private Database(Path file, Log log, Connection writer, List<Connection> readers, Checkpointer checkpointer) {
        this.file = file;
        this.log = log;
        this.writer = writer;
        this.checkpointer = checkpointer;
        this.readerList = List.copyOf(readers);
        this.idleReaders = new ArrayBlockingQueue<>(readers.size(), false, readers);
    }

    /**
     * Opens (creating if needed, with its parent folder) and migrates the database.
     *
     * @throws DatabaseException if the file cannot be opened or a migration fails; start-up must stop then
     */
    public static Database open(Path file, Log log) {
        Path absolute = file.toAbsolutePath();
        List<Connection> opened = new ArrayList<>();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
                SqliteNative.useCacheIn(absolute.getParent().resolve("cache"), log);
            }
            Connection writer = connect(absolute, false);
            opened.add(writer);
            int version = new Migrations(log).apply(writer);
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                Connection reader = connect(absolute, true);
                opened.add(reader);
                readers.add(reader);
            }
            log.info("Database opened", "path", absolute, "schema_version", version);
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint = 0"); // the Checkpointer does it, off the commit path
            }
            Connection checkpoints = connect(absolute, false);
            opened.add(checkpoints);
            return new Database(absolute, log, writer, readers, new Checkpointer(checkpoints, log));
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(opened, e);
            if (e instanceof DatabaseException de) {
                throw de;
            }
            throw new DatabaseException("cannot open database " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} on the writer connection inside one {@code BEGIN IMMEDIATE} transaction, committed when it
     * returns and rolled back when it throws; returns once its changes are committed. Keep the work short.
     *
     * <p>Group commit: writes that arrive while another commits wait for the writer together, and the next one to
     * get it runs them all in one transaction, each under its own savepoint (a work that throws is rolled back
     * alone). Under concurrency many messages share one commit, the costly part of a write; a lone write is
     * unaffected. A {@code write} inside another one's work joins that transaction.
     */
    public <T> T write(SqlWork<T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            try {
                return work.run(writer);
            } catch (SQLException e) {
                throw new DatabaseException("database write failed: " + e.getMessage(), e);
            }
        }
        PendingWrite<T> mine = new PendingWrite<>(work);
        pendingWrites.add(mine);
        lockWriter(mine);
        try {
            if (!mine.isDone()) {
                commitPending();
            }
        } finally {
            writeLock.unlock();
        }
        return mine.result();
    }

    /** Runs every queued write in one transaction (the caller holds the write lock). */
    private void commitPending() {
        List<PendingWrite<?>> batch = new ArrayList<>();
        PendingWrite<?> next;
        while (batch.size() < MAX_BATCH && (next = pendingWrites.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try (Statement tx = writer.createStatement()) {
            tx.execute("BEGIN IMMEDIATE");
            try {
                boolean alone = batch.size() == 1;
                for (PendingWrite<?> w : batch) {
                    w.runIn(writer, tx, alone);
                }
                tx.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollback(tx, e);
                throw e;
            }
            batch.forEach(PendingWrite::publish);
        } catch (SQLException | RuntimeException e) {
            DatabaseException failure = new DatabaseException("database write failed: " + e.getMessage(), e);
            batch.forEach(w -> w.failIfUnset(failure));
        }
    }

    /** Runs {@code work} on a pooled read-only connection; waits while all of them are busy. */
    public <T> T read(SqlWork<T> work) {
        Connection c = borrowReader();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException("database read failed: " + e.getMessage(), e);
        } finally {
            idleReaders.add(c);
        }
    }

    /** Rows per table of {@link #TABLES}, in that order. */
    public Map<String, Long> rowCounts() {
        return read(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (Statement s = c.createStatement()) {
                for (String table : TABLES) {
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        counts.put(table, rs.next() ? rs.getLong(1) : 0L);
                    }
                }
            }
            return counts;
        });
    }

    /**
     * Whether a write could start now: takes the write lock and SQLite's write lock, then rolls back. Meant for
     * readiness probes, so it gives up (false) instead of waiting long behind a busy writer.
     */
    public boolean isWritable() {
        if (closed) {
            return false;
        }
        try {
            if (!writeLock.tryLock(PROBE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + PROBE_BUSY_MILLIS);
            try {
                s.execute("BEGIN IMMEDIATE");
                s.execute("ROLLBACK");
                return true;
            } finally {
                s.execute("PRAGMA busy_timeout = " + BUSY_MILLIS);
            }
        } catch (SQLException e) {
            log.warn("Database write probe failed", "error", e.getMessage());
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    public Path file() {
        return file;
    }

    /** Checkpoints the WAL into the main file and closes every connection. Safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        checkpointer.close();
        writeLock.lock();
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            log.warn("WAL checkpoint at close failed", "error", e.getMessage());
        } finally {
            closeConnection(writer);
            writeLock.unlock();
        }
        for (int i = 0; i < readerList.size(); i++) {
            try {
                if (idleReaders.poll(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS) == null) {
                    log.warn("Database reader still busy at close; closing it anyway");
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        readerList.forEach(this::closeConnection);
    }

    // ----- private helpers -----

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_MILLIS); // first, so the PRAGMAs below wait for a busy file too
            s.execute("PRAGMA foreign_keys = ON");
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new SQLException("journal_mode WAL refused (got '" + mode + "'); is the file system local?");
                }
            }
            s.execute("PRAGMA synchronous = NORMAL"); // durable in WAL except for the last commits on power loss
            if (readOnly) {
                s.execute("PRAGMA query_only = ON"); // a read() that tries to write fails instead of racing the writer
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void lockWriter(PendingWrite<?> mine) {
        if (closed) {
            pendingWrites.remove(mine);
            throw new DatabaseException("database is closed: " + file);
        }
        writeLock.lock();
        if (closed) {
            pendingWrites.remove(mine);
            writeLock.unlock();
            throw new DatabaseException("database is closed: " + file);
        }
    }

    private Connection borrowReader() {
        if (closed) {
            throw new DatabaseException("database is closed: " + file);
        }
        try {
            return idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for a database reader");
        }
    }

    private static void rollback(Statement tx, Exception cause) {
        try {
            tx.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e); // SQLite may already have rolled back (e.g. after SQLITE_FULL)
        }
    }

    private void closeConnection(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.warn("Closing a database connection failed", "error", e.getMessage());
        }
    }

    private static void closeQuietly(List<Connection> connections, Exception cause) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
