package gomikrobot.scheduler;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Inbox;
import gomikrobot.bus.Receipt;
import gomikrobot.json.Json;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.timeline.EventStore;
import gomikrobot.timeline.JobStore;
import gomikrobot.timeline.JobStore.Run;
import gomikrobot.timeline.ScheduledJob;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TaskStore;
import gomikrobot.timeline.TimelineEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns a job's due slot into a run, or records why it does not run. A run is an ordinary message handed to the
 * {@link Inbox} (task row, trace, policy at the owner's tier, tools, memory, token limit; the answer goes out
 * through the owner's channel's delivery) whose idempotency key names the job and its slot
 * ({@code job:<id>:<slot>}); once the intake has stored it, the job's row moves on to its next slot. So a crash
 * between the two is settled by finding the task under that key — the slot is never run twice — and one before
 * the task was stored leaves the slot due, so no run is lost.
 *
 * <p>A slot more than {@code catchUp} late (the gateway was down) is skipped and recorded, the job moved on to
 * its first slot within the last {@code catchUp}, which then runs once; a slot that comes while the job's last run
 * is still queued or running is skipped ({@code skipped_concurrency}): runs of one job never overlap. One lock
 * orders every dispatch, scheduled or asked for ({@link #runNow}).
 */
final class JobRunner {
    static final String DISPATCHED = "dispatched";
    static final String SKIPPED_CONCURRENCY = "skipped_concurrency";
    static final String MISSED = "missed";
    static final String HEARTBEAT_KEY = "heartbeat:";

    private final JobStore store;
    private final TaskStore tasks;
    private final EventStore events;
    private final Inbox inbox;
    private final Heartbeat heartbeat;
    private final Duration catchUp;
    private final Clock clock;
    private final Ids ids;
    private final Log log;
    private final ReentrantLock dispatching = new ReentrantLock();

    JobRunner(JobStore store, TaskStore tasks, EventStore events, Inbox inbox, Heartbeat heartbeat, Duration catchUp,
              Clock clock, Ids ids, Log log) {
        this.store = store;
        this.tasks = tasks;
        this.events = events;
        this.inbox = inbox;
        this.heartbeat = heartbeat;
        this.catchUp = catchUp;
        this.clock = clock;
        this.ids = ids;
        this.log = log;
    }

    /**
     * Settles job {@code id} if its slot has come: a run, or the reason for none, and the job moved on.
     *
     * @return false when the intake refused the run (the gateway is stopping): the slot stays due
     */
    boolean fire(long id) throws InterruptedException {
        dispatching.lock();
        try {
            Optional<ScheduledJob> job = store.get(id);
            Instant now = clock.instant();
            if (job.isEmpty() || !job.get().enabled() || job.get().nextRunAt() == null
                    || job.get().nextRunAt().isAfter(now)) {
                return true; // changed since it was found due
            }
            return settle(job.get(), now);
        } finally {
            dispatching.unlock();
        }
    }

    /**
     * Runs a job now, outside its schedule, which stays as it is.
     *
     * @throws JobRefused CONFLICT while its last run is still going, or when the gateway is stopping
     */
    ScheduledJob runNow(ScheduledJob job) throws InterruptedException {
        dispatching.lock();
        try {
            ScheduledJob fresh = store.get(job.id()).orElseThrow(() -> JobRefused.notFound(job.id()));
            if (fresh.last().running()) {
                throw JobRefused.conflict("job #" + job.id() + " is still running (task " + fresh.last().taskId()
                        + "); runs of one job never overlap");
            }
            Instant now = clock.instant();
            String text = Schedule.HEARTBEAT.equals(fresh.kind()) ? switch (heartbeat.check()) {
                case Heartbeat.Check.Run run -> run.text();
                case Heartbeat.Check.Skip skip -> throw JobRefused.conflict("the heartbeat has nothing to run: "
                        + skip.status());
            } : runText(fresh);
            Optional<Task> task = submit(fresh, keyOf(fresh, "now:" + now), text, now);
            if (task.isEmpty()) {
                throw JobRefused.conflict("the gateway is shutting down; run the job after it restarts");
            }
            store.recordRun(fresh.id(), dispatched(now, task.get()));
            return store.get(job.id()).orElse(fresh);
        } finally {
            dispatching.unlock();
        }
    }

    private boolean settle(ScheduledJob job, Instant now) throws InterruptedException {
        Instant slot = job.nextRunAt();
        Schedule schedule;
        try {
            schedule = Jobs.scheduleOf(job);
        } catch (IllegalArgumentException e) {
            log.warn("Job paused: its schedule cannot be read", "job_id", job.id(), "error", e.getMessage());
            store.setEnabled(job.id(), false, slot);
            store.recordRun(job.id(), new Run(now, "paused: " + e.getMessage(), "", ""));
            return true;
        }
        Optional<Task> dispatched = tasks.byIdempotencyKey(keyOf(job, slot.toString()));
        if (dispatched.isPresent()) { // dispatched before a crash that left the slot as it was
            store.advance(job.id(), slot, schedule.next(slot, now).orElse(null), dispatched(now, dispatched.get()));
            return true;
        }
        if (Duration.between(slot, now).compareTo(catchUp) > 0) {
            skip(job, slot, schedule.next(slot, now.minus(catchUp)), MISSED, "the gateway was not running then, and"
                    + " that is more than scheduler.catchUp (" + Schedules.duration(catchUp) + ") ago");
            return true;
        }
        Optional<Instant> next = schedule.next(slot, now);
        if (job.last().running()) {
            skip(job, slot, next, SKIPPED_CONCURRENCY, "its last run (task " + job.last().taskId()
                    + ") was still going");
            return true;
        }
        String text;
        if (Schedule.HEARTBEAT.equals(job.kind())) {
            switch (heartbeat.check()) {
                case Heartbeat.Check.Skip skip -> {
                    store.advance(job.id(), slot, next.orElse(null), new Run(now, skip.status(), "", ""));
                    return true;
                }
                case Heartbeat.Check.Run run -> text = run.text();
            }
        } else {
            text = runText(job);
        }
        Optional<Task> task = submit(job, keyOf(job, slot.toString()), text, now);
        task.ifPresent(t -> store.advance(job.id(), slot, next.orElse(null), dispatched(now, t)));
        return task.isPresent();
    }

    /** Hands the run to the intake; the stored task, or empty when the intake refused it. */
    private Optional<Task> submit(ScheduledJob job, String key, String text, Instant now) throws InterruptedException {
        ScheduledJob.Owner o = job.owner();
        InboundMessage message = new InboundMessage(o.channel(), o.chatId(), o.senderId(), "Scheduler", text, "", "",
                "", key, o.internal(), now, "");
        String taskId = switch (inbox.submit(message)) {
            case Receipt.Accepted accepted -> accepted.taskId();
            case Receipt.Duplicate duplicate -> duplicate.taskId();
            case Receipt.Refused refused -> {
                log.info("Job run refused; it stays due", "job_id", job.id(), "reason", refused.why().describe());
                yield null;
            }
            case Receipt.Handled handled -> { // the agent's own intake takes no owner replies; nothing to run
                log.warn("Job run was taken for an approval answer; it stays due", "job_id", job.id());
                yield null;
            }
        };
        return taskId == null ? Optional.empty() : tasks.get(taskId);
    }

    private void skip(ScheduledJob job, Instant slot, Optional<Instant> next, String status, String why) {
        Instant now = clock.instant();
        store.advance(job.id(), slot, next.orElse(null), new Run(now, status, "", ""));
        String text = "Job #" + job.id() + " \"" + job.name() + "\" did not run at "
                + Schedules.local(slot, Jobs.zoneOf(job)) + ": " + why + ".";
        log.info("Job run skipped", "job_id", job.id(), "slot", slot, "status", status);
        try {
            events.append(TimelineEvent.create("SCHED_SKIP_" + ids.unixNano(), "", "SCHEDULER", "Scheduler",
                    "SYSTEM", text, "SCHEDULER_SKIPPED status=" + status, true).withMetadata(Json.write(Json.object(
                    "job_id", job.id(), "slot", slot.toString(), "status", status))));
        } catch (RuntimeException e) {
            log.unexpected("Timeline write failed", e, "job_id", job.id()); // the skip itself is recorded
        }
    }

    private static String runText(ScheduledJob job) {
        String when = Jobs.scheduleOf(job).describe();
        return "[Scheduled job #" + job.id() + " \"" + job.name() + "\", " + when + "] " + job.prompt();
    }

    private static Run dispatched(Instant now, Task task) {
        return new Run(now, DISPATCHED, task.taskId(), task.traceId());
    }

    /** The run's idempotency key; heartbeat runs are told apart so their answers can be held in quiet hours. */
    private static String keyOf(ScheduledJob job, String slot) {
        return (Schedule.HEARTBEAT.equals(job.kind()) ? HEARTBEAT_KEY : "job:") + job.id() + ":" + slot;
    }
}
