package gomikrobot.testing;

import gomikrobot.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Bot API {@code Message} objects as Telegram sends them in updates, for {@link FakeBotApiServer#deliver}: a
 * private chat's id is the user's id; a group's is negative.
 */
public final class TelegramUpdates {
    private static final long DATE = 1_767_225_600L; // a fixed date: tests never depend on it

    private TelegramUpdates() {
    }

    public static Map<String, Object> user(long id, String username) {
        Map<String, Object> user = Json.object("id", id, "is_bot", false, "first_name", "User " + id);
        if (username != null) {
            user.put("username", username);
        }
        return user;
    }

    /** A text a user writes to the bot in their private chat. */
    public static Map<String, Object> text(long userId, String username, String text) {
        return message(userId, "private", user(userId, username), Json.object("text", text));
    }

    /** A text in a group chat, with its entities (e.g. a mention) when any. */
    public static Map<String, Object> groupText(long groupId, long userId, String text, List<Object> entities) {
        return message(groupId, "supergroup", user(userId, null), Json.object("text", text, "entities", entities));
    }

    /** A photo in three sizes, the largest last (as Telegram sends them) but not only by order: by pixels. */
    public static Map<String, Object> photo(long userId, String largestFileId, long size, String caption) {
        List<Object> sizes = List.of(
                Json.object("file_id", "thumb", "file_unique_id", "t", "width", 90, "height", 60, "file_size", 900),
                Json.object("file_id", largestFileId, "file_unique_id", "l", "width", 1280, "height", 853,
                        "file_size", size),
                Json.object("file_id", "medium", "file_unique_id", "m", "width", 320, "height", 213,
                        "file_size", 9000));
        Map<String, Object> content = Json.object("photo", sizes);
        if (caption != null) {
            content.put("caption", caption);
        }
        return message(userId, "private", user(userId, null), content);
    }

    public static Map<String, Object> voice(long userId, String fileId, long size) {
        return message(userId, "private", user(userId, null), Json.object("voice", Json.object("file_id", fileId,
                "file_unique_id", "v" + fileId, "duration", 3, "mime_type", "audio/ogg", "file_size", size)));
    }

    public static Map<String, Object> document(long userId, String fileId, String name, String mime, long size,
                                               String caption) {
        Map<String, Object> content = Json.object("document", Json.object("file_id", fileId,
                "file_unique_id", "d" + fileId, "file_name", name, "mime_type", mime, "file_size", size));
        if (caption != null) {
            content.put("caption", caption);
        }
        return message(userId, "private", user(userId, null), content);
    }

    private static Map<String, Object> message(long chatId, String type, Map<String, Object> from,
                                                            Map<String, Object> content) {
        Map<String, Object> message = Json.object("date", DATE, "chat", Json.object("id", chatId, "type", type),
                "from", from);
        message.putAll(content);
        return message;
    }
}
