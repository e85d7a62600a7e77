package gomikrobot.scheduler;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.ScheduledJob;
import gomikrobot.tools.Schema;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cron} (tier 1): the agent schedules work for later and manages it — {@code add}, {@code list},
 * {@code remove}, {@code pause}, {@code resume}. A job added here belongs to the person asking: it answers in
 * this chat and runs with their permissions, so "remind me in 20 minutes" becomes an {@code at} job of theirs.
 * The owner manages every job; anyone else only their own.
 */
public final class CronTool implements Tool {
    private static final List<String> ACTIONS = List.of("add", "list", "remove", "pause", "resume");

    private final Jobs jobs;
    private final ZoneId zone;

    public CronTool(Jobs jobs) {
        this.jobs = jobs;
        this.zone = jobs.zone();
    }

    @Override
    public String name() {
        return "cron";
    }

    @Override
    public String description() {
        return "Schedule work for later and manage it: reminders (\"remind me in 20 minutes\": action add with in"
                + " 20m), one-off tasks at a time, and recurring ones (every, or a cron expression). When a job runs"
                + " you receive its prompt as a message in this chat and your answer is sent here. Times without an"
                + " offset are in " + zone.getId() + " unless time_zone says otherwise.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Json.object(
                "action", Map.of("type", "string", "enum", ACTIONS, "description", "What to do"),
                "prompt", Schema.string("add: what to do when the job runs, as an instruction to yourself, e.g."
                        + " \"Remind the user to call Anna.\""),
                "in", Schema.string("add: run once after this long, e.g. 20m, 2h, 1h30m"),
                "at", Schema.string("add: run once at this time: 2026-03-01T09:00 (in time_zone),"
                        + " 2026-03-01T09:00+01:00, or 09:00 for the next 09:00"),
                "every", Schema.string("add: run again and again, every this long (at least 1m), e.g. 1h"),
                "cron", Schema.string("add: run at the times of a cron expression: minute hour day-of-month month"
                        + " day-of-week, e.g. \"0 9 * * 1-5\" for 09:00 on weekdays"),
                "time_zone", Schema.string("add: the zone of at and cron, e.g. Europe/Berlin (default "
                        + zone.getId() + ")"),
                "name", Schema.string("add: a short name for the job (optional)"),
                "id", Map.of("type", "integer", "description", "remove, pause, resume: the job's number from list")),
                "action");
    }

    @Override
    public int tier() {
        return 1;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        Caller caller = new Caller(ctx.internal(), ctx.channel(), ctx.senderId());
        String action = args.string("action", "");
        try {
            return switch (action) {
                case "add" -> added(jobs.add(request(args), new ScheduledJob.Owner(ctx.senderId(), ctx.channel(),
                        ctx.chatId(), ctx.internal())));
                case "list" -> listed(jobs.list(caller));
                case "remove" -> new ToolResult.Ok("Removed " + JobView.line(jobs.remove(id(args), caller)));
                case "pause" -> new ToolResult.Ok("Paused " + JobView.line(jobs.pause(id(args), caller)));
                case "resume" -> new ToolResult.Ok("Resumed " + JobView.line(jobs.resume(id(args), caller)));
                default -> new ToolResult.Failed("unknown action '" + action + "': use " + String.join(", ", ACTIONS));
            };
        } catch (JobRefused e) {
            return new ToolResult.Failed(e.getMessage());
        }
    }

    private static ToolResult added(ScheduledJob job) {
        return new ToolResult.Ok("Added " + JobView.line(job));
    }

    private static ToolResult listed(List<ScheduledJob> list) {
        if (list.isEmpty()) {
            return new ToolResult.Ok("No jobs.");
        }
        return new ToolResult.Ok(String.join("\n", list.stream().map(JobView::line).toList()));
    }

    private static JobRequest request(JsonObject args) {
        return new JobRequest(args.string("name", ""), args.string("prompt", ""), args.string("at", ""),
                args.string("in", ""), args.string("every", ""), args.string("cron", ""),
                args.string("time_zone", ""));
    }

    private static long id(JsonObject args) {
        Optional<Long> id = args.integer("id");
        if (id.isEmpty() || id.get() < 1) {
            throw JobRefused.invalid("give the job's number as id (see action list)");
        }
        return id.get();
    }
}
