package gomikrobot.bus;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two bounded queues between whoever accepts messages and the agent: inbound messages for the agent loop,
 * outbound answers for whoever hands them back or delivers them. It knows nothing of tasks, agents or channels.
 * A full queue makes the publisher wait; publishing after {@link #close()} fails loudly, while what is already
 * queued can still be consumed.
 */
public final class MessageBus implements AutoCloseable {
    private final BlockingQueue<InboundMessage> inbound;
    private final BlockingQueue<OutboundMessage> outbound;
    private volatile boolean closed;

    public MessageBus(int capacity) {
        this.inbound = new ArrayBlockingQueue<>(capacity);
        this.outbound = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues a message for the agent, waiting while the queue is full. */
    public void publishInbound(InboundMessage message) throws InterruptedException {
        ensureOpen();
        inbound.put(message);
    }

    /** The next inbound message, or null when none arrived within the timeout. */
    public InboundMessage consumeInbound(Duration timeout) throws InterruptedException {
        return inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues an answer, waiting while the queue is full. */
    public void publishOutbound(OutboundMessage message) throws InterruptedException {
        ensureOpen();
        outbound.put(message);
    }

    /** The next answer, or null when none arrived within the timeout. */
    public OutboundMessage consumeOutbound(Duration timeout) throws InterruptedException {
        return outbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("message bus is closed");
        }
    }
}
