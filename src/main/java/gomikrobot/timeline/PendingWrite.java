package gomikrobot.timeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One caller's work in a group commit: run under its own savepoint when it shares the transaction, its outcome
 * kept until the commit decides whether the caller sees the result or the failure.
 */
final class PendingWrite<T> {
    private final SqlWork<T> work;
    private T value;
    private Exception error;
    private volatile boolean done;

    PendingWrite(SqlWork<T> work) {
        this.work = work;
    }

    boolean isDone() {
        return done;
    }

    /** Runs the work; a throw is kept (and its changes rolled back to the savepoint), not propagated. */
    void runIn(Connection writer, Statement tx, boolean alone) throws SQLException {
        if (!alone) {
            tx.execute("SAVEPOINT w");
        }
        try {
            value = work.run(writer);
            if (!alone) {
                tx.execute("RELEASE w");
            }
        } catch (SQLException | RuntimeException e) {
            error = e;
            if (alone) {
                throw e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
            }
            tx.execute("ROLLBACK TO w");
            tx.execute("RELEASE w");
        }
    }

    /** After the commit: the outcome becomes visible to the caller. */
    void publish() {
        done = true;
    }

    /** The transaction failed as a whole: a work that had not failed on its own fails with it. */
    void failIfUnset(RuntimeException failure) {
        if (error == null) {
            error = failure;
        }
        done = true;
    }

    /** The work's value, or its failure rethrown in the caller's thread. */
    T result() {
        if (!done) {
            throw new IllegalStateException("write not run");
        }
        return switch (error) {
            case null -> value;
            case RuntimeException e -> throw e;
            case SQLException e -> throw new DatabaseException("database write failed: " + e.getMessage(), e);
            default -> throw new DatabaseException("database write failed: " + error.getMessage(), error);
        };
    }
}
