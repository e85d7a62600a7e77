package gomikrobot.bench;

import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Times;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A gateway home whose {@code timeline.db} holds a given number of timeline rows, cached under
 * {@code target/bench-cache/} so only the first run pays for filling it. The rows look like the gateway's own
 * (inbound and outbound pairs, a handful of senders, one trace per pair, one second apart) and go in through
 * {@link Database#write}: one transaction, one prepared statement, batches of 10 000.
 */
final class TimelineFixture {
    private static final int BATCH = 10_000;
    private static final String INSERT = "INSERT INTO timeline (event_id, trace_id, span_id, parent_span_id, timestamp,"
            + " sender_id, sender_name, event_type, content_text, media_path, vector_id, classification, authorized,"
            + " metadata) VALUES (?, ?, '', '', ?, ?, ?, ?, ?, '', '', ?, ?, ?)";

    private TimelineFixture() {
    }

    /** The home folder (reused when its marker says it holds {@code rows} rows); {@code seconds[0]} = fill time, 0 if cached. */
    static Path home(int rows, double[] seconds) throws IOException {
        Path home = Path.of("target", "bench-cache", "timeline-" + rows).toAbsolutePath();
        Path marker = home.resolve("rows.ok");
        seconds[0] = 0;
        if (Files.exists(marker)) {
            return home;
        }
        deleteTree(home);
        Files.createDirectories(home);
        Log quiet = new Log(Log.Level.ERROR, false, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), Set.of());
        long start = System.nanoTime();
        try (Database db = Database.open(home.resolve("timeline.db"), quiet)) {
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    fill(ps, rows);
                }
                return null;
            });
        }
        seconds[0] = (System.nanoTime() - start) / 1e9;
        Files.writeString(marker, Integer.toString(rows));
        return home;
    }

    private static void fill(PreparedStatement ps, int rows) throws java.sql.SQLException {
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < rows; i++) {
            boolean inbound = i % 2 == 0;
            String sender = inbound ? "4915550" + (i % 7) + "@s.whatsapp.net" : "AGENT";
            ps.setString(1, (inbound ? "WA_IN_" : "WA_OUT_") + i);
            ps.setString(2, "bench-trace-" + i / 2);
            ps.setString(3, Times.format(base.plusSeconds(i)));
            ps.setString(4, sender);
            ps.setString(5, inbound ? "User " + i % 7 : "Agent");
            ps.setString(6, inbound ? "TEXT" : "SYSTEM");
            ps.setString(7, (inbound ? "Question number " : "Answer number ") + i + ": a message of ordinary length");
            ps.setString(8, inbound ? "WHATSAPP_INBOUND" : "WHATSAPP_OUTBOUND status=sent");
            ps.setInt(9, i % 50 == 0 ? 0 : 1);
            ps.setString(10, inbound ? "{\"channel\":\"whatsapp\",\"message_type\":\"TEXT\"}" : "");
            ps.addBatch();
            if ((i + 1) % BATCH == 0) {
                ps.executeBatch();
            }
        }
        ps.executeBatch();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
