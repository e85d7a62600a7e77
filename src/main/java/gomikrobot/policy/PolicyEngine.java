package gomikrobot.policy;

import gomikrobot.config.PolicyConfig;
import gomikrobot.observe.Log;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a tool call may run, asks the owner when that is theirs to say, and records every decision.
 *
 * <p>Precedence, first match wins: tool denied by config &gt; sender not on the allowed list (when the list is
 * non-empty, exact match, applied to every message) &gt; tier 0 always allowed &gt; tier within the message's
 * maximum ({@code maxAutoTier} for the owner's own messages, {@code externalMaxTier} for everyone else's) &gt;
 * tier within {@code maxApprovalTier}: the owner is asked ({@link OwnerApproval}) and the call waits for the
 * answer &gt; deny. A tool's own refusal of its arguments (a denied shell command) denies a call the tiers would
 * allow or ask about, so the owner is never asked about a call that could not run anyway. A call's tier is
 * {@link ToolTiers}'s. One {@code policy_decisions} row per call, with the final decision ({@code approved_by_owner},
 * {@code denied_by_owner}, {@code approval_timeout}). Immutable and safe to share; a failing recorder is logged
 * and never changes the decision.
 */
public final class PolicyEngine {
    public static final String APPROVED_BY_OWNER = "approved_by_owner";
    public static final String DENIED_BY_OWNER = "denied_by_owner";
    public static final String APPROVAL_TIMEOUT = "approval_timeout";
    /** The gateway stopped (or crashed) while the call waited for the owner. */
    public static final String APPROVAL_INTERRUPTED = "approval_interrupted";

    private final int maxAutoTier;
    private final int externalMaxTier;
    private final int maxApprovalTier;
    private final Set<String> allowedSenders;
    private final Set<String> deniedTools;
    private final ToolTiers tiers;
    private final DecisionRecorder recorder;
    private final OwnerApproval owner;
    private final Log log;

    public PolicyEngine(PolicyConfig config, ToolTiers tiers, DecisionRecorder recorder, OwnerApproval owner,
                        Log log) {
        if (config.maxAutoTier() < 0 || config.externalMaxTier() < 0 || config.maxApprovalTier() < 0) {
            throw new IllegalArgumentException("policy tiers must not be negative: maxAutoTier="
                    + config.maxAutoTier() + " externalMaxTier=" + config.externalMaxTier() + " maxApprovalTier="
                    + config.maxApprovalTier());
        }
        this.maxAutoTier = config.maxAutoTier();
        this.externalMaxTier = config.externalMaxTier();
        this.maxApprovalTier = config.maxApprovalTier();
        this.allowedSenders = copyOf(config.allowedSenders());
        this.deniedTools = copyOf(config.denyTools());
        this.tiers = tiers;
        this.recorder = recorder;
        this.owner = owner;
        this.log = log;
    }

    /** Tools at their own tiers, nobody to ask. */
    public PolicyEngine(PolicyConfig config, DecisionRecorder recorder, Log log) {
        this(config, new ToolTiers(Map.of()), recorder, OwnerApproval.NOBODY, log);
    }

    /** As {@link #PolicyEngine(PolicyConfig, DecisionRecorder, Log)}; recorder failures are reported on stderr. */
    public PolicyEngine(PolicyConfig config, DecisionRecorder recorder) {
        this(config, recorder, Log.quiet());
    }

    /** The tier a call of {@code tool} runs at, {@code ownTier} being the tier the tool declares. */
    public int tierOf(String tool, int ownTier) {
        return tiers.of(tool, ownTier);
    }

    /** See {@link ToolTiers#requireKnown}. */
    public void requireKnownTools(Collection<String> tools, Collection<String> mcpServers) {
        tiers.requireKnown(tools, mcpServers);
    }

    /** Decides a call without arguments to check or show; records the decision and returns it. */
    public Decision decide(PolicyRequest req) throws InterruptedException {
        return decide(req, Optional.empty(), "", "");
    }

    /**
     * Decides, asking the owner when the tiers say so (then this waits for the answer), records the final
     * decision and returns it.
     *
     * @param toolRefusal   a rule the tool says its arguments break (e.g. {@code exec} of {@code rm -rf /})
     * @param argumentsJson the arguments, shown to the owner when asked
     * @param summary       the tool's one-line rendering of them, shown to the owner first
     * @throws InterruptedException when the wait for the owner is cut short; a denial is recorded first
     */
    public Decision decide(PolicyRequest req, Optional<String> toolRefusal, String argumentsJson, String summary)
            throws InterruptedException {
        Optional<Decision> settled = evaluate(req, toolRefusal);
        if (settled.isPresent()) {
            return recorded(req, settled.get());
        }
        OwnerAnswer answer;
        try {
            answer = owner.ask(new OwnerQuestion(req, argumentsJson, summary));
        } catch (InterruptedException e) {
            recorded(req, new Decision.Deny(APPROVAL_INTERRUPTED, "the gateway stopped while waiting for the owner"));
            throw e;
        }
        return recorded(req, decisionOf(answer, req));
    }

    /** The decision the tiers alone make; empty when the owner is to be asked. */
    private Optional<Decision> evaluate(PolicyRequest req, Optional<String> toolRefusal) {
        int tier = req.tier();
        if (deniedTools.contains(req.tool())) {
            return Optional.of(new Decision.Deny("tool_denied_by_config"));
        }
        if (!allowedSenders.isEmpty() && !allowedSenders.contains(req.sender())) {
            return Optional.of(new Decision.Deny("sender_not_authorized: " + req.sender()));
        }
        boolean automatic = tier == 0 || tier <= (req.internal() ? maxAutoTier : externalMaxTier);
        if (!automatic && tier > maxApprovalTier) {
            return Optional.of(new Decision.Deny(req.internal() ? "tier_" + tier + "_above_max_approval_tier"
                    : overTier(req)));
        }
        if (toolRefusal.isPresent()) {
            return Optional.of(new Decision.Deny(toolRefusal.get()));
        }
        if (automatic) {
            return Optional.of(new Decision.Allow(tier == 0 ? "tier_0_always_allowed" : "tier_" + tier + "_auto_approved"));
        }
        return Optional.empty();
    }

    private static Decision decisionOf(OwnerAnswer answer, PolicyRequest req) {
        return switch (answer) {
            case OwnerAnswer.Approved approved -> new Decision.Allow(APPROVED_BY_OWNER);
            case OwnerAnswer.Denied denied -> new Decision.Deny(DENIED_BY_OWNER,
                    "the owner declined this call, so it was not run; tell the user");
            case OwnerAnswer.TimedOut timedOut -> new Decision.Deny(APPROVAL_TIMEOUT, "the owner did not answer within "
                    + Waits.describe(timedOut.after()) + ", so it was not run; tell the user it needs the owner's"
                    + " approval");
            case OwnerAnswer.Unavailable unavailable -> new Decision.Deny(overTier(req));
        };
    }

    /** The original's reasons for a call over the sender's tier when nobody can approve it. */
    private static String overTier(PolicyRequest req) {
        return req.internal() ? "tier_" + req.tier() + "_requires_approval"
                : "tier_" + req.tier() + "_denied_for_external_message";
    }

    private Decision recorded(PolicyRequest req, Decision decision) {
        try {
            recorder.record(req, decision);
        } catch (RuntimeException e) {
            // the audit row is lost, but the call must still get its verdict
            log.unexpected("Policy decision not recorded", e, "tool", req.tool(), "trace_id", req.traceId());
        }
        return decision;
    }

    private static Set<String> copyOf(List<String> values) {
        return values == null ? Set.of()
                : values.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
