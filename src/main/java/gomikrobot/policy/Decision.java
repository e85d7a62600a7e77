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

    /** The tool must not run; the reason is shown to the model. */
    record Deny(String reason) implements Decision {
    }
}
