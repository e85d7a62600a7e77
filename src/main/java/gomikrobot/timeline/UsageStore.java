package gomikrobot.timeline;

import java.time.Clock;

/**
 * The {@code token_usage} table: tokens of provider calls that belong to no task (embeddings), summed per UTC
 * day and kind. Together with the tasks' tokens it is what the daily token limit is checked against.
 */
public final class UsageStore {
    public static final String EMBEDDINGS = "embeddings";

    private static final String ADD = "INSERT INTO token_usage (day, kind, tokens) VALUES (?, ?, ?)"
            + " ON CONFLICT(day, kind) DO UPDATE SET tokens = tokens + excluded.tokens";

    private final Database db;
    private final Clock clock;

    public UsageStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Adds {@code tokens} of {@code kind} to today's sum; nothing for 0. */
    public void add(String kind, long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("negative token count: " + tokens);
        }
        if (tokens > 0) {
            db.write(c -> Rows.update(c, ADD, Times.sqlDate(clock.instant()), kind, tokens));
        }
    }

    /** Today's tokens of every kind (UTC day, as the tasks' quota day). */
    public long tokensToday() {
        return db.read(c -> Rows.scalar(c, "SELECT COALESCE(SUM(tokens), 0) FROM token_usage WHERE day = ?",
                Times.sqlDate(clock.instant())));
    }
}
