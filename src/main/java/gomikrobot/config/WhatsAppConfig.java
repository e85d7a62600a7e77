package gomikrobot.config;

import java.util.List;

/**
 * WhatsApp: whether it runs, who may talk to the agent besides the dashboard allowlist, whether messages of
 * unauthorized senders are dropped without a timeline row, and whether reactions are ignored.
 */
public record WhatsAppConfig(boolean enabled, List<String> allowFrom, boolean dropUnauthorized,
                             boolean ignoreReactions) {
}
