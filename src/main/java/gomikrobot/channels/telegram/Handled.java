package gomikrobot.channels.telegram;

import gomikrobot.bus.InboundMessage;

/** What the channel did with one update; all but {@link NotStored} let the poll offset move past it. */
sealed interface Handled {
    /** Handed to the inbox for the agent (or already there: its idempotency key was seen). */
    record Published(InboundMessage message) implements Handled {
    }

    /** Refused by access control; recorded with {@code authorized = false} unless {@code recorded} is false. */
    record Refused(InboundMessage message, String classification, boolean recorded) implements Handled {
    }

    /** A {@code /start}, answered with a greeting that says whether the sender may talk to the agent. */
    record Greeted(long chatId, String greeting) implements Handled {
    }

    /** Not for the agent and not worth a timeline row: another kind of update, noise, a bot, a group. */
    record Dropped(String reason) implements Handled {
    }

    /** Not stored (the gateway is stopping): the offset stays before it, so Telegram hands it over again. */
    record NotStored(String why) implements Handled {
    }
}
