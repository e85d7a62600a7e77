package gomikrobot.scheduler;

import gomikrobot.bus.Inbox;
import gomikrobot.config.SchedulerConfig;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.timeline.ScheduledJob;
import gomikrobot.timeline.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The clock loop: one virtual thread that sleeps until the next job is due, runs what is due ({@link JobRunner})
 * and sleeps again. It is woken early whenever a job changes through {@link Jobs}, and looks at the table at least
 * every {@link #MAX_NAP} anyway, so jobs another process wrote (a {@code cron} command while no gateway answered)
 * are found too. Started by the gateway after the agent and the recovery of a crash's leftovers.
 */
public final class Scheduler implements AutoCloseable {
    static final Duration MAX_NAP = Duration.ofSeconds(30);
    /** After an unexpected failure, so a broken job cannot spin the loop. */
    static final Duration AFTER_FAILURE = Duration.ofSeconds(5);

    private final Jobs jobs;
    private final JobRunner runner;
    private final SchedulerConfig config;
    private final Path workspace;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Log log;
    private volatile Thread thread;
    private volatile boolean stopping;

    Scheduler(Jobs jobs, JobRunner runner, SchedulerConfig config, Path workspace, Sleeper sleeper, Clock clock,
              Log log) {
        this.jobs = jobs;
        this.runner = runner;
        this.config = config;
        this.workspace = workspace;
        this.sleeper = sleeper;
        this.clock = clock;
        this.log = log;
    }

    /**
     * The scheduler of a gateway: runs go to {@code inbox}; the heartbeat reads {@code HEARTBEAT.md} in
     * {@code workspace}.
     */
    public static Scheduler create(Jobs jobs, Timeline timeline, Inbox inbox, SchedulerConfig config, Path workspace,
                                   Sleeper sleeper, Clock clock, Ids ids, Log log) {
        JobRunner runner = new JobRunner(jobs.store(), timeline.tasks(), timeline.events(), inbox, new Heartbeat(workspace),
                config.catchUp(), clock, ids, log);
        return new Scheduler(jobs, runner, config, workspace, sleeper, clock, log);
    }

    /** Brings the heartbeat job in line with the configuration, then starts the loop. */
    public void start() {
        ScheduledJob.Owner to = heartbeatOwner();
        jobs.configureHeartbeat(to == null ? Duration.ZERO : config.heartbeatInterval(), to);
        if (to == null && !config.heartbeatInterval().isZero() && Files.exists(workspace.resolve(Heartbeat.FILE))) {
            log.warn("HEARTBEAT.md is not read: set scheduler.heartbeatTo to say where its answers go");
        }
        jobs.listen(sleeper::wake);
        thread = Thread.ofVirtual().name("scheduler").start(this::loop);
        log.info("Scheduler started", "jobs", jobs.planned().size());
    }

    /**
     * Runs a job now, outside its schedule.
     *
     * @throws JobRefused NOT_FOUND, or CONFLICT while its last run is still going
     */
    public ScheduledJob runNow(long id, Caller caller) throws InterruptedException {
        return runner.runNow(jobs.get(id, caller));
    }

    /** Runs every job that is due now; returns when the next one is due (empty: none is planned). */
    Optional<Instant> tick() throws InterruptedException {
        Instant now = clock.instant();
        List<ScheduledJob> planned = jobs.planned();
        for (ScheduledJob job : planned) {
            if (!job.nextRunAt().isAfter(now) && !runner.fire(job.id())) {
                return Optional.of(now.plus(AFTER_FAILURE)); // the intake refused: the gateway is stopping
            }
        }
        return jobs.planned().stream().map(ScheduledJob::nextRunAt).min(Comparator.naturalOrder());
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        sleeper.wake();
        Thread t = thread;
        if (t != null) {
            t.join(Duration.ofSeconds(5));
            if (t.isAlive()) {
                t.interrupt(); // a run blocked on a full queue: its slot stays due and runs after the restart
                t.join(Duration.ofSeconds(5));
            }
        }
        log.info("Scheduler stopped");
    }

    private void loop() {
        while (!stopping) {
            try {
                Optional<Instant> next = tick();
                if (!stopping) {
                    sleeper.sleep(napUntil(next));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.unexpected("Scheduler round failed; trying again shortly", e);
                try {
                    sleeper.sleep(AFTER_FAILURE);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Who the heartbeat answers ({@code scheduler.heartbeatTo}); null for nobody, and then it does not run. */
    private ScheduledJob.Owner heartbeatOwner() {
        String to = config.heartbeatTo();
        if (to.isEmpty()) {
            return null;
        }
        int colon = to.indexOf(':');
        ScheduledJob.Owner owner = new ScheduledJob.Owner(Jobs.OWNER_SENDER, to.substring(0, colon),
                to.substring(colon + 1), true);
        try {
            jobs.checkOwner(owner);
            return owner;
        } catch (JobRefused e) {
            log.warn("The heartbeat answers nobody: scheduler.heartbeatTo is unusable", "error", e.getMessage());
            return null;
        }
    }

    private Duration napUntil(Optional<Instant> next) {
        if (next.isEmpty()) {
            return MAX_NAP;
        }
        Duration until = Duration.between(clock.instant(), next.get());
        return until.isNegative() ? Duration.ZERO : until.compareTo(MAX_NAP) > 0 ? MAX_NAP : until;
    }
}
