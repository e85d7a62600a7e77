package gomikrobot.config;

import java.time.Duration;
import java.util.List;

/**
 * Tool policy: the highest tier run without asking for the owner's own messages ({@code maxAutoTier}, 2) and
 * for everyone else's ({@code externalMaxTier}, 0); an optional list of senders allowed to use tools at all
 * (empty = everyone); tools denied outright; the highest tier the owner may be asked to approve
 * ({@code maxApprovalTier}, 2: a call above it is denied without asking) and how long a call waits for the
 * owner's answer ({@code approvalTimeout}, 5 minutes).
 */
public record PolicyConfig(int maxAutoTier, int externalMaxTier, List<String> allowedSenders, List<String> denyTools,
                           int maxApprovalTier, Duration approvalTimeout) {
    /** Tiers run from 0 (read-only) to 3 (never, unless a limit is raised to it). */
    public static final int MAX_TIER = 3;
    public static final int DEFAULT_MAX_APPROVAL_TIER = 2;
    public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofMinutes(5);

    /** With the default approval limits. */
    public PolicyConfig(int maxAutoTier, int externalMaxTier, List<String> allowedSenders, List<String> denyTools) {
        this(maxAutoTier, externalMaxTier, allowedSenders, denyTools, DEFAULT_MAX_APPROVAL_TIER,
                DEFAULT_APPROVAL_TIMEOUT);
    }
}
