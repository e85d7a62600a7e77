package gomikrobot.channels.telegram;

import java.util.Locale;
import java.util.Set;

/**
 * One message the bot received (a Bot API {@code Message} from an update's {@code message} or
 * {@code edited_message}), reduced to what the channel reads: where it was written, by whom, what it holds,
 * whom it mentions (usernames in lower case without '@', and ids of users mentioned without a username), and
 * whose message it replies to (0 for none).
 */
record TgMessage(long updateId, boolean edited, long messageId, long chatId, ChatType chatType, BotUser from,
                 Content content, Set<String> mentions, Set<Long> mentionedIds, long replyToUserId) {

    TgMessage {
        mentions = Set.copyOf(mentions);
        mentionedIds = Set.copyOf(mentionedIds);
    }

    /** Private chats, groups (supergroups too) and channels. */
    enum ChatType {
        PRIVATE, GROUP, CHANNEL;

        static ChatType of(String wire) {
            return switch (wire == null ? "" : wire.toLowerCase(Locale.ROOT)) {
                case "private" -> PRIVATE;
                case "group", "supergroup" -> GROUP;
                default -> CHANNEL;
            };
        }
    }

    /** What a message holds; a file is named by its {@code file_id}, fetched only for admitted senders. */
    sealed interface Content {
        record Text(String text) implements Content {
        }

        /** The largest of the sizes Telegram offers. {@code size} is -1 when not announced. */
        record Photo(String fileId, long size, String caption) implements Content {
        }

        /** A voice note ({@code voice}) or a music file ({@code audio}). */
        record Audio(String fileId, String mimeType, long size, String fileName, boolean voice) implements Content {
        }

        record Document(String fileId, String fileName, String mimeType, long size, String caption)
                implements Content {
        }

        /** A kind the agent does not read (sticker, video, location, poll, …). */
        record Ignored(String kind) implements Content {
        }
    }
}
