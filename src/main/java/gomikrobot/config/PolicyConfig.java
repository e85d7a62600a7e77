package gomikrobot.config;

import java.util.List;

/**
 * Tool policy: the highest tier run without asking for the owner's own messages ({@code maxAutoTier}, 2) and
 * for everyone else's ({@code externalMaxTier}, 0); an optional list of senders allowed to use tools at all
 * (empty = everyone); tools denied outright.
 */
public record PolicyConfig(int maxAutoTier, int externalMaxTier, List<String> allowedSenders, List<String> denyTools) {
}
