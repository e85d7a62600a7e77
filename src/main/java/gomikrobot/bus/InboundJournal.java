package gomikrobot.bus;

import java.util.Optional;

/**
 * Stores an inbound message durably before the bus queues it: in the gateway, the task row. Its verdict
 * decides whether the message is processed.
 */
@FunctionalInterface
public interface InboundJournal {

    Entry record(InboundMessage message);

    /** What became of a recorded message. */
    sealed interface Entry permits Accepted, Duplicate {
    }

    /** Stored; {@code message} carries the task id. */
    record Accepted(InboundMessage message) implements Entry {
    }

    /** Seen before (same idempotency key); its answer, when it was already answered. */
    record Duplicate(String taskId, Optional<OutboundMessage> previousAnswer) implements Entry {
    }
}
