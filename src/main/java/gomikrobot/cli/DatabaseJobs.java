package gomikrobot.cli;

import gomikrobot.config.Config;
import gomikrobot.observe.Log;
import gomikrobot.scheduler.Caller;
import gomikrobot.scheduler.JobRefused;
import gomikrobot.scheduler.JobRequest;
import gomikrobot.scheduler.JobView;
import gomikrobot.scheduler.Jobs;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.JobStore;
import gomikrobot.timeline.ScheduledJob;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Jobs in the database, for when no gateway answers: what is added or changed here is what the gateway plans when
 * it starts (a gateway on other ports than the configuration's finds it within half a minute). A job cannot be
 * run from here: that is the gateway's work.
 */
final class DatabaseJobs implements JobsAccess {
    private final Database db;
    private final Jobs jobs;
    private final String gateway;

    DatabaseJobs(Config config, Clock clock, Log log) {
        this.db = Database.open(config.databaseFile(), log);
        this.jobs = new Jobs(new JobStore(db, clock), Jobs.answeringChannels(config), ZoneId.systemDefault(), clock);
        this.gateway = GatewayJobs.address(config.gateway());
    }

    @Override
    public List<Map<String, Object>> list() {
        return jobs.list(Caller.OWNER).stream().map(JobView::json).toList();
    }

    @Override
    public Map<String, Object> add(Map<String, String> f) {
        JobRequest request = new JobRequest(f.get("name"), f.get("prompt"), f.get("at"), f.get("in"), f.get("every"),
                f.get("cron"), f.get("time_zone"));
        ScheduledJob.Owner owner = new ScheduledJob.Owner(Jobs.OWNER_SENDER, f.get("channel"), f.get("chat_id"), true);
        return refusing(() -> jobs.add(request, owner));
    }

    @Override
    public Map<String, Object> act(String action, long id) {
        return refusing(() -> switch (action) {
            case "remove" -> jobs.remove(id, Caller.OWNER);
            case "pause" -> jobs.pause(id, Caller.OWNER);
            case "resume" -> jobs.resume(id, Caller.OWNER);
            default -> throw new IllegalStateException("no gateway is running at " + gateway + ", and only a running"
                    + " gateway can run a job: start it with `gomikrobot gateway`");
        });
    }

    @Override
    public String note() {
        return "No gateway is running at " + gateway + ": the change is stored and takes effect when"
                + " `gomikrobot gateway` starts.";
    }

    @Override
    public void close() {
        db.close();
    }

    private static Map<String, Object> refusing(Supplier<ScheduledJob> call) {
        try {
            return JobView.json(call.get());
        } catch (JobRefused e) {
            throw switch (e.reason()) {
                case INVALID -> new UsageException(e.getMessage());
                case NOT_FOUND, CONFLICT -> new IllegalStateException(e.getMessage());
            };
        }
    }
}
