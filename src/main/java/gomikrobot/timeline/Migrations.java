package gomikrobot.timeline;

import gomikrobot.observe.Log;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Numbered schema migrations tracked in {@code PRAGMA user_version}. Each step runs in one transaction together
 * with the version bump, so a step is either wholly applied or not at all; a failure throws and stops start-up.
 * A database from the Go program has version 0 and most tables already present: step 1 creates what is missing,
 * adds missing columns (see {@link ColumnReconciler}) and keeps every existing row.
 */
final class Migrations {
    /** Step {@code n} is {@code db/V<n>__*.sql}; append new steps, never edit an applied one. */
    private static final List<String> SCRIPTS = List.of("db/V1__core.sql", "db/V2__memory_fts.sql",
            "db/V3__core.sql", "db/V4__approvals.sql", "db/V5__scheduler.sql",
            "db/V6__group.sql");

    static final int LATEST = SCRIPTS.size();

    private final Log log;

    Migrations(Log log) {
        this.log = log;
    }

    /** Applies every step above the file's current version; returns the version reached. */
    int apply(Connection c) throws SQLException {
        int current = userVersion(c);
        if (current > LATEST) {
            throw new DatabaseException("database schema version " + current
                    + " is newer than this program supports (" + LATEST + "); use a newer release");
        }
        for (int version = current + 1; version <= LATEST; version++) {
            applyStep(c, version, SqlScript.load(SCRIPTS.get(version - 1)));
        }
        return LATEST;
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private void applyStep(Connection c, int version, SqlScript script) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                for (String sql : script.createTables()) {
                    s.execute(sql);
                }
                List<String> added = ColumnReconciler.addMissingColumns(c, script.createTables());
                for (String sql : script.others()) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + version);
                s.execute("COMMIT");
                log.info("Database migrated", "version", version, "script", script.name(),
                        "added_columns", added.isEmpty() ? "none" : String.join(",", added));
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                if (e instanceof DatabaseException de) {
                    throw new DatabaseException("migration to schema version " + version + " failed: " + de.getMessage(), de);
                }
                throw new DatabaseException("migration to schema version " + version + " (" + script.name()
                        + ") failed: " + e.getMessage(), e);
            }
        }
    }
}
