package gomikrobot.channels.whatsapp;

import gomikrobot.bus.AnswerStream;
import gomikrobot.bus.Inbox;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Receipt;
import gomikrobot.bus.Reply;
import gomikrobot.session.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The agent's inbox as a channel sees it, without the agent: it accepts each idempotency key once (a repeat is
 * a duplicate, as the task table makes it) and keeps what it accepted for the test to take.
 */
final class RecordingInbox implements Inbox {
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<InboundMessage> accepted = new LinkedBlockingQueue<>();

    @Override
    public Receipt submit(InboundMessage message, AnswerStream stream) {
        if (!keys.add(message.idempotencyKey())) {
            return new Receipt.Duplicate("task-1", Optional.empty());
        }
        accepted.add(message);
        return new Receipt.Accepted("task-" + keys.size(), message.traceId());
    }

    @Override
    public Reply ask(InboundMessage message, Duration timeout, AnswerStream stream) {
        throw new AssertionError("a channel hands messages over and never waits for their reply");
    }

    @Override
    public Reply ask(InboundMessage message, List<Turn> history, Duration timeout, AnswerStream stream) {
        throw new AssertionError("a channel hands messages over and never waits for their reply");
    }

    /** The next message accepted, or null when none came within {@code timeout}. */
    InboundMessage next(Duration timeout) throws InterruptedException {
        return accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
