package gomikrobot.channels.access;

import gomikrobot.bus.InboundMessage;

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
}
