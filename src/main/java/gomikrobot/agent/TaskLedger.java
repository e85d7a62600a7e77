package gomikrobot.agent;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.bus.Receipt;
import gomikrobot.bus.Reply;
import gomikrobot.observe.Ids;
import gomikrobot.provider.ChatReply;
import gomikrobot.provider.ChatRequest;
import gomikrobot.provider.Usage;
import gomikrobot.timeline.CreateResult;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.TaskStore;
import gomikrobot.timeline.Timeline;
import gomikrobot.tools.ToolContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A message's task, on top of {@link TaskStore}: recorded (with its inbound event, in one transaction: both are
 * there, or neither), then processing, then completed or failed with its reply stored, then, for a caller waiting
 * in-line, handed back. Every LLM call's tokens are added to the task.
 *
 * <p>Dedup by idempotency key: a key seen before with a {@code completed} task returns its stored answer;
 * {@code pending} or {@code processing} means it is already on its way and nothing runs again; {@code failed}
 * runs again under the same (tracked) task.
 */
final class TaskLedger implements TurnObserver {
    private final Database db;
    private final TaskStore tasks;
    private final EventRecorder events;
    private final AgentMetrics metrics;
    private final Ids ids;

    TaskLedger(Timeline timeline, EventRecorder events, AgentMetrics metrics, Ids ids) {
        this.db = timeline.db();
        this.tasks = timeline.tasks();
        this.events = events;
        this.metrics = metrics;
        this.ids = ids;
    }

    /** The message with a trace id and an idempotency key, made up where it came without. */
    InboundMessage stamp(InboundMessage message) {
        InboundMessage m = message.traceId().isBlank() ? message.withTrace(ids.loopTraceId()) : message;
        return m.idempotencyKey().isBlank() ? m.withIdempotencyKey("auto:" + m.channel() + ":" + m.traceId()) : m;
    }

    /** Stores a stamped message: its task row and its inbound event in one transaction, or its duplicate's receipt. */
    Receipt record(InboundMessage m) {
        return db.write(c -> {
            CreateResult result = tasks.create(new NewTask(m.idempotencyKey(), m.traceId(), m.channel(), m.chatId(),
                    m.senderId(), m.messageType(), m.text()));
            return switch (result) {
                case CreateResult.Created created -> accept(m, created.task().taskId());
                case CreateResult.Duplicate duplicate -> duplicateOf(m, duplicate.existing());
            };
        });
    }

    void markProcessing(InboundMessage m) {
        tasks.markProcessing(m.taskId());
    }

    /** Ends the task: {@code completed} with the answer, or {@code failed} with the failure's error text. */
    void finish(InboundMessage m, Reply reply) {
        switch (reply) {
            case Reply.Answer answer -> tasks.complete(m.taskId(), answer.text());
            case Reply.Failure failure -> tasks.fail(m.taskId(), failure.errorText());
        }
        metrics.messageOut(m.channel(), reply instanceof Reply.Failure);
    }

    /** A reply its waiting caller received: the outbound event and the delivery mark, in one transaction. */
    void handedBack(OutboundMessage answer) {
        db.write(c -> {
            events.outbound(answer, answer.reply() instanceof Reply.Failure ? "error" : "sent");
            tasks.markDelivery(answer.taskId(), Task.DELIVERY_SENT, null);
            return null;
        });
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

    private Receipt accept(InboundMessage m, String taskId) {
        events.inbound(m);
        metrics.messageIn(m.channel());
        return new Receipt.Accepted(taskId, m.traceId());
    }

    private Receipt duplicateOf(InboundMessage m, Task existing) {
        return switch (existing.status()) {
            case Task.COMPLETED -> new Receipt.Duplicate(existing.taskId(),
                    Optional.of(new Reply.Answer(existing.contentOut())));
            case Task.FAILED -> {
                tasks.reopen(existing.taskId());
                yield accept(m, existing.taskId());
            }
            default -> new Receipt.Duplicate(existing.taskId(), Optional.empty());
        };
    }
}
