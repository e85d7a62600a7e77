package gomikrobot.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code group_tasks} table. A task id is stored once: inserting it again (a redelivered request) changes
 * nothing and says so, which is what makes a Kafka redelivery harmless. An answer is recorded only while the task
 * is open, so a late or repeated response never overwrites the first.
 */
public final class GroupTaskStore {
    public static final int DEFAULT_LIST_LIMIT = 50;
    public static final int MAX_LIST_LIMIT = 1000;

    private final Database db;

    public GroupTaskStore(Database db) {
        this.db = db;
    }

    /** Stores a new task; false when a task with that id is already stored. */
    public boolean insert(GroupTask t) {
        return db.write(c -> Rows.update(c, "INSERT OR IGNORE INTO group_tasks (task_id, description, content,"
                        + " direction, requester_id, responder_id, response_content, status, created_at, deadline_at,"
                        + " original_requester_id, trace_id) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)",
                t.taskId(), t.description(), t.content(), t.direction(), t.requesterId(), t.responderId(), t.status(),
                t.createdAt(), t.deadlineAt(), t.requesterId(), t.traceId())) == 1;
    }

    public Optional<GroupTask> get(String taskId) {
        return db.read(c -> Rows.first(c, "SELECT " + GroupTask.COLUMNS + " FROM group_tasks WHERE task_id = ?",
                GroupTask::fromRow, taskId));
    }

    /** Marks an open task {@code accepted}; false when it is not open. */
    public boolean accept(String taskId, Instant at) {
        return db.write(c -> Rows.update(c, "UPDATE group_tasks SET status = 'accepted', accepted_at = ?"
                + " WHERE task_id = ? AND status = 'pending'", at, taskId)) == 1;
    }

    /**
     * Records the answer of an open task ({@code completed} or {@code failed}); false when the task is unknown or
     * already answered.
     */
    public boolean respond(String taskId, String status, String responseContent, Instant at) {
        if (!status.equals(GroupTask.COMPLETED) && !status.equals(GroupTask.FAILED)) {
            throw new IllegalArgumentException("not an answer status: " + status);
        }
        return db.write(c -> Rows.update(c, "UPDATE group_tasks SET status = ?, response_content = ?,"
                        + " responded_at = ? WHERE task_id = ? AND status IN ('pending', 'accepted')",
                status, responseContent, at, taskId)) == 1;
    }

    /** Newest first; {@code direction} and {@code status} filter by exact match when not blank. */
    public List<GroupTask> list(String direction, String status, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT " + GroupTask.COLUMNS + " FROM group_tasks WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!direction.isBlank()) {
            sql.append(" AND direction = ?");
            params.add(direction);
        }
        if (!status.isBlank()) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return db.read(c -> Rows.list(c, sql.toString(), GroupTask::fromRow, params.toArray()));
    }
}
