package gomikrobot.delivery;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.ChatLanes;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Delivers replies that are not handed back in-line (WhatsApp, web UI; failures too, as a sentence for the
 * person): at once when the agent publishes them ({@link #deliverSoon}), and by polling every 5 s for everything
 * still {@code pending} (retries, and whatever a restart interrupted: one poll settles them all). At most 5
 * attempts; a retry waits min(30 s · 2^attempts, 5 min). A task is claimed before it is delivered, so the publish
 * path and the poll never send the same reply twice. The state is written after the route answered, never
 * before. Each chat's replies go out one after the other in the chat's own lane, so a slow send or a chat's rate
 * limit never holds up another chat.
 */
public final class DeliveryWorker implements AutoCloseable {
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    public static final int MAX_ATTEMPTS = 5;
    private static final Duration BASE_DELAY = Duration.ofSeconds(30);
    private static final Duration MAX_DELAY = Duration.ofMinutes(5);
    private static final int MAX_PER_POLL = 1000;

    private final TaskStore tasks;
    private final BooleanSupplier silentMode;
    private final Map<String, Route> routes;
    private final Clock clock;
    private final Log log;
    private final Metrics.Counter delivered;
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private final ChatLanes lanes;
    private volatile Thread poller;
    private volatile boolean stopping;

    public DeliveryWorker(TaskStore tasks, BooleanSupplier silentMode, Map<String, Route> routes, Clock clock, Log log,
                          Metrics metrics) {
        this(tasks, silentMode, routes, clock, log, metrics, Thread::startVirtualThread);
    }

    /** As above, with the threads the chats' lanes run on ({@code Runnable::run} delivers in the caller). */
    public DeliveryWorker(TaskStore tasks, BooleanSupplier silentMode, Map<String, Route> routes, Clock clock, Log log,
                          Metrics metrics, Executor laneThreads) {
        this.lanes = new ChatLanes(laneThreads);
        this.tasks = tasks;
        this.silentMode = silentMode;
        this.routes = Map.copyOf(routes);
        this.clock = clock;
        this.log = log;
        this.delivered = metrics.counter("gomikrobot_deliveries_total", "Delivery attempts by outcome", "outcome");
    }

    /** min(30 s · 2^attempts, 5 min). */
    public static Duration backoff(int attempts) {
        if (attempts >= 4) {
            return MAX_DELAY;
        }
        Duration d = BASE_DELAY.multipliedBy(1L << Math.max(0, attempts));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    public void start() {
        poller = Thread.ofVirtual().name("delivery-worker").start(this::pollLoop);
        log.info("Delivery worker started", "interval", POLL_INTERVAL.toSeconds() + "s", "max_retry", MAX_ATTEMPTS);
    }

    /**
     * Delivers a reply the agent just published, in its chat's lane: the caller never waits for the send.
     */
    public void deliverSoon(OutboundMessage reply) {
        deliverNow(reply.taskId());
    }

    /**
     * Delivers one task's answer now, in its chat's lane (when it is still pending and no one else is delivering
     * it): after the answers of that chat already on their way, without waiting for any other chat.
     */
    public void deliverNow(String taskId) {
        if (taskId == null || taskId.isBlank() || !claimed.add(taskId)) {
            return;
        }
        Optional<Task> due = Optional.empty();
        try {
            due = tasks.get(taskId).filter(DeliveryWorker::isDue);
        } finally {
            if (due.isEmpty()) {
                claimed.remove(taskId);
            }
        }
        due.ifPresent(task -> lanes.submit(task.channel() + ":" + task.chatId(), () -> deliverClaimed(taskId)));
    }

    /** One poll: every due pending delivery (up to {@value #MAX_PER_POLL}), oldest first. */
    public void pollOnce() {
        for (Task task : tasks.dueDeliveries(MAX_PER_POLL)) {
            deliverNow(task.taskId());
        }
    }

    @Override
    public void close() {
        stopping = true;
        Thread t = poller;
        try {
            if (t != null) {
                t.interrupt();
                t.join(Duration.ofSeconds(5));
            }
            lanes.awaitIdle(Duration.ofSeconds(5)); // a send under way ends (or fails and stays pending) first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Delivery worker stopped");
    }

    private void pollLoop() {
        while (!stopping) {
            try {
                Thread.sleep(POLL_INTERVAL);
                pollOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.unexpected("Delivery poll failed", e); // next tick tries again
            }
        }
    }

    /** Runs in the task's lane; the task is read again, since the lane may have waited. */
    private void deliverClaimed(String taskId) {
        try {
            tasks.get(taskId).filter(DeliveryWorker::isDue).ifPresent(this::deliver);
        } catch (RuntimeException e) {
            log.unexpected("Delivery failed", e, "task_id", taskId); // the poll tries again
        } finally {
            claimed.remove(taskId);
        }
    }

    /** A finished task whose answer (or error, for the published failure) has not been delivered yet. */
    private static boolean isDue(Task t) {
        return (Task.COMPLETED.equals(t.status()) || Task.FAILED.equals(t.status()))
                && Task.DELIVERY_PENDING.equals(t.deliveryStatus());
    }

    private void deliver(Task task) {
        if (task.deliveryAttempts() >= MAX_ATTEMPTS) {
            tasks.markDelivery(task.taskId(), Task.DELIVERY_FAILED, null);
            count("failed");
            log.warn("Delivery given up", "task_id", task.taskId(), "attempts", task.deliveryAttempts());
            return;
        }
        Route route = routes.get(task.channel());
        Outcome outcome = route == null ? new Outcome.Failed("no delivery route for channel " + task.channel())
                : attempt(route, task);
        switch (outcome) {
            case Outcome.Sent s -> tasks.markDelivery(task.taskId(), Task.DELIVERY_SENT, null);
            case Outcome.Skipped s -> tasks.markDelivery(task.taskId(), Task.DELIVERY_SKIPPED, null);
            case Outcome.Retry r -> {
                tasks.markDelivery(task.taskId(), Task.DELIVERY_PENDING,
                        clock.instant().plus(backoff(task.deliveryAttempts())));
                log.warn("Delivery failed; will retry", "task_id", task.taskId(), "error", r.reason(),
                        "retry_in", backoff(task.deliveryAttempts()).toSeconds() + "s");
            }
            case Outcome.Held h -> {
                tasks.holdDelivery(task.taskId(), h.until());
                log.info("Delivery held", "task_id", task.taskId(), "until", h.until(), "reason", h.reason());
            }
            case Outcome.Failed f -> {
                tasks.markDelivery(task.taskId(), Task.DELIVERY_FAILED, null);
                log.warn("Delivery failed", "task_id", task.taskId(), "error", f.reason());
            }
        }
        count(outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }

    private Outcome attempt(Route route, Task task) {
        try {
            return route.deliver(task, silentMode.getAsBoolean());
        } catch (RuntimeException e) {
            // routes answer with an Outcome; one that throws is a bug, and the next poll tries again
            log.unexpected("Delivery route threw", e, "task_id", task.taskId(), "channel", task.channel());
            return new Outcome.Retry(Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
        }
    }

    private void count(String outcome) {
        delivered.inc(outcome);
    }
}
