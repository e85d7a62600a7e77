package gomikrobot.gateway.openai;

import gomikrobot.bus.AnswerStream;
import gomikrobot.bus.Reply;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A turn followed from another thread: the agent's thread puts what happens (text, a tool starting, the reply)
 * into a queue and never waits for the client; the thread writing the HTTP answer takes it out at the client's
 * pace. The wait for the reply runs on a virtual thread of its own, so the writer can send keep-alives meanwhile.
 * Once the client has gone, {@link #abandon} stops the wait (the turn itself goes on and is recorded; its reply
 * is then marked as received by nobody) and what the agent still sends is dropped.
 */
final class TurnFeed implements AnswerStream {
    /** What happened in the turn, in order; {@link Done} is last. */
    sealed interface Event {
        record Text(String text) implements Event {
        }

        record Tool(String name) implements Event {
        }

        record Done(Reply reply) implements Event {
        }
    }

    /** The wait for the reply, given this feed as the stream to follow the answer. */
    @FunctionalInterface
    interface Turn {
        Reply ask(AnswerStream stream) throws InterruptedException;
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile boolean abandoned;
    private Thread waiter;

    private TurnFeed() {
    }

    /** Starts waiting for the turn's reply on a virtual thread. */
    static TurnFeed start(Turn turn) {
        TurnFeed feed = new TurnFeed();
        feed.waiter = Thread.ofVirtual().name("openai-turn").start(() -> feed.await(turn));
        return feed;
    }

    @Override
    public void delta(String text) {
        offer(new Event.Text(text));
    }

    @Override
    public void toolRunning(String name) {
        offer(new Event.Tool(name));
    }

    /** The next event, or empty when none came within {@code wait}. */
    Optional<Event> next(Duration wait) throws InterruptedException {
        return Optional.ofNullable(events.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The client has gone: stop waiting for the reply and drop what still arrives. */
    void abandon() {
        abandoned = true;
        events.clear();
        waiter.interrupt();
    }

    private void await(Turn turn) {
        try {
            offer(new Event.Done(turn.ask(this)));
        } catch (InterruptedException e) {
            // abandoned: nobody reads the reply any more
        }
    }

    private void offer(Event event) {
        if (!abandoned) {
            events.add(event);
        }
    }
}
