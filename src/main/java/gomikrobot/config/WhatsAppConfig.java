package gomikrobot.config;

import java.util.List;

/**
 * WhatsApp: whether it runs, who may talk to the agent besides the dashboard allowlist, whether messages of
 * unauthorized senders are dropped without a timeline row, whether reactions are ignored, the largest attachment
 * downloaded, whether voice notes are answered with voice notes, and whether group messages are read at all.
 */
public record WhatsAppConfig(boolean enabled, List<String> allowFrom, boolean dropUnauthorized,
                             boolean ignoreReactions,
                             long maxMediaBytes,
                             boolean voiceReplies,
                             Groups groups) {
    public static final long DEFAULT_MAX_MEDIA_BYTES = 32L * 1024 * 1024;

    public WhatsAppConfig {
        allowFrom = List.copyOf(allowFrom);
        if (maxMediaBytes <= 0) {
            throw new IllegalArgumentException("maxMediaBytes must be positive: " + maxMediaBytes);
        }
        if (groups == null) {
            throw new IllegalArgumentException("groups must be off or mention");
        }
    }

    /** The settings of the original program, with this program's defaults for what it added. */
    public WhatsAppConfig(boolean enabled, List<String> allowFrom, boolean dropUnauthorized, boolean ignoreReactions) {
        this(enabled, allowFrom, dropUnauthorized, ignoreReactions, DEFAULT_MAX_MEDIA_BYTES, false, Groups.OFF);
    }
}
