package gomikrobot.channels.whatsapp;

import gomikrobot.bus.InboundMessage;

/** What the channel did with one incoming WhatsApp message. */
sealed interface InboundOutcome {
    /** Not for the agent and not worth a timeline row: noise, empty, a redelivery, our own echo. */
    record Dropped(String reason) implements InboundOutcome {
    }

    /** Refused by access control; recorded with {@code authorized = false} unless {@code recorded} is false. */
    record Unauthorized(InboundMessage message, String classification, boolean recorded) implements InboundOutcome {
    }

    /** Handed to the bus for the agent. */
    record Published(InboundMessage message) implements InboundOutcome {
    }
}
