package gomikrobot.channels.whatsapp.cobalt;

import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageStatus;
import java.io.IOException;

/**
 * Reads what cobalt 0.0.10 says about a send truthfully: its send future completes normally even when the message
 * never left (an encoding error, a recipient without devices), with the status {@code ERROR}; only a message
 * with another status counts as sent. Chat ids go out as cobalt's simple JID (no device suffix).
 */
public final class SentMessages {
    private SentMessages() {
    }

    /** The JID a message to {@code chatJid} is addressed to: no device or agent suffix. */
    public static Jid recipient(String chatJid) {
        return Jid.of(chatJid.strip()).toSimpleJid();
    }

    /** The id of a message cobalt reports sent; an {@code ERROR} status fails like a network error (retryable). */
    public static String idOfSent(ChatMessageInfo info, String what) throws IOException {
        if (info == null) {
            throw new IOException(what + " failed: WhatsApp returned no message");
        }
        if (info.status() == MessageStatus.ERROR) {
            throw new IOException(what + " failed: WhatsApp reported the message with status ERROR (not sent)");
        }
        return info.id();
    }
}
