package gomikrobot.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code scheduled_jobs}, with the state of the task of its last run. Text fields are never null;
 * {@code nextRunAt} is null when no run is left, {@code lastRunAt} when it never ran. {@code kind} and
 * {@code spec} are the schedule as {@code gomikrobot.scheduler.Schedule} stores it.
 */
public record ScheduledJob(long id, String name, String prompt, Owner owner, String kind, String spec,
                           String timeZone, boolean enabled, Instant nextRunAt, LastRun last, long runCount,
                           Instant createdAt, Instant updatedAt) {

    public ScheduledJob {
        name = Rows.orEmpty(name);
        prompt = Rows.orEmpty(prompt);
        Objects.requireNonNull(owner, "owner");
        kind = Rows.orEmpty(kind);
        spec = Rows.orEmpty(spec);
        timeZone = Rows.orEmpty(timeZone);
        Objects.requireNonNull(last, "last");
    }

    /**
     * Whose job it is and where its answers go: the sender it runs for, the channel and chat it answers in,
     * and whether that is the owner (runs with the owner's tools) or someone else.
     */
    public record Owner(String senderId, String channel, String chatId, boolean internal) {
        public Owner {
            senderId = Rows.orEmpty(senderId);
            channel = Rows.orEmpty(channel);
            chatId = Rows.orEmpty(chatId);
        }
    }

    /**
     * What the scheduler last did with the job ({@code status}: {@code dispatched}, or why it did not run) and
     * the task of its last run, with that task's status and error as they are now ("" when none).
     */
    public record LastRun(Instant at, String status, String taskId, String traceId, String taskStatus,
                          String taskError) {
        public LastRun {
            status = Rows.orEmpty(status);
            taskId = Rows.orEmpty(taskId);
            traceId = Rows.orEmpty(traceId);
            taskStatus = Rows.orEmpty(taskStatus);
            taskError = Rows.orEmpty(taskError);
        }

        /** Whether the last run's task is still queued or running. */
        public boolean running() {
            return Task.PENDING.equals(taskStatus) || Task.PROCESSING.equals(taskStatus);
        }
    }

    static final String COLUMNS = "j.id, j.job_name, j.prompt, j.owner_sender, j.owner_channel, j.owner_chat,"
            + " j.owner_internal, j.schedule_kind, j.schedule_spec, j.time_zone, j.enabled, j.next_run_at,"
            + " j.last_run_at, j.last_status, j.last_task_id, j.last_trace_id, j.run_count, j.created_at,"
            + " j.updated_at, t.status AS task_status, t.error_text AS task_error";

    static ScheduledJob fromRow(ResultSet rs) throws SQLException {
        return new ScheduledJob(rs.getLong("id"), Rows.text(rs, "job_name"), Rows.text(rs, "prompt"),
                new Owner(Rows.text(rs, "owner_sender"), Rows.text(rs, "owner_channel"), Rows.text(rs, "owner_chat"),
                        Rows.bool(rs, "owner_internal", false)),
                Rows.text(rs, "schedule_kind"), Rows.text(rs, "schedule_spec"), Rows.text(rs, "time_zone"),
                Rows.bool(rs, "enabled", true), Rows.timeOrNull(rs, "next_run_at"),
                new LastRun(Rows.timeOrNull(rs, "last_run_at"), Rows.text(rs, "last_status"),
                        Rows.text(rs, "last_task_id"), Rows.text(rs, "last_trace_id"), Rows.text(rs, "task_status"),
                        Rows.text(rs, "task_error")),
                rs.getLong("run_count"), Rows.time(rs, "created_at"), Rows.time(rs, "updated_at"));
    }
}
