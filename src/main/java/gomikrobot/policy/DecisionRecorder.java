package gomikrobot.policy;

/** Where every policy decision goes (the timeline's {@code policy_decisions} table in the gateway). */
@FunctionalInterface
public interface DecisionRecorder {
    void record(PolicyRequest request, Decision decision);
}
