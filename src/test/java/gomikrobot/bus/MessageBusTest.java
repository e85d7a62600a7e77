package gomikrobot.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageBusTest {
    private static InboundMessage message(String trace) {
        return InboundMessage.of("cli", "default", "me", "Me", "hello", true, Instant.EPOCH).withTrace(trace);
    }

    @Test
    void inboundMessagesComeOutInTheOrderTheyWentIn() throws Exception {
        MessageBus bus = new MessageBus(4);
        bus.publishInbound(message("t1"));
        bus.publishInbound(message("t2"));
        assertEquals("t1", bus.consumeInbound(Duration.ofSeconds(1)).traceId());
        assertEquals("t2", bus.consumeInbound(Duration.ofSeconds(1)).traceId());
        assertNull(bus.consumeInbound(Duration.ofMillis(10)));
    }

    @Test
    void outboundRepliesAreASecondQueue() throws Exception {
        MessageBus bus = new MessageBus(4);
        bus.publishOutbound(OutboundMessage.text("whatsapp", "123@s.whatsapp.net", "hi"));
        assertNull(bus.consumeInbound(Duration.ofMillis(10)));
        assertEquals(new Reply.Answer("hi"), bus.consumeOutbound(Duration.ofSeconds(1)).reply());
    }

    @Test
    void aFullQueueMakesThePublisherWaitForRoom() throws Exception {
        MessageBus bus = new MessageBus(1);
        bus.publishInbound(message("t1"));
        Thread publisher = Thread.ofPlatform().start(() -> {
            try {
                bus.publishInbound(message("t2"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publisher.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, publisher.getState(), "the second publish waits while the queue is full");
        assertEquals("t1", bus.consumeInbound(Duration.ofSeconds(1)).traceId());
        publisher.join(Duration.ofSeconds(10));
        assertEquals("t2", bus.consumeInbound(Duration.ofSeconds(1)).traceId());
    }

    @Test
    void publishingAfterCloseFailsLoudlyButWhatIsQueuedCanStillBeTaken() throws Exception {
        MessageBus bus = new MessageBus(4);
        bus.publishOutbound(OutboundMessage.text("cli", "default", "last words"));
        bus.close();
        assertTrue(bus.isClosed());
        assertThrows(IllegalStateException.class, () -> bus.publishInbound(message("t1")));
        assertThrows(IllegalStateException.class,
                () -> bus.publishOutbound(OutboundMessage.text("cli", "default", "too late")));
        assertEquals(new Reply.Answer("last words"), bus.consumeOutbound(Duration.ofSeconds(1)).reply());
    }
}
