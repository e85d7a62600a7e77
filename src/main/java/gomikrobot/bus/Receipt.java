package gomikrobot.bus;

import java.util.Optional;

/** What {@link Inbox#submit} did with a message. */
public sealed interface Receipt permits Receipt.Accepted, Receipt.Duplicate, Receipt.Refused, Receipt.Handled {

    /** Stored as task {@code taskId} and queued; it will be answered. */
    record Accepted(String taskId, String traceId) implements Receipt {
    }

    /**
     * Seen before (same idempotency key) and not run again: {@code answer} is its stored answer when it was already
     * answered, empty while it is still queued or running.
     */
    record Duplicate(String taskId, Optional<Reply> answer) implements Receipt {
    }

    /** Not stored: the gateway is stopping ({@code why} says so). */
    record Refused(Reply.Failure why) implements Receipt {
    }

    /**
     * Not for the agent: acted on at the door (the owner's {@code yes 7f3a} to an approval question), not stored
     * as a task and never queued. {@code reply} is the one-line answer, already sent to the sender's channel.
     */
    record Handled(String reply) implements Receipt {
    }
}
