package gomikrobot.timeline;

import gomikrobot.observe.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Set;

/** Opening test databases with a log captured in memory, and raw JDBC access that bypasses our code. */
final class TestDb {
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final Log log = new Log(Log.Level.DEBUG, false, new PrintStream(logged, true, StandardCharsets.UTF_8),
            Clock.systemUTC(), Set.of());

    Database open(Path file) {
        return Database.open(file, log);
    }

    String logText() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    /** Runs statements on the file directly, as another program (the Go original, the sqlite3 shell) would. */
    static void raw(Path file, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
