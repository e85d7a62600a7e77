package gomikrobot.policy;

/**
 * The policy engine's verdict on one tool call. The reason is the machine-readable string stored in
 * {@code policy_decisions.reason} (for example {@code tier_0_always_allowed}).
 */
public sealed interface Decision permits Decision.Allow, Decision.Deny {
    String reason();

    /** The tool may run. */
    record Allow(String reason) implements Decision {
    }

    /**
     * The tool must not run; the reason is shown to the model, followed by {@code note} when there is one: what
     * happened in words the model can pass on to the user (the owner said no, nobody answered in time).
     */
    record Deny(String reason, String note) implements Decision {
        public Deny {
            note = note == null ? "" : note;
        }

        public Deny(String reason) {
            this(reason, "");
        }

        /** The reason, then the note if any: what the model reads. */
        public String explained() {
            return note.isEmpty() ? reason : reason + ": " + note;
        }
    }
}
