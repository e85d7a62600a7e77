package gomikrobot.scheduler;

import gomikrobot.json.Json;
import gomikrobot.timeline.ScheduledJob;
import java.time.Instant;
import java.time.ZoneId;
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

    /** {@code #3 "stretch": at 2026-03-01 09:20 Europe/Berlin; next run …; last: …; answers webui:1}. */
    public static String line(ScheduledJob job) {
        ZoneId zone = zone(job);
        StringBuilder text = new StringBuilder("#").append(job.id()).append(" \"").append(job.name()).append("\": ")
                .append(describe(job));
        if (!job.enabled()) {
            text.append("; paused");
        } else {
            text.append("; next run ").append(job.nextRunAt() == null ? "none" : Schedules.local(job.nextRunAt(), zone));
        }
        ScheduledJob.LastRun last = job.last();
        if (last.at() != null) {
            text.append("; last ").append(Schedules.local(last.at(), zone)).append(": ").append(outcome(last));
        }
        String to = job.owner().channel().isEmpty() ? "nobody (set scheduler.heartbeatTo)"
                : job.owner().channel() + ":" + job.owner().chatId();
        return text.append("; answers ").append(to).append("; does: ").append(job.prompt().isEmpty()
                ? "the open items of HEARTBEAT.md" : job.prompt()).toString();
    }

    /** What became of the last run: the task's state once it was dispatched, else why it did not run. */
    static String outcome(ScheduledJob.LastRun last) {
        if (!JobRunner.DISPATCHED.equals(last.status()) || last.taskStatus().isEmpty()) {
            return last.status();
        }
        return last.taskError().isEmpty() ? last.taskStatus() : last.taskStatus() + " (" + last.taskError() + ")";
    }

    private static String describe(ScheduledJob job) {
        try {
            return Jobs.scheduleOf(job).describe();
        } catch (IllegalArgumentException e) {
            return job.kind() + " " + job.spec() + " (unreadable: " + e.getMessage() + ")";
        }
    }

    private static ZoneId zone(ScheduledJob job) {
        try {
            return Jobs.zoneOf(job);
        } catch (IllegalArgumentException e) {
            return ZoneId.of("UTC");
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
