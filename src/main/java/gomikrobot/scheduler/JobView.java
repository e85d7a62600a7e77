package gomikrobot.scheduler;

import gomikrobot.json.Json;
import gomikrobot.timeline.ScheduledJob;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A job as others see it: the JSON object of {@code /api/v1/jobs} (times in RFC 3339 UTC, null when unset) and
 * one line of text for the {@code cron} tool and the command line. Stateless.
 */
public final class JobView {
    private JobView() {
    }

    public static Map<String, Object> json(ScheduledJob job) {
        ScheduledJob.LastRun last = job.last();
        return Json.object("id", job.id(), "name", job.name(), "prompt", job.prompt(), "kind", job.kind(),
                "spec", job.spec(), "time_zone", job.timeZone(), "schedule", describe(job),
                "channel", job.owner().channel(), "chat_id", job.owner().chatId(),
                "sender_id", job.owner().senderId(), "internal", job.owner().internal(), "enabled", job.enabled(),
                "next_run_at", time(job.nextRunAt()), "last_run_at", time(last.at()), "last_status", last.status(),
                "last_task_id", last.taskId(), "last_trace_id", last.traceId(), "last_run_status", last.taskStatus(),
                "last_run_error", last.taskError(), "run_count", job.runCount(), "created_at", time(job.createdAt()),
                "updated_at", time(job.updatedAt()));
    }

    /** {@code #3 "stretch": at 2026-03-01 09:20 Europe/Berlin; next run …; last …; answers webui:1; does: …}. */
    public static String line(ScheduledJob job) {
        return line(json(job));
    }

    /** {@link #line(ScheduledJob)} from the job's JSON object, as the API gives it. */
    public static String line(Map<String, Object> job) {
        ZoneId zone = zone(text(job, "time_zone"));
        StringBuilder line = new StringBuilder("#").append(job.get("id")).append(" \"").append(text(job, "name"))
                .append("\": ").append(text(job, "schedule"));
        if (!Boolean.TRUE.equals(job.get("enabled"))) {
            line.append("; paused");
        } else {
            line.append("; next run ").append(local(text(job, "next_run_at"), zone, "none"));
        }
        if (!text(job, "last_run_at").isEmpty()) {
            line.append("; last ").append(local(text(job, "last_run_at"), zone, "")).append(": ").append(outcome(job));
        }
        String prompt = text(job, "prompt");
        return line.append("; answers ").append(text(job, "channel")).append(':').append(text(job, "chat_id"))
                .append("; does: ")
                .append(prompt.isEmpty() ? "the open items of HEARTBEAT.md" : prompt).toString();
    }

    /** What became of the last run: the task's state once it was dispatched, else why it did not run. */
    private static String outcome(Map<String, Object> job) {
        String status = text(job, "last_status");
        String task = text(job, "last_run_status");
        if (!JobRunner.DISPATCHED.equals(status) || task.isEmpty()) {
            return status;
        }
        String error = text(job, "last_run_error");
        return error.isEmpty() ? task : task + " (" + error + ")";
    }

    private static String local(String rfc3339, ZoneId zone, String none) {
        return rfc3339.isEmpty() ? none : Schedules.local(Instant.parse(rfc3339), zone);
    }

    private static String text(Map<String, Object> job, String key) {
        return job.get(key) instanceof String s ? s : "";
    }

    private static String describe(ScheduledJob job) {
        try {
            return Jobs.scheduleOf(job).describe();
        } catch (IllegalArgumentException e) {
            return job.kind() + " " + job.spec() + " (unreadable: " + e.getMessage() + ")";
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
