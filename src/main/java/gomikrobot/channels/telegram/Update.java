package gomikrobot.channels.telegram;

/**
 * One entry of {@code getUpdates}: a message for the channel, or an update it passes over (another kind, or one
 * it cannot read). Either way its {@code update_id} moves the offset on.
 */
sealed interface Update {
    long updateId();

    record Incoming(long updateId, TgMessage message) implements Update {
    }

    record Skipped(long updateId, String why) implements Update {
    }
}
