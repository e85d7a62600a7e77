package gomikrobot.group;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Ids;
import gomikrobot.timeline.GroupTask;
import gomikrobot.timeline.GroupTaskStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tasks this member delegates: each is stored ({@code outgoing}, {@code pending}) before its request is
 * published, and its answer recorded when the chosen member's response arrives (only from that member). A
 * caller may wait for the answer; waiting blocks only the caller's own (virtual) thread.
 */
final class Outgoing {
    private final String self;
    private final GroupTaskStore tasks;
    private final Ids ids;
    private final Clock clock;
    private final Map<String, CompletableFuture<GroupTask>> waiting = new ConcurrentHashMap<>();

    Outgoing(String self, GroupTaskStore tasks, Ids ids, Clock clock) {
        this.self = self;
        this.tasks = tasks;
        this.ids = ids;
        this.clock = clock;
    }

    /** Stores and publishes a task for {@code responder}; a failed publish marks it {@code failed} and throws. */
    GroupTask submit(Publisher publisher, String responder, String description, String content, String traceId,
                     Duration timeout) throws GroupTransport.PublishException {
        Instant now = clock.instant();
        String taskId = ids.hex16();
        String trace = traceId.isBlank() ? "group-" + taskId : traceId;
        GroupTask task = GroupTask.fresh(taskId, description, content, GroupTask.OUTGOING, self, responder, now,
                now.plus(timeout), trace);
        tasks.insert(task);
        waiting.put(taskId, new CompletableFuture<>());
        try {
            publisher.publish(Kind.REQUEST, taskId, taskId, Json.object("task_id", taskId, "description",
                    description, "content", content, "requester_id", self, "responder_id", responder,
                    "trace_id", trace, "deadline_at", task.deadlineAt().toString()));
        } catch (GroupTransport.PublishException e) {
            waiting.remove(taskId);
            tasks.respond(taskId, GroupTask.FAILED, e.getMessage(), clock.instant());
            throw e;
        }
        return task;
    }

    /** The task once answered, or empty when no answer came within {@code timeout} (the task goes on). */
    Optional<GroupTask> await(String taskId, Duration timeout) throws InterruptedException {
        CompletableFuture<GroupTask> answer = waiting.get(taskId);
        if (answer == null) { // answered already (stored before its waiter went), or failed, or not ours
            return tasks.get(taskId).filter(t -> !t.isOpen());
        }
        try {
            return Optional.of(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an answer is only ever completed normally", e);
        } finally {
            waiting.remove(taskId);
        }
    }

    /** A response: recorded if it answers an open task of ours and comes from the member asked. */
    Optional<DropReason> answered(Envelope response) {
        JsonObject p = response.payload();
        Optional<GroupTask> task = tasks.get(p.string("task_id", ""));
        if (task.isEmpty() || !task.get().direction().equals(GroupTask.OUTGOING)
                || !task.get().requesterId().equals(self)) {
            return Optional.empty(); // another member's task: not ours to record
        }
        if (!task.get().responderId().equals(response.senderId())) {
            return Optional.of(DropReason.NOT_PERMITTED);
        }
        String status = p.string("status", "").equals(GroupTask.COMPLETED) ? GroupTask.COMPLETED : GroupTask.FAILED;
        String taskId = task.get().taskId();
        if (tasks.respond(taskId, status, p.string("content", ""), clock.instant())) {
            // Forgotten here, not only by await: a task submitted without waiting would keep its waiter forever.
            // An await that comes later finds the answer stored.
            CompletableFuture<GroupTask> answer = waiting.remove(taskId);
            if (answer != null) {
                tasks.get(taskId).ifPresent(answer::complete);
            }
        }
        return Optional.empty();
    }

    /** How many tasks still have a waiter registered (for tests: answered tasks have none). */
    int waiters() {
        return waiting.size();
    }

    /** Whether a remote span for {@code taskId} may come from {@code sender}: the member our task went to. */
    Optional<GroupTask> askedOf(String taskId, String sender) {
        return tasks.get(taskId).filter(t -> t.direction().equals(GroupTask.OUTGOING)
                && t.requesterId().equals(self) && t.responderId().equals(sender));
    }
}
