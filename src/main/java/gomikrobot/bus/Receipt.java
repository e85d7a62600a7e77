package gomikrobot.bus;

import java.util.Optional;

/** What {@link Inbox#submit} did with a message. */
public sealed interface Receipt permits Receipt.Accepted, Receipt.Duplicate, Receipt.Refused {

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
}
