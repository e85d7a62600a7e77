package gomikrobot.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * SQLite's side of a backup: a consistent copy of a live database and the integrity check of a copy. The copy
 * uses SQLite's online backup API on a connection of its own, copying every page in one step: that step is one
 * read transaction, so the copy is the database as of one commit, WAL content included, while the gateway keeps
 * writing (in WAL mode a reader blocks no writer). Copying in several steps would restart from scratch each
 * time another connection commits, which under steady load may never finish.
 */
final class SqliteSnapshot {
    private static final int ALL_PAGES = -1;
    private static final int BUSY_SLEEP_MILLIS = 100;
    private static final int BUSY_RETRIES = 100;
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_PROBLEMS = 5;

    /**
     * Copies the live database {@code live} into {@code copy} (an empty or missing file), then turns the copy into
     * a self-contained file in rollback-journal mode, so it needs no -wal or -shm next to it.
     */
    void copy(Path live, Path copy) throws SQLException {
        if (!Files.isRegularFile(live)) {
            throw new SQLException("no database at " + live);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
                s.execute("PRAGMA query_only = ON"); // this connection must never write to the live file
            }
            int rc = c.unwrap(SQLiteConnection.class).getDatabase()
                    .backup("main", copy.toString(), null, BUSY_SLEEP_MILLIS, BUSY_RETRIES, ALL_PAGES);
            if (rc != 0) {
                throw new SQLException("SQLite online backup failed with code " + rc);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE");
        }
    }

    /** Empty when {@code PRAGMA integrity_check} says "ok"; else its first findings, joined. Opens read-only. */
    Optional<String> integrityProblem(Path db) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            List<String> findings = new ArrayList<>();
            while (rs.next() && findings.size() < MAX_PROBLEMS) {
                findings.add(rs.getString(1));
            }
            if (findings.equals(List.of("ok"))) {
                return Optional.empty();
            }
            return Optional.of(findings.isEmpty() ? "integrity_check returned nothing" : String.join("; ", findings));
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }
}
