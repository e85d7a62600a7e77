package gomikrobot.policy;

/**
 * One tool call put to the owner: the call as the policy engine saw it (tool, tier after {@code tools.tiers},
 * sender, channel, trace and task), its arguments as JSON text, and {@code summary}, the tool's own one-line
 * rendering of them ({@code git pull} for {@code exec}).
 */
public record OwnerQuestion(PolicyRequest call, String argumentsJson, String summary) {
    public OwnerQuestion {
        argumentsJson = argumentsJson == null ? "" : argumentsJson;
        summary = summary == null ? "" : summary;
    }
}
