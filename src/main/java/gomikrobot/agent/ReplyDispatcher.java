package gomikrobot.agent;

import gomikrobot.bus.MessageBus;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.observe.Log;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Takes every reply off the outbound queue and hands it on: to the caller waiting for it in-line (through the
 * {@link Intake}), or else to {@code deliveries}, its channel's delivery (WhatsApp, the web UI; for an in-line
 * channel whose caller has gone, the record that nobody received it). One thread; it never blocks on a send.
 */
public final class ReplyDispatcher implements AutoCloseable {
    /**
     * For a process without a delivery worker ({@code agent -m}): the reply stays {@code pending} in its task,
     * and the gateway's delivery worker settles it.
     */
    public static final Consumer<OutboundMessage> LEAVE_PENDING = reply -> { };
    private static final Duration POLL = Duration.ofMillis(200);

    private final MessageBus bus;
    private final Intake intake;
    private final Consumer<OutboundMessage> deliveries;
    private final Log log;
    private volatile Thread thread;
    private volatile boolean stopping;

    public ReplyDispatcher(MessageBus bus, Intake intake, Consumer<OutboundMessage> deliveries, Log log) {
        this.bus = bus;
        this.intake = intake;
        this.deliveries = deliveries;
        this.log = log;
    }

    public void start() {
        thread = Thread.ofVirtual().name("reply-dispatcher").start(this::run);
    }

    /**
     * Hands on the replies still queued, then stops; call it after the agent loop has stopped. Returns as soon
     * as that is done: the thread is woken from its wait rather than left to notice on its next poll (which
     * would add up to a poll interval to every {@code agent -m}).
     */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(Duration.ofSeconds(5));
        }
    }

    private void run() {
        while (true) {
            try {
                OutboundMessage reply = stopping ? bus.consumeOutbound(Duration.ZERO) : bus.consumeOutbound(POLL);
                if (reply != null) {
                    handOn(reply);
                } else if (stopping) {
                    return;
                }
            } catch (InterruptedException e) {
                if (!stopping) {
                    return;
                }
                // woken by close(): the loop goes on to hand on what is queued, without waiting
            } catch (RuntimeException e) {
                log.unexpected("Reply not handed on; the delivery poll retries it", e);
            }
        }
    }

    private void handOn(OutboundMessage reply) {
        if (!intake.handBack(reply)) {
            deliveries.accept(reply);
        }
    }
}
