package gomikrobot.policy;

import gomikrobot.config.PolicyConfig;
import gomikrobot.observe.Log;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a tool call may run, and records every decision.
 *
 * <p>Precedence, first match wins: tool denied by config &gt; sender not on the allowed list (when the list is
 * non-empty, exact match, applied to every message) &gt; tier 0 always allowed &gt; tier within the message's
 * maximum ({@code maxAutoTier} for the owner's own messages, {@code externalMaxTier} for everyone else's) &gt;
 * deny. There is no approval flow, so an owner's call above {@code maxAutoTier} is denied with reason
 * {@code tier_<n>_requires_approval}. Immutable and safe to share; a failing recorder is logged and never
 * changes the decision.
 */
public final class PolicyEngine {
    private final int maxAutoTier;
    private final int externalMaxTier;
    private final Set<String> allowedSenders;
    private final Set<String> deniedTools;
    private final DecisionRecorder recorder;
    private final Log log;

    public PolicyEngine(PolicyConfig config, DecisionRecorder recorder, Log log) {
        if (config.maxAutoTier() < 0 || config.externalMaxTier() < 0) {
            throw new IllegalArgumentException("policy tiers must not be negative: maxAutoTier="
                    + config.maxAutoTier() + " externalMaxTier=" + config.externalMaxTier());
        }
        this.maxAutoTier = config.maxAutoTier();
        this.externalMaxTier = config.externalMaxTier();
        this.allowedSenders = copyOf(config.allowedSenders());
        this.deniedTools = copyOf(config.denyTools());
        this.recorder = recorder;
        this.log = log;
    }

    /** Recorder failures are reported on stderr. */
    public PolicyEngine(PolicyConfig config, DecisionRecorder recorder) {
        this(config, recorder, Log.quiet());
    }

    /** Decides, records the decision, and returns it. */
    public Decision decide(PolicyRequest req) {
        return decide(req, Optional.empty());
    }

    /**
     * As {@link #decide(PolicyRequest)}, for a call whose tool refuses its arguments (e.g. {@code exec} of
     * {@code rm -rf /}): a call the tiers would allow is denied with the tool's rule, in the same single record.
     */
    public Decision decide(PolicyRequest req, Optional<String> toolRefusal) {
        Decision decision = evaluate(req);
        if (decision instanceof Decision.Allow && toolRefusal.isPresent()) {
            decision = new Decision.Deny(toolRefusal.get());
        }
        try {
            recorder.record(req, decision);
        } catch (RuntimeException e) {
            // the audit row is lost, but the call must still get its verdict
            log.unexpected("Policy decision not recorded", e, "tool", req.tool(), "trace_id", req.traceId());
        }
        return decision;
    }

    private Decision evaluate(PolicyRequest req) {
        int tier = req.tier();
        if (deniedTools.contains(req.tool())) {
            return new Decision.Deny("tool_denied_by_config");
        }
        if (!allowedSenders.isEmpty() && !allowedSenders.contains(req.sender())) {
            return new Decision.Deny("sender_not_authorized: " + req.sender());
        }
        if (tier == 0) {
            return new Decision.Allow("tier_0_always_allowed");
        }
        int max = req.internal() ? maxAutoTier : externalMaxTier;
        if (tier <= max) {
            return new Decision.Allow("tier_" + tier + "_auto_approved");
        }
        return new Decision.Deny(req.internal()
                ? "tier_" + tier + "_requires_approval"
                : "tier_" + tier + "_denied_for_external_message");
    }

    private static Set<String> copyOf(List<String> values) {
        return values == null ? Set.of()
                : values.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
