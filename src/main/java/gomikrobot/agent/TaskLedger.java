package gomikrobot.agent;

import gomikrobot.bus.InboundJournal;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.observe.Ids;
import gomikrobot.provider.ChatReply;
import gomikrobot.provider.ChatRequest;
import gomikrobot.provider.Usage;
import gomikrobot.tools.ToolContext;
import java.time.Duration;
import java.time.Instant;
import gomikrobot.timeline.CreateResult;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TaskStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The task lifecycle of the request, on top of {@link TaskStore}: intake (trace id and idempotency key
 * defaults, dedup, the task row and the inbound event written before the message is queued), then
 * processing, completed or failed. Answers on channels that reply in-line (CLI, local API) are marked
 * delivered when published; other channels' answers stay {@code pending} for the delivery worker.
 *
 * <p>Dedup: a key seen before with a {@code completed} task returns its stored answer; {@code pending} or
 * {@code processing} means it is already on its way and nothing runs again; {@code failed} runs again under the
 * same (tracked) task.
 */
final class TaskLedger implements InboundJournal, TurnObserver {
    private final TaskStore tasks;
    private final EventRecorder events;
    private final PipelineMetrics metrics;
    private final Set<String> inlineChannels;
    private final Ids ids;
    private final Clock clock;

    TaskLedger(TaskStore tasks, EventRecorder events, PipelineMetrics metrics, Set<String> inlineChannels, Ids ids,
               Clock clock) {
        this.tasks = tasks;
        this.events = events;
        this.metrics = metrics;
        this.inlineChannels = Set.copyOf(inlineChannels);
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Entry record(InboundMessage message) {
        InboundMessage m = message.traceId().isBlank() ? message.withTrace(ids.loopTraceId()) : message;
        if (m.idempotencyKey().isBlank()) {
            m = m.withIdempotencyKey("auto:" + m.channel() + ":" + m.traceId());
        }
        CreateResult result = tasks.create(new NewTask(m.idempotencyKey(), m.traceId(), m.channel(), m.chatId(),
                m.senderId(), m.messageType(), m.text()));
        return switch (result) {
            case CreateResult.Created created -> {
                events.inbound(m, true);
                metrics.messageIn(m.channel());
                yield new Accepted(m.withTaskId(created.task().taskId()));
            }
            case CreateResult.Duplicate duplicate -> duplicateOf(m, duplicate.existing());
        };
    }

    private Entry duplicateOf(InboundMessage m, Task existing) {
        return switch (existing.status()) {
            case Task.COMPLETED -> new Duplicate(existing.taskId(), Optional.of(new OutboundMessage(m.channel(),
                    m.chatId(), existing.contentOut(), m.traceId(), existing.taskId(), false)));
            case Task.FAILED -> {
                tasks.reopen(existing.taskId());
                events.inbound(m, true);
                yield new Accepted(m.withTaskId(existing.taskId()));
            }
            default -> new Duplicate(existing.taskId(), Optional.empty());
        };
    }

    int failInterrupted() {
        return tasks.failInterrupted();
    }

    /** Tasks a previous run accepted but never started, as messages to queue again. */
    List<InboundMessage> pendingMessages() {
        return tasks.pendingTasks().stream().map(t -> new InboundMessage(t.channel(), t.chatId(), t.senderId(), "",
                t.contentIn(), "", "", t.traceId(), t.idempotencyKey(), NewTask.INTERNAL.equals(t.messageType()),
                t.createdAt() == null ? clock.instant() : t.createdAt(), t.taskId())).toList();
    }

    void markProcessing(InboundMessage m) {
        tasks.markProcessing(m.taskId());
    }

    /** Adds each call's tokens to its task (calls that report none add nothing, as the original). */
    @Override
    public void llmCall(ToolContext ctx, int iteration, ChatRequest request, ChatReply reply, Instant started,
                        Duration took) {
        Usage usage = reply.usage();
        if (usage.totalTokens() > 0 && !ctx.taskId().isBlank()) {
            tasks.addUsage(ctx.taskId(), usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
        }
    }

    @Override
    public void llmFailed(ToolContext ctx, int iteration, ChatRequest request, String error, Instant started,
                          Duration took) {
        // a failed call used no tokens we know of
    }

    void complete(InboundMessage m, String answer) {
        tasks.complete(m.taskId(), answer);
    }

    void fail(InboundMessage m, String reason) {
        tasks.fail(m.taskId(), reason);
    }

    /** After publishing: in-line channels have delivered their answer, so record it and mark it sent. */
    void published(OutboundMessage answer) {
        metrics.messageOut(answer.channel(), answer.failed());
        if (inlineChannels.contains(answer.channel())) {
            events.outbound(answer, answer.failed() ? "error" : "sent");
            if (!answer.taskId().isBlank()) {
                tasks.markDelivery(answer.taskId(), Task.DELIVERY_SENT, null);
            }
        }
    }
}
