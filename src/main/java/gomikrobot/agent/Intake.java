package gomikrobot.agent;

import gomikrobot.bus.AnswerStream;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Inbox;
import gomikrobot.bus.MessageBus;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.bus.Receipt;
import gomikrobot.bus.Reply;
import gomikrobot.bus.Reply.Failure;
import gomikrobot.bus.Reply.Reason;
import gomikrobot.observe.Log;
import gomikrobot.session.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where every message enters: the agent's {@link Inbox}. A message is stamped, stored as a task with its inbound
 * event (so it is never lost once accepted, and a redelivery is recognised) and queued for its session. A caller
 * that waits in-line ({@link #ask}) gets its reply handed back here by the {@link ReplyDispatcher}; every other
 * reply goes to its channel's delivery. What a caller brought besides the message (a stream following the
 * answer, a history of its own) is kept here, in memory, until the reply passes: {@link #callerOf}.
 */
public final class Intake implements Inbox, AutoCloseable {
    private final TaskLedger ledger;
    private final MessageBus bus;
    private final Log log;
    private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();
    /** Streams of submitted messages (nobody waits in-line for them), by task id, until their reply passes. */
    private final Map<String, AnswerStream> followers = new ConcurrentHashMap<>();

    Intake(TaskLedger ledger, MessageBus bus, Log log) {
        this.ledger = ledger;
        this.bus = bus;
        this.log = log;
    }

    @Override
    public Receipt submit(InboundMessage message, AnswerStream stream) throws InterruptedException {
        return accept(message, null, stream);
    }

    @Override
    public Reply ask(InboundMessage message, Duration timeout, AnswerStream stream) throws InterruptedException {
        return ask(message, new Waiter(stream, Optional.empty()), timeout);
    }

    @Override
    public Reply ask(InboundMessage message, List<Turn> history, Duration timeout, AnswerStream stream)
            throws InterruptedException {
        return ask(message, new Waiter(stream, Optional.of(List.copyOf(history))), timeout);
    }

    private Reply ask(InboundMessage message, Waiter waiter, Duration timeout) throws InterruptedException {
        return switch (accept(message, waiter, AnswerStream.NONE)) {
            case Receipt.Accepted accepted -> awaitReply(accepted, waiter, timeout);
            case Receipt.Duplicate duplicate -> duplicate.answer().orElse(Failure.of(Reason.ALREADY_RUNNING));
            case Receipt.Refused refused -> refused.why();
            case Receipt.Handled handled -> new Reply.Answer(handled.reply());
        };
    }

    /** Tells callers still waiting that no reply will come; call it once the agent loop has stopped. */
    @Override
    public void close() {
        waiters.values().forEach(w -> w.reply.complete(null));
        followers.clear();
    }

    /** Hands a reply to the caller waiting for it; false when none waits (it goes to the channel's delivery). */
    boolean handBack(OutboundMessage reply) {
        followers.remove(reply.taskId());
        Waiter waiter = waiters.remove(reply.taskId());
        if (waiter == null) {
            return false;
        }
        waiter.reply.complete(reply);
        return true;
    }

    /**
     * What the caller of this task brought: the stream following its answer ({@link AnswerStream#NONE} when
     * nobody follows) and the history to answer it with (empty: the session's own).
     */
    Caller callerOf(String taskId) {
        Waiter waiter = waiters.get(taskId);
        if (waiter != null) {
            return new Caller(waiter.stream, waiter.history);
        }
        return new Caller(followers.getOrDefault(taskId, AnswerStream.NONE), Optional.empty());
    }

    /**
     * The intake's half of the request lifecycle, one call per step: (1) a trace id and an idempotency key, (2)
     * the task row and the inbound event, written together (a key seen before is a duplicate, not a new task),
     * (3) the caller's waiter, if any, (4) the message queued for its session's worker.
     */
    private Receipt accept(InboundMessage message, Waiter waiter, AnswerStream follower) throws InterruptedException {
        if (bus.isClosed()) {
            return new Receipt.Refused(Failure.of(Reason.SHUTTING_DOWN));
        }
        InboundMessage stamped = ledger.stamp(message);
        Receipt receipt = ledger.record(stamped);
        if (receipt instanceof Receipt.Accepted accepted) {
            register(accepted.taskId(), waiter, follower);
            queue(stamped.withTaskId(accepted.taskId()));
        }
        return receipt;
    }

    private void register(String taskId, Waiter waiter, AnswerStream follower) {
        if (waiter != null) {
            waiters.put(taskId, waiter);
        }
        if (follower != AnswerStream.NONE) {
            followers.put(taskId, follower);
        }
    }

    /** Queues a stored message; if the bus has just closed, it stays {@code pending} and runs after a restart. */
    private void queue(InboundMessage stored) throws InterruptedException {
        try {
            bus.publishInbound(stored);
        } catch (IllegalStateException closed) {
            followers.remove(stored.taskId());
            Waiter waiter = waiters.remove(stored.taskId());
            if (waiter != null) {
                waiter.reply.complete(null);
            }
            log.info("Message stored while shutting down; it runs at the next start", "task_id", stored.taskId());
        }
    }

    private Reply awaitReply(Receipt.Accepted accepted, Waiter waiter, Duration timeout) throws InterruptedException {
        OutboundMessage answer;
        try {
            answer = waiter.reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (waiters.remove(accepted.taskId(), waiter)) {
                String within = timeout.toSeconds() > 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
                return new Failure(Reason.TIMED_OUT, "no answer within " + within + " (trace " + accepted.traceId() + ")");
            }
            answer = waiter.reply.join(); // the reply was being handed over as the wait ended
        } catch (InterruptedException e) {
            waiters.remove(accepted.taskId(), waiter);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a waiter is only ever completed normally", e);
        }
        if (answer == null) {
            return Failure.of(Reason.SHUTTING_DOWN);
        }
        ledger.handedBack(answer);
        return answer.reply();
    }

    /**
     * A caller waiting in-line: where its reply goes (null = none will come), its answer stream and the history
     * it brought (empty: the session's own).
     */
    private record Waiter(CompletableFuture<OutboundMessage> reply, AnswerStream stream, Optional<List<Turn>> history) {
        Waiter(AnswerStream stream, Optional<List<Turn>> history) {
            this(new CompletableFuture<>(), stream, history);
        }
    }
}
