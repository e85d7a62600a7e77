package gomikrobot.channels.access;

import gomikrobot.bus.InboundMessage;
import gomikrobot.observe.Log;

/**
 * Writes the timeline row of a message that did not reach the agent ({@code authorized = false}). In the
 * gateway: the timeline's event store.
 */
@FunctionalInterface
public interface UnauthorizedRecorder {
    /** {@code AUTH_TOKEN_SUBMITTED} when it carried the pairing token, else {@code UNAUTHORIZED}. */
    String TOKEN_SUBMITTED = "AUTH_TOKEN_SUBMITTED";
    String UNAUTHORIZED = "UNAUTHORIZED";

    void record(InboundMessage message, String classification);

    /** A refused message: its row when {@code recorded} ({@code dropUnauthorized} off), a log line either way. */
    default void refused(InboundMessage message, String classification, boolean recorded, Log log) {
        if (recorded) {
            record(message, classification);
        }
        log.info("Message from unauthorized sender", "channel", message.channel(), "sender", message.senderId(),
                "classification", classification, "recorded", recorded);
    }
}
