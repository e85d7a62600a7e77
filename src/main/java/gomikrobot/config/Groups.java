package gomikrobot.config;

import java.util.Locale;

/** What a messaging channel does with messages in group chats. */
public enum Groups {
    /** Ignored, whoever writes them. */
    OFF,
    /** Read only when they mention the channel's own account or reply to one of its messages. */
    MENTION;

    /** {@code off} or {@code mention}, as config.json spells it. */
    static Groups parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
