package gomikrobot.channels.whatsapp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One incoming WhatsApp message in our own terms, so everything below the cobalt glue can be driven by tests.
 *
 * @param chatJid      the chat JID without a device suffix ({@code …@s.whatsapp.net}, {@code …@g.us},
 *                     {@code …@lid})
 * @param senderJid    the JID of the person who wrote it (the participant in a group)
 * @param fromMe       written by the linked account itself (on any of its devices)
 * @param mentions     the JIDs the message mentions ({@code @4915…} in the text)
 * @param quotedSender the JID whose message this one replies to, or ""
 */
public record WaMessage(String id, String chatJid, String senderJid, String pushName, boolean fromMe, Instant at,
                 Content content, List<String> mentions, String quotedSender) {

    public WaMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chatJid, "chatJid");
        senderJid = Objects.requireNonNullElse(senderJid, chatJid);
        pushName = Objects.requireNonNullElse(pushName, "");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(content, "content");
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        quotedSender = Objects.requireNonNullElse(quotedSender, "");
    }

    /** A message that mentions no one and replies to nothing. */
    public WaMessage(String id, String chatJid, String senderJid, String pushName, boolean fromMe, Instant at,
                     Content content) {
        this(id, chatJid, senderJid, pushName, fromMe, at, content, List.of(), "");
    }

    /** The same message under other addresses: a sender WhatsApp named by LID, mapped to its phone JID. */
    public WaMessage readdressed(String newChatJid, String newSenderJid) {
        return new WaMessage(id, newChatJid, newSenderJid, pushName, fromMe, at, content, mentions, quotedSender);
    }

    /** What the message carries. */
    public sealed interface Content {
        /** Plain or extended text. */
        record Text(String text) implements Content {
        }

        record Image(String caption, String mimeType, Attachment media) implements Content {
        }

        /** {@code voice} marks a push-to-talk note. */
        record Audio(boolean voice, String mimeType, Attachment media) implements Content {
        }

        record Document(String fileName, String caption, String mimeType, Attachment media) implements Content {
        }

        /** An emoji reaction; an empty emoji is a removed reaction. */
        record Reaction(String emoji) implements Content {
        }

        /** Protocol noise, receipts, stickers, polls and anything else the agent does not read. */
        record Ignored(String kind) implements Content {
        }
    }
}
