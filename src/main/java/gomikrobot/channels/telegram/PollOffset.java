package gomikrobot.channels.telegram;

import gomikrobot.timeline.SettingsStore;

/**
 * The next update to ask {@code getUpdates} for, kept in the settings row {@value #KEY} as
 * {@code <bot id>:<offset>}. It is written only once every update before it has been stored (its task row
 * written, or recorded as refused), so a crash before the write makes Telegram hand the same updates over again,
 * and their idempotency keys keep them from running twice. The bot's id is part of the row because update ids
 * belong to one bot: another bot's offset would make the new bot skip its first messages.
 */
final class PollOffset {
    static final String KEY = "telegram_offset";

    private final SettingsStore settings;

    PollOffset(SettingsStore settings) {
        this.settings = settings;
    }

    /** The stored offset for this bot, or 0 (from the first unconfirmed update) when none is. */
    long next(long botId) {
        String stored = settings.get(KEY).orElse("").strip();
        String prefix = botId + ":";
        if (!stored.startsWith(prefix)) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(stored.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return 0; // a row edited by hand: start from what Telegram still holds, and write a good one after it
        }
    }

    void save(long botId, long next) {
        settings.put(KEY, botId + ":" + next);
    }
}
