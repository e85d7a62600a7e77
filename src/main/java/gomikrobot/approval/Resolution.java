package gomikrobot.approval;

import gomikrobot.timeline.ApprovalRecord;
import java.util.Optional;

/** What came of an owner's answer ({@link Approvals#answer}). */
public sealed interface Resolution {

    /** The request was pending and is now decided; its call runs ({@code approved}) or is told it may not. */
    record Answered(ApprovalRecord request, boolean approved) implements Resolution {
    }

    /**
     * No pending request has this id or code; {@code known} is the newest request that had it, if any (already
     * answered, timed out, or left by a restart).
     */
    record NotPending(String idOrCode, Optional<ApprovalRecord> known) implements Resolution {
    }
}
