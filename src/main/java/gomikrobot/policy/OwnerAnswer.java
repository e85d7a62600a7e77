package gomikrobot.policy;

import java.time.Duration;

/** What came of asking the owner about a tool call: {@link OwnerApproval#ask}'s answer. */
public sealed interface OwnerAnswer {

    /** The owner allowed the call; {@code via} says where they answered (a channel, the dashboard). */
    record Approved(String via) implements OwnerAnswer {
    }

    /** The owner refused the call. */
    record Denied(String via) implements OwnerAnswer {
    }

    /** Nobody answered within {@code after}. */
    record TimedOut(Duration after) implements OwnerAnswer {
    }

    /** No owner can be asked in this process ({@code agent -m} has no gateway to answer through). */
    record Unavailable() implements OwnerAnswer {
    }
}
