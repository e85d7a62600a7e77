package gomikrobot.channels.whatsapp;

import java.time.Instant;
import java.util.Objects;

/**
 * A message WhatsApp delivered that we could not read (no Signal session, a bad MAC, a payload the library
 * cannot decode). It never reaches the agent, but the owner sees it in the timeline with {@code reason}.
 *
 * @param chatJid   the chat it belongs to, already mapped from a LID to the phone JID when WhatsApp named one
 * @param senderJid who wrote it, mapped the same way
 */
public record UnreadableMessage(String id, String chatJid, String senderJid, Instant at, String reason) {
    public UnreadableMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chatJid, "chatJid");
        senderJid = Objects.requireNonNullElse(senderJid, chatJid);
        Objects.requireNonNull(at, "at");
        reason = reason == null || reason.isBlank() ? "it could not be decrypted" : reason.strip();
    }
}
