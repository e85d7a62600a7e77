package gomikrobot.channels.telegram;

import gomikrobot.channels.telegram.TgMessage.ChatType;
import gomikrobot.channels.telegram.TgMessage.Content;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Bot API's objects ({@code Update}, {@code Message}, {@code User}, {@code PhotoSize}, {@code Voice},
 * {@code Audio}, {@code Document}, {@code File}) into the channel's records. Everything from the server is
 * checked as it is read: an update that is not a message, or a message without a chat or a sender, is
 * {@link Update.Skipped} with the reason, never an exception that would stall the updates behind it.
 */
final class WireFormat {
    private static final List<String> IGNORED_KINDS = List.of("sticker", "video", "video_note", "animation",
            "location", "venue", "contact", "poll", "dice", "game", "story", "new_chat_members", "left_chat_member",
            "pinned_message");

    private WireFormat() {
    }

    /** The entries of a {@code getUpdates} result. @throws JsonException when an entry has no {@code update_id} */
    static List<Update> updates(List<Object> result) {
        List<Update> updates = new ArrayList<>();
        for (Object entry : result) {
            JsonObject update = object(entry, "update");
            long id = update.integer("update_id").orElseThrow(() -> new JsonException("an update without update_id"));
            updates.add(update(id, update));
        }
        updates.sort(Comparator.comparingLong(Update::updateId));
        return updates;
    }

    static BotUser user(JsonObject user) {
        return new BotUser(user.integer("id").orElseThrow(() -> new JsonException("a user without id")),
                user.bool("is_bot", false), user.string("username", ""), user.string("first_name", ""),
                user.string("last_name", ""));
    }

    /** A {@code File}: its path on the file server (may be missing) and its size (-1 when not said). */
    static TgFile file(JsonObject file) {
        return new TgFile(file.string("file_path", ""), file.integer("file_size", -1));
    }

    /** What {@code getFile} answers: where the file can be fetched and how large it is. */
    record TgFile(String path, long size) {
    }

    private static Update update(long id, JsonObject update) {
        boolean edited = !update.has("message") && update.has("edited_message");
        if (!update.has("message") && !edited) {
            return new Update.Skipped(id, "not a message (" + String.join(", ", otherKeys(update)) + ")");
        }
        try {
            JsonObject message = update.object(edited ? "edited_message" : "message");
            JsonObject chat = message.object("chat");
            if (!chat.has("id")) {
                return new Update.Skipped(id, "a message without a chat");
            }
            if (!message.has("from")) {
                return new Update.Skipped(id, "a message without a sender (a channel post or an anonymous admin)");
            }
            return new Update.Incoming(id, message(id, edited, message, chat));
        } catch (JsonException e) {
            return new Update.Skipped(id, "an unreadable message: " + e.getMessage());
        }
    }

    private static TgMessage message(long updateId, boolean edited, JsonObject message, JsonObject chat) {
        Set<String> mentions = new HashSet<>();
        Set<Long> mentionedIds = new HashSet<>();
        readEntities(message.string("text", ""), message.array("entities"), mentions, mentionedIds);
        readEntities(message.string("caption", ""), message.array("caption_entities"), mentions, mentionedIds);
        JsonObject repliedTo = message.object("reply_to_message").object("from");
        return new TgMessage(updateId, edited, message.integer("message_id", 0), chat.integer("id").orElseThrow(),
                ChatType.of(chat.string("type", "")), user(message.object("from")), content(message), mentions,
                mentionedIds, repliedTo.integer("id", 0));
    }

    private static Content content(JsonObject message) {
        String caption = message.string("caption", "");
        if (message.has("text")) {
            return new Content.Text(message.string("text", ""));
        }
        if (message.has("photo")) {
            JsonObject largest = message.array("photo").stream().map(p -> object(p, "photo size"))
                    .max(Comparator.comparingLong(WireFormat::pixels)).orElseThrow(() ->
                            new JsonException("a photo without sizes"));
            return new Content.Photo(fileId(largest), largest.integer("file_size", -1), caption);
        }
        if (message.has("voice")) {
            JsonObject voice = message.object("voice");
            return new Content.Audio(fileId(voice), voice.string("mime_type", "audio/ogg"),
                    voice.integer("file_size", -1), "", true);
        }
        if (message.has("audio")) {
            JsonObject audio = message.object("audio");
            return new Content.Audio(fileId(audio), audio.string("mime_type", ""), audio.integer("file_size", -1),
                    audio.string("file_name", ""), false);
        }
        if (message.has("document")) {
            JsonObject doc = message.object("document");
            return new Content.Document(fileId(doc), doc.string("file_name", ""), doc.string("mime_type", ""),
                    doc.integer("file_size", -1), caption);
        }
        return new Content.Ignored(IGNORED_KINDS.stream().filter(message::has).findFirst().orElse("unknown"));
    }

    /** Mentions ({@code @name}), mentions of users without a username, and {@code /command@bot}. */
    private static void readEntities(String text, List<Object> entities, Set<String> mentions, Set<Long> ids) {
        for (Object item : entities) {
            JsonObject entity = object(item, "entity");
            String type = entity.string("type", "");
            if (type.equals("text_mention")) {
                entity.object("user").integer("id").ifPresent(ids::add);
                continue;
            }
            // offsets and lengths count UTF-16 code units, as Java strings do
            int start = (int) entity.integer("offset", -1);
            int end = start + (int) entity.integer("length", 0);
            if (start < 0 || end > text.length() || end <= start) {
                continue;
            }
            String span = text.substring(start, end);
            int at = span.indexOf('@');
            if ((type.equals("mention") || type.equals("bot_command")) && at >= 0) {
                mentions.add(span.substring(at + 1).toLowerCase(Locale.ROOT));
            }
        }
    }

    private static long pixels(JsonObject size) {
        return size.integer("width", 0) * size.integer("height", 0);
    }

    private static String fileId(JsonObject file) {
        return file.string("file_id").filter(id -> !id.isBlank())
                .orElseThrow(() -> new JsonException("a file without file_id"));
    }

    private static List<String> otherKeys(JsonObject update) {
        return update.asMap().keySet().stream().filter(k -> !k.equals("update_id")).sorted().toList();
    }

    private static JsonObject object(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return JsonObject.of(map);
        }
        throw new JsonException("a " + what + " that is not an object");
    }
}
