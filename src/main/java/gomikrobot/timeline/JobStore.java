package gomikrobot.timeline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code scheduled_jobs} table: jobs, when each runs next, and what became of its last run. Rows the Go
 * program wrote (no schedule) are left alone and never listed. A slot moves on only from the slot it was read
 * at ({@link #advance} compares), so a change made meanwhile (a resume, another process) is never overwritten.
 */
public final class JobStore {
    private static final String SELECT = "SELECT " + ScheduledJob.COLUMNS
            + " FROM scheduled_jobs j LEFT JOIN tasks t ON t.task_id = j.last_task_id";
    private static final String JOBS = " WHERE j.schedule_kind <> ''";
    private static final String INSERT = "INSERT INTO scheduled_jobs (job_name, prompt, owner_sender, owner_channel,"
            + " owner_chat, owner_internal, schedule_kind, schedule_spec, time_zone, enabled, next_run_at, last_status,"
            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, '', ?, ?)";
    private static final String RUN = "last_run_at = ?, last_status = ?,"
            + " last_task_id = CASE WHEN ? = '' THEN last_task_id ELSE ? END,"
            + " last_trace_id = CASE WHEN ? = '' THEN last_trace_id ELSE ? END,"
            + " run_count = run_count + CASE WHEN ? = '' THEN 0 ELSE 1 END, updated_at = ?";

    private final Database db;
    private final Clock clock;

    public JobStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * What the scheduler did at {@code at}: {@code status}, and the task of a run it dispatched ({@code taskId}
     * and {@code traceId} empty when it dispatched none, which keeps the last run's and does not count a run).
     */
    public record Run(Instant at, String status, String taskId, String traceId) {
        public Run {
            Objects.requireNonNull(at, "at");
            status = Rows.orEmpty(status);
            taskId = Rows.orEmpty(taskId);
            traceId = Rows.orEmpty(traceId);
        }
    }

    /** Stores a new enabled job; empty when its name is taken. */
    public Optional<ScheduledJob> insert(NewJob job) {
        Instant now = clock.instant();
        return db.write(c -> {
            if (Rows.scalar(c, "SELECT COUNT(*) FROM scheduled_jobs WHERE job_name = ?", job.name()) > 0) {
                return Optional.empty();
            }
            ScheduledJob.Owner o = job.owner();
            Rows.update(c, INSERT, job.name(), job.prompt(), o.senderId(), o.channel(), o.chatId(), o.internal(),
                    job.kind(), job.spec(), job.timeZone(), job.nextRunAt(), now, now);
            long id = Rows.scalar(c, "SELECT last_insert_rowid()");
            return Rows.first(c, SELECT + " WHERE j.id = ?", ScheduledJob::fromRow, id);
        });
    }

    /**
     * Stores a job the configuration defines (the heartbeat), by name: created, or updated with the new prompt,
     * owner and schedule. Its next slot is kept while the schedule stays the same; enabled and history are kept.
     */
    public ScheduledJob putConfigured(NewJob job) {
        Instant now = clock.instant();
        return db.write(c -> {
            ScheduledJob.Owner o = job.owner();
            Rows.update(c, INSERT + " ON CONFLICT(job_name) DO UPDATE SET prompt = excluded.prompt,"
                            + " owner_sender = excluded.owner_sender, owner_channel = excluded.owner_channel,"
                            + " owner_chat = excluded.owner_chat, owner_internal = excluded.owner_internal,"
                            + " next_run_at = CASE WHEN schedule_kind = excluded.schedule_kind"
                            + " AND schedule_spec = excluded.schedule_spec AND next_run_at IS NOT NULL"
                            + " THEN next_run_at ELSE excluded.next_run_at END,"
                            + " schedule_kind = excluded.schedule_kind, schedule_spec = excluded.schedule_spec,"
                            + " time_zone = excluded.time_zone, updated_at = excluded.updated_at",
                    job.name(), job.prompt(), o.senderId(), o.channel(), o.chatId(), o.internal(), job.kind(),
                    job.spec(), job.timeZone(), job.nextRunAt(), now, now);
            return Rows.first(c, SELECT + " WHERE j.job_name = ?", ScheduledJob::fromRow, job.name()).orElseThrow();
        });
    }

    /** Every job, oldest first. */
    public List<ScheduledJob> list() {
        return db.read(c -> Rows.list(c, SELECT + JOBS + " ORDER BY j.id ASC", ScheduledJob::fromRow));
    }

    public Optional<ScheduledJob> get(long id) {
        return db.read(c -> Rows.first(c, SELECT + JOBS + " AND j.id = ?", ScheduledJob::fromRow, id));
    }

    public Optional<ScheduledJob> byName(String name) {
        return db.read(c -> Rows.first(c, SELECT + JOBS + " AND j.job_name = ?", ScheduledJob::fromRow, name));
    }

    /** How many jobs answer {@code senderId} on {@code channel}. */
    public long countOwnedBy(String channel, String senderId) {
        return db.read(c -> Rows.scalar(c, "SELECT COUNT(*) FROM scheduled_jobs WHERE schedule_kind <> ''"
                + " AND owner_channel = ? AND owner_sender = ?", channel, senderId));
    }

    public boolean delete(long id) {
        return db.write(c -> Rows.update(c, "DELETE FROM scheduled_jobs WHERE id = ? AND schedule_kind <> ''", id)) == 1;
    }

    /** Pauses or resumes a job, with the slot it runs at next (null for none). */
    public boolean setEnabled(long id, boolean enabled, Instant nextRunAt) {
        return db.write(c -> Rows.update(c, "UPDATE scheduled_jobs SET enabled = ?, next_run_at = ?, updated_at = ?"
                + " WHERE id = ? AND schedule_kind <> ''", enabled, nextRunAt, clock.instant(), id)) == 1;
    }

    /**
     * Records what became of slot {@code slot} and moves the job on to {@code next} (null: no run left), in one
     * statement; false, changing nothing, when the job is gone or no longer at that slot.
     */
    public boolean advance(long id, Instant slot, Instant next, Run run) {
        return db.write(c -> Rows.update(c, "UPDATE scheduled_jobs SET next_run_at = ?, " + RUN
                + " WHERE id = ? AND next_run_at = ?", next, run.at(), run.status(), run.taskId(), run.taskId(),
                run.traceId(), run.traceId(), run.taskId(), clock.instant(), id, slot)) == 1;
    }

    /** Records a run outside the schedule (run now): the slots stay as they are. */
    public boolean recordRun(long id, Run run) {
        return db.write(c -> Rows.update(c, "UPDATE scheduled_jobs SET " + RUN + " WHERE id = ?", run.at(),
                run.status(), run.taskId(), run.taskId(), run.traceId(), run.traceId(), run.taskId(), clock.instant(),
                id)) == 1;
    }
}
