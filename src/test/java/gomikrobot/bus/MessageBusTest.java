package gomikrobot.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageBusTest {
    private final List<InboundMessage> journaled = new ArrayList<>();

    private MessageBus bus(InboundJournal journal) {
        return new MessageBus(16, journal);
    }

    private InboundJournal accepting() {
        return m -> {
            journaled.add(m);
            return new InboundJournal.Accepted(m.withTaskId("task-" + journaled.size()));
        };
    }

    private static InboundMessage message(String trace) {
        return InboundMessage.of("cli", "default", "me", "Me", "hello", true, Instant.EPOCH).withTrace(trace);
    }

    @Test
    void journalsBeforeQueueing() throws Exception {
        MessageBus bus = bus(accepting());
        bus.publishInbound(message("t1"));
        assertEquals(1, journaled.size());
        assertEquals("task-1", bus.consumeInbound(Duration.ofSeconds(1)).taskId());
    }

    @Test
    void duplicateIsNotQueuedAndItsAnswerIsReturned() throws Exception {
        OutboundMessage previous = new OutboundMessage("cli", "default", "old answer", "t0", "task-0", false);
        MessageBus bus = bus(m -> new InboundJournal.Duplicate("task-0", Optional.of(previous)));
        var reply = bus.request(message("t1"));
        assertEquals("old answer", reply.get(1, TimeUnit.SECONDS).content());
        assertNull(bus.consumeInbound(Duration.ofMillis(10)));
    }

    @Test
    void requestGetsTheAnswerWithItsTraceAndChannelsDoNot() throws Exception {
        MessageBus bus = bus(accepting());
        var reply = bus.request(message("t1"));
        InboundMessage in = bus.consumeInbound(Duration.ofSeconds(1));
        bus.publishOutbound(OutboundMessage.answer(in, "hi"));
        assertEquals("hi", reply.get(1, TimeUnit.SECONDS).content());
        assertNull(bus.consumeOutbound(Duration.ofMillis(10)));
    }

    @Test
    void answersWithoutWaiterGoToChannels() throws Exception {
        MessageBus bus = bus(accepting());
        bus.publishOutbound(new OutboundMessage("whatsapp", "123@s.whatsapp.net", "hi", "t9", "", false));
        assertEquals("hi", bus.consumeOutbound(Duration.ofSeconds(1)).content());
    }

    @Test
    void publishingAfterCloseFailsLoudly() {
        MessageBus bus = bus(accepting());
        bus.close();
        assertTrue(bus.isClosed());
        assertThrows(IllegalStateException.class, () -> bus.publishInbound(message("t1")));
    }

    @Test
    void requestNeedsATraceId() {
        assertThrows(IllegalArgumentException.class, () -> bus(accepting()).request(message("")));
    }
}
