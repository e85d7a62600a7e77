package gomikrobot.scheduler;

import gomikrobot.testing.MutableClock;
import gomikrobot.testing.TestPipeline;
import gomikrobot.timeline.ScheduledJob;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TimelineEvent;
import gomikrobot.timeline.EventQuery;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real agent (fake LLM on loopback, real SQLite) on a clock the test moves, with a scheduler whose rounds the
 * test runs itself ({@link #tick}). Closing and starting a rig again on the same folder is a gateway restart.
 */
final class SchedulerRig implements AutoCloseable {
    static final ScheduledJob.Owner WEB_OWNER = new ScheduledJob.Owner(Jobs.OWNER_SENDER, "webui", "1", true);

    final MutableClock clock;
    final TestPipeline pipeline;
    final Jobs jobs;
    final Scheduler scheduler;

    private SchedulerRig(MutableClock clock, TestPipeline pipeline, Scheduler scheduler) {
        this.clock = clock;
        this.pipeline = pipeline;
        this.jobs = pipeline.agent.jobs();
        this.scheduler = scheduler;
    }

    /** A rig whose clock reads {@code now}; {@code env} adds to the pipeline's configuration. */
    static SchedulerRig start(Path root, String now, Map<String, String> env) throws Exception {
        MutableClock clock = new MutableClock(now);
        Map<String, String> all = new HashMap<>(env);
        TestPipeline pipeline = TestPipeline.start(root, all, true, TestPipeline.quietLog(), clock);
        Scheduler scheduler = Scheduler.create(pipeline.agent.jobs(), pipeline.timeline, pipeline.inbox,
                pipeline.config.scheduler(), pipeline.workspace, Sleeper.system(), clock, pipeline.ids,
                TestPipeline.quietLog());
        return new SchedulerRig(clock, pipeline, scheduler);
    }

    static SchedulerRig start(Path root, String now) throws Exception {
        return start(root, now, Map.of());
    }

    /** Adds a job for the owner's web chat 1. */
    ScheduledJob add(String name, String prompt, String at, String in, String every, String cron, String zone) {
        return jobs.add(new JobRequest(name, prompt, at, in, every, cron, zone), WEB_OWNER);
    }

    /** One scheduler round at the clock's time; the time of the next due job. */
    Optional<Instant> tickAt(String isoInstant) throws InterruptedException {
        clock.set(isoInstant);
        return scheduler.tick();
    }

    ScheduledJob job(long id) {
        return jobs.get(id, Caller.OWNER);
    }

    /** The tasks of a job's runs (idempotency keys {@code job:<id>:…}), oldest first. */
    List<Task> runsOf(ScheduledJob job) {
        String prefix = (Schedule.HEARTBEAT.equals(job.kind()) ? "heartbeat:" : "job:") + job.id() + ":";
        return pipeline.timeline.tasks().list("", "", 1000, 0).reversed().stream()
                .filter(t -> t.idempotencyKey().startsWith(prefix)).toList();
    }

    /** The scheduler's timeline events about skipped runs. */
    List<TimelineEvent> skips() {
        return pipeline.timeline.events().list(new EventQuery(1000, 0, "SCHEDULER", "", null)).stream()
                .filter(e -> e.classification().startsWith("SCHEDULER_SKIPPED")).toList();
    }

    @Override
    public void close() throws Exception {
        scheduler.close();
        pipeline.close();
    }
}
