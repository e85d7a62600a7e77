package gomikrobot.bus;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Two bounded queues between channels and the agent, plus request/reply for synchronous callers.
 *
 * <p>Inbound: channels {@link #publishInbound}, the agent loop {@link #consumeInbound}. Before a message is
 * queued the {@link InboundJournal} stores it durably (the task row), so a message whose publish returned is
 * never lost, and a redelivered one is recognised. Outbound: the agent {@link #publishOutbound}s; a waiter
 * registered by {@link #request} gets the answer with its trace id, and the subscriber of the message's
 * channel (if any) gets it from {@link #consumeOutbound}. Publishing after {@link #close()} fails loudly.
 */
public final class MessageBus implements AutoCloseable {
    private final BlockingQueue<InboundMessage> inbound;
    private final BlockingQueue<OutboundMessage> outbound;
    private final InboundJournal journal;
    private final Map<String, CompletableFuture<OutboundMessage>> waiters = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public MessageBus(int capacity, InboundJournal journal) {
        this.inbound = new ArrayBlockingQueue<>(capacity);
        this.outbound = new ArrayBlockingQueue<>(capacity);
        this.journal = journal;
    }

    /**
     * Stores the message through the journal, then queues it (blocking while the queue is full). Returns the
     * journal's verdict: a duplicate is not queued again.
     */
    public InboundJournal.Entry publishInbound(InboundMessage message) throws InterruptedException {
        ensureOpen();
        InboundJournal.Entry entry = journal.record(message);
        if (entry instanceof InboundJournal.Accepted accepted) {
            inbound.put(accepted.message());
        }
        return entry;
    }

    /** Queues a message already in the journal (a task left pending by a previous run). */
    public void requeue(InboundMessage stored) throws InterruptedException {
        ensureOpen();
        inbound.put(stored);
    }

    /** The next inbound message, or null when none arrived within the timeout. */
    public InboundMessage consumeInbound(Duration timeout) throws InterruptedException {
        return inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes a message and waits for the answer with the same trace id. The message must carry a trace id.
     * A duplicate (already answered) message gets the stored answer back at once.
     */
    public CompletableFuture<OutboundMessage> request(InboundMessage message) throws InterruptedException {
        if (message.traceId().isBlank()) {
            throw new IllegalArgumentException("request() needs a message with a trace id");
        }
        CompletableFuture<OutboundMessage> reply = new CompletableFuture<>();
        waiters.put(message.traceId(), reply);
        reply.whenComplete((r, e) -> waiters.remove(message.traceId(), reply));
        InboundJournal.Entry entry;
        try {
            entry = publishInbound(message);
        } catch (InterruptedException | RuntimeException e) {
            waiters.remove(message.traceId(), reply);
            throw e;
        }
        if (entry instanceof InboundJournal.Duplicate duplicate) {
            reply.complete(duplicate.previousAnswer().orElseGet(() ->
                    OutboundMessage.failure(message, "this message is already being processed")));
        }
        return reply;
    }

    /** Hands an answer to its waiter (if any) and queues it for its channel's subscriber. */
    public void publishOutbound(OutboundMessage message) throws InterruptedException {
        ensureOpen();
        CompletableFuture<OutboundMessage> waiter = message.traceId().isEmpty() ? null : waiters.get(message.traceId());
        if (waiter != null) {
            waiter.complete(message);
            return;
        }
        outbound.put(message);
    }

    /** The next outbound message for channel subscribers, or null when none arrived within the timeout. */
    public OutboundMessage consumeOutbound(Duration timeout) throws InterruptedException {
        return outbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drains outbound messages to {@code sink} until the bus closes; run it on its own thread. */
    public void dispatchOutbound(Consumer<OutboundMessage> sink) throws InterruptedException {
        while (!closed || !outbound.isEmpty()) {
            OutboundMessage next = consumeOutbound(Duration.ofMillis(200));
            if (next != null) {
                sink.accept(next);
            }
        }
    }

    public int inboundDepth() {
        return inbound.size();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        waiters.values().forEach(w -> w.cancel(false));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("message bus is closed");
        }
    }
}
