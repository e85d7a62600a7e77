package gomikrobot.timeline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code approval_requests} table. A request is written {@code pending} and settled once: {@link #settle}
 * changes only a pending row, so of two answers racing for one request exactly one wins. Times come from the
 * injected clock, in {@link Times#format}.
 */
public final class ApprovalStore {
    private static final String SELECT = "SELECT " + ApprovalRecord.COLUMNS + " FROM approval_requests";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,16}");

    private final Database db;
    private final Clock clock;

    public ApprovalStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores a pending request and returns its row. */
    public ApprovalRecord create(String approvalId, String traceId, String taskId, String tool, int tier,
                                 String arguments, String sender, String channel) {
        if (tool == null || tool.isBlank()) {
            throw new IllegalArgumentException("approval request without tool name");
        }
        Instant now = clock.instant();
        return db.write(c -> {
            Rows.update(c, "INSERT INTO approval_requests (approval_id, trace_id, task_id, tool, tier, arguments,"
                    + " sender, channel, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
                    approvalId, traceId, taskId, tool, tier, arguments, sender, channel, now);
            return Rows.first(c, SELECT + " WHERE approval_id = ?", ApprovalRecord::fromRow, approvalId).orElseThrow();
        });
    }

    /** Moves a pending request to {@code status}; false when it is not pending (any more). */
    public boolean settle(String approvalId, String status) {
        return db.write(c -> Rows.update(c, "UPDATE approval_requests SET status = ?, responded_at = ?"
                + " WHERE approval_id = ? AND status = 'pending'", status, clock.instant(), approvalId)) == 1;
    }

    /** The pending requests, oldest first. */
    public List<ApprovalRecord> pending() {
        return db.read(c -> Rows.list(c, SELECT + " WHERE status = 'pending' ORDER BY created_at ASC, id ASC",
                ApprovalRecord::fromRow));
    }

    public Optional<ApprovalRecord> byId(String approvalId) {
        return db.read(c -> Rows.first(c, SELECT + " WHERE approval_id = ?", ApprovalRecord::fromRow, approvalId));
    }

    /** The newest request whose id starts with {@code code} (lower-case hex), to tell what became of it. */
    public Optional<ApprovalRecord> newestWithCode(String code) {
        if (!HEX.matcher(code).matches()) {
            return Optional.empty();
        }
        return db.read(c -> Rows.first(c, SELECT + " WHERE approval_id LIKE ? ORDER BY id DESC LIMIT 1",
                ApprovalRecord::fromRow, code + "%"));
    }

    /** The requests of one trace, oldest first. */
    public List<ApprovalRecord> byTrace(String traceId) {
        return db.read(c -> Rows.list(c, SELECT + " WHERE trace_id = ? ORDER BY created_at ASC, id ASC",
                ApprovalRecord::fromRow, traceId));
    }
}
