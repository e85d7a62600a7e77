package gomikrobot.policy;

import gomikrobot.timeline.PolicyLog;

/** Where every policy decision goes (the timeline's {@code policy_decisions} table in the gateway). */
@FunctionalInterface
public interface DecisionRecorder {
    void record(PolicyRequest request, Decision decision);

    /** Each decision as a row of {@code policy_decisions}. */
    static DecisionRecorder into(PolicyLog log) {
        return (req, decision) -> log.record(req.traceId(), req.taskId(), req.tool(), req.tier(), req.sender(),
                req.channel(), decision instanceof Decision.Allow, decision.reason());
    }
}
