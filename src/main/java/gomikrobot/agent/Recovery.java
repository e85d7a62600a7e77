package gomikrobot.agent;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.MessageBus;
import gomikrobot.bus.Reply;
import gomikrobot.observe.Log;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.PolicyLog;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Settles at start what the previous run left, so every accepted message gets an answer. A task a crash left
 * {@code processing} runs again when none of its tool calls of tier 1 or higher had been allowed (nothing it did
 * can happen twice); otherwise it ends {@code failed: interrupted}, and the delivery worker tells its user to
 * send it again. Tasks never started are queued again. Failures older than a day that were never delivered are
 * not sent any more ({@code skipped}). Run only by the gateway, the one long-lived owner of the task table: a
 * one-shot {@code agent -m} must not, as a gateway may be working on those tasks right now.
 */
public final class Recovery {
    /** Tier from which a tool may change something outside the conversation (writes, shell). */
    static final int SIDE_EFFECT_TIER = 1;
    private static final Duration NOTICE_WINDOW = Duration.ofDays(1);

    private final TaskStore tasks;
    private final PolicyLog policy;
    private final MessageBus bus;
    private final Clock clock;
    private final Log log;

    Recovery(TaskStore tasks, PolicyLog policy, MessageBus bus, Clock clock, Log log) {
        this.tasks = tasks;
        this.policy = policy;
        this.bus = bus;
        this.clock = clock;
        this.log = log;
    }

    /** Settles the leftovers; queued messages wait for the agent loop, which must be running (the queue is bounded). */
    public void run() throws InterruptedException {
        int interrupted = 0;
        for (Task task : tasks.processingTasks()) {
            if (policy.allowedAtOrAbove(task.taskId(), SIDE_EFFECT_TIER)) {
                tasks.fail(task.taskId(), Reply.Failure.of(Reply.Reason.INTERRUPTED).errorText());
                interrupted++;
            } else {
                tasks.reopen(task.taskId());
            }
        }
        int skipped = tasks.skipFailureNoticesBefore(clock.instant().minus(NOTICE_WINDOW));
        List<Task> pending = tasks.pendingTasks();
        for (Task task : pending) {
            bus.publishInbound(messageOf(task));
        }
        if (interrupted + skipped + pending.size() > 0) {
            log.warn("Settled what the previous run left", "interrupted", interrupted, "queued_again", pending.size(),
                    "stale_failure_notices_skipped", skipped);
        }
    }

    private InboundMessage messageOf(Task t) {
        return new InboundMessage(t.channel(), t.chatId(), t.senderId(), "", t.contentIn(), "", "", t.traceId(),
                t.idempotencyKey(), NewTask.INTERNAL.equals(t.messageType()),
                t.createdAt() == null ? clock.instant() : t.createdAt(), t.taskId());
    }
}
