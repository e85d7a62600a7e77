package gomikrobot.cli;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.observe.Log;
import gomikrobot.scheduler.JobView;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gomikrobot cron list|add|remove|pause|resume|run}: scheduled jobs from the shell. It talks to the running
 * gateway's API when one answers at the configured address (so its scheduler plans a change at once, and only it
 * can run a job now); otherwise it reads and writes the database, which the gateway reads when it starts.
 */
final class CronCommand implements Command {
    private static final Map<String, String> VALUED = Map.of("--prompt", "--prompt", "--at", "--at", "--in", "--in",
            "--every", "--every", "--cron", "--cron", "--tz", "--tz", "--name", "--name", "--to", "--to");
    /** Option to field of {@code POST /api/v1/jobs}. */
    private static final Map<String, String> FIELDS = Map.of("--prompt", "prompt", "--at", "at", "--in", "in",
            "--every", "every", "--cron", "cron", "--tz", "time_zone", "--name", "name");
    private static final Set<String> BY_ID = Set.of("remove", "pause", "resume", "run");
    private static final Map<String, String> DONE = Map.of("remove", "Removed", "pause", "Paused", "resume", "Resumed",
            "run", "Running now:");

    @Override
    public String name() {
        return "cron";
    }

    @Override
    public String summary() {
        return "List, add, remove, pause, resume or run scheduled jobs";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot cron list | add --prompt TEXT WHEN --to CHANNEL:CHAT [--tz ZONE] [--name NAME] | remove ID | pause ID | resume ID | run ID
                Jobs the agent runs on its own time; each run is a message to the agent, answered in the chat of --to.
                  WHEN is one of:
                  --at TIME          once: 2026-03-01T09:00 (in --tz), 2026-03-01T09:00+01:00, or 09:00 (the next one)
                  --in DURATION      once, this long from now: 20m, 2h, 1h30m
                  --every DURATION   again and again (at least 1m)
                  --cron "EXPR"      minute hour day-of-month month day-of-week, e.g. "0 9 * * 1-5"
                  --tz ZONE          zone of --at and --cron, e.g. Europe/Berlin (default: the system's)
                  --to CHANNEL:CHAT  where answers go: whatsapp:4915112345678@s.whatsapp.net, webui:1
                  run ID             runs a job now, outside its schedule (needs the running gateway)
                With a gateway running at the configured address, changes go through it and apply at once;
                otherwise they are stored in the database for the gateway's next start.""";
    }

    @Override
    public ExitCode run(List<String> raw, CliContext ctx) throws Exception {
        Args args = Args.parse(raw, VALUED, Set.of()).atMostPositional(2);
        List<String> words = args.positional();
        String action = words.isEmpty() ? "" : words.getFirst();
        Map<String, String> fields = fields(args, action);
        long id = BY_ID.contains(action) ? id(words) : 0;
        if (!action.equals("add") && !action.equals("list") && id == 0) {
            throw new UsageException(action.isEmpty() ? "say what to do: list, add, remove, pause, resume or run"
                    : "unknown action \"" + action + "\"");
        }
        if ((action.equals("list") || action.equals("add")) && words.size() > 1) {
            throw new UsageException("unexpected argument " + words.get(1));
        }
        Config config = new ConfigLoader(ctx.env(), ctx.userHome()).load();
        Log log = Wiring.log(config, ctx, Log.Level.ERROR);
        try (JobsAccess jobs = GatewayJobs.find(config.gateway()).<JobsAccess>map(g -> g)
                .orElseGet(() -> new DatabaseJobs(config, ctx.clock(), log))) {
            PrintStream out = ctx.out();
            switch (action) {
                case "list" -> print(out, jobs.list());
                case "add" -> out.println("Added " + JobView.line(jobs.add(fields)));
                case "run" -> {
                    Map<String, Object> job = jobs.act(action, id);
                    out.println(DONE.get(action) + " " + JobView.line(job));
                    out.println("Its trace: http://" + GatewayJobs.address(config.gateway()) + "/timeline#trace/"
                            + job.get("last_trace_id"));
                }
                default -> out.println(DONE.get(action) + " " + JobView.line(jobs.act(action, id)));
            }
            if (!action.equals("list") && !jobs.note().isEmpty()) {
                out.println(jobs.note());
            }
        }
        return ExitCode.OK;
    }

    private static void print(PrintStream out, List<Map<String, Object>> jobs) {
        if (jobs.isEmpty()) {
            out.println("No jobs.");
        }
        jobs.forEach(job -> out.println(JobView.line(job)));
    }

    /** The fields of a new job; options are for {@code add} alone, which needs --prompt and --to. */
    private static Map<String, String> fields(Args args, String action) {
        Map<String, String> fields = new LinkedHashMap<>();
        FIELDS.forEach((option, field) -> args.option(option).ifPresent(v -> fields.put(field, v)));
        String to = args.option("--to").orElse("");
        if (!action.equals("add")) {
            if (!fields.isEmpty() || !to.isEmpty()) {
                throw new UsageException("options are for add only");
            }
            return fields;
        }
        int colon = to.indexOf(':');
        if (colon < 1 || colon == to.length() - 1) {
            throw new UsageException("add needs --to CHANNEL:CHAT, where the job's answers go (e.g."
                    + " whatsapp:4915112345678@s.whatsapp.net or webui:1)");
        }
        fields.put("channel", to.substring(0, colon));
        fields.put("chat_id", to.substring(colon + 1));
        return fields;
    }

    private static long id(List<String> words) {
        String text = words.size() < 2 ? "" : words.get(1);
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)
                || Long.parseLong(text) == 0) {
            throw new UsageException(words.getFirst() + " needs the job's number (see `gomikrobot cron list`)"
                    + (text.isEmpty() ? "" : ", got " + text));
        }
        return Long.parseLong(text);
    }
}
