package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.WaMessage;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps senders addressed by a LID (WhatsApp's private per-user id) back to their phone JID, which WhatsApp names
 * in the raw node ({@code sender_pn}, in groups {@code participant_pn}) and cobalt 0.0.10 never reads. cobalt
 * decodes a LID companion device as a fake phone number ({@code 123_1:5@s.whatsapp.net}, agent 1): replying to
 * that would write to a number that does not exist, or to a stranger. The raw node reaches us on another thread
 * than the decoded message, so a lookup waits briefly; without a phone JID the sender is named {@code 123@lid}.
 */
final class LidSenders {
    private static final int CAPACITY = 4096;
    private static final long WAIT_MILLIS = Duration.ofSeconds(1).toMillis();
    private static final int LID_AGENT = 1;

    private final Map<String, Jid> phoneByMessageId = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Jid> eldest) {
            return size() > CAPACITY;
        }
    };

    /** A node listener: remembers the phone JID of every LID-addressed message. */
    void onNode(Node node) {
        if (!node.description().equals("message") || node.id() == null) {
            return;
        }
        var attrs = node.attributes();
        Optional<Jid> from = attrs.getOptionalJid("from");
        Optional<Jid> participant = attrs.getOptionalJid("participant");
        Optional<Jid> phone = participant.isPresent()
                ? participant.filter(LidSenders::isLid).flatMap(p -> attrs.getOptionalJid("participant_pn"))
                : from.filter(LidSenders::isLid).flatMap(f -> attrs.getOptionalJid("sender_pn"));
        phone.ifPresent(pn -> remember(node.id(), pn));
    }

    /** {@code message} with its chat and sender moved from a LID to the phone JID, when the sender was a LID. */
    WaMessage readdress(ChatMessageInfo info, WaMessage message) {
        Jid sender = info.senderJid();
        if (!isLid(sender)) {
            return message;
        }
        Optional<Jid> phone = phoneOf(info.id());
        String senderText = phone.map(Jid::toSimpleJid).orElse(asLid(sender)).toString();
        boolean oneToOne = info.chatJid().user().equals(sender.user());
        return message.readdressed(oneToOne ? senderText : message.chatJid(), senderText);
    }

    /** The phone JID WhatsApp gave for message {@code id}, waiting a moment for its node. */
    synchronized Optional<Jid> phoneOf(String id) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        for (long left = WAIT_MILLIS; !phoneByMessageId.containsKey(id) && left > 0;
             left = deadline - System.currentTimeMillis()) {
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.ofNullable(phoneByMessageId.get(id));
    }

    /** True for {@code …@lid} and for cobalt's rendering of a LID device as agent 1 on {@code s.whatsapp.net}. */
    static boolean isLid(Jid jid) {
        return jid.hasServer(JidServer.lid()) || (jid.hasServer(JidServer.whatsapp()) && jid.agent() == LID_AGENT);
    }

    /** {@code 123@lid} for any form of a LID JID. */
    static Jid asLid(Jid jid) {
        return Jid.of(jid.user(), JidServer.lid(), 0, 0);
    }

    private synchronized void remember(String id, Jid phone) {
        phoneByMessageId.put(id, phone);
        notifyAll();
    }
}
