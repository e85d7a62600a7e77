package gomikrobot.config;

import java.util.List;
import java.util.Objects;

/**
 * Telegram, through the Bot API: whether it runs, the bot's token (a secret: never logged or shown, see
 * {@link #toString()}), the Bot API server, who may talk to the agent besides the dashboard allowlist (user ids or
 * {@code @usernames}), the owner's user id (0 = none; their messages are internal), whether messages of
 * unauthorized senders are dropped without a timeline row, whether group messages are read, and the largest
 * attachment downloaded.
 */
public record TelegramConfig(boolean enabled, String token, String apiBase, List<String> allowFrom, long ownerId,
                             boolean dropUnauthorized, Groups groups, long maxMediaBytes) {
    public static final String DEFAULT_API_BASE = "https://api.telegram.org";
    public static final long DEFAULT_MAX_MEDIA_BYTES = WhatsAppConfig.DEFAULT_MAX_MEDIA_BYTES;

    public TelegramConfig {
        token = token == null ? "" : token.strip();
        apiBase = apiBase == null || apiBase.isBlank() ? DEFAULT_API_BASE : apiBase.strip().replaceAll("/+$", "");
        allowFrom = List.copyOf(allowFrom);
        if (ownerId < 0) {
            throw new IllegalArgumentException("ownerId must not be negative: " + ownerId);
        }
        Objects.requireNonNull(groups, "groups");
        if (maxMediaBytes <= 0) {
            throw new IllegalArgumentException("maxMediaBytes must be positive: " + maxMediaBytes);
        }
    }

    public boolean hasToken() {
        return !token.isEmpty();
    }

    /** {@code [REDACTED]} when a token is set, {@code (none)} otherwise: never any part of the token. */
    public String redactedToken() {
        return hasToken() ? "[REDACTED]" : "(none)";
    }

    public boolean hasOwner() {
        return ownerId > 0;
    }

    @Override
    public String toString() {
        return "TelegramConfig[enabled=" + enabled + ", token=" + redactedToken() + ", apiBase=" + apiBase
                + ", allowFrom=" + allowFrom + ", ownerId=" + ownerId + ", dropUnauthorized=" + dropUnauthorized
                + ", groups=" + groups + ", maxMediaBytes=" + maxMediaBytes + "]";
    }
}
