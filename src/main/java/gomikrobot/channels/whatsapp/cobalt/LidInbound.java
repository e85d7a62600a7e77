package gomikrobot.channels.whatsapp.cobalt;

import gomikrobot.channels.whatsapp.UnreadableMessage;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.crypto.SessionCipher;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.message.SignalMessage;
import it.auties.whatsapp.model.signal.message.SignalPreKeyMessage;
import it.auties.whatsapp.model.signal.session.SessionAddress;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One-to-one messages from a sender's main device addressed by LID ({@code 123@lid}), which cobalt 0.0.10 drops
 * before decrypting ("Missing participant in group message") and never acknowledges. They are decrypted here
 * with cobalt's public Signal classes on the session's own keys: a pre-key message opens a session under the
 * LID address; a plain message uses that session, or the one still kept under the phone number that
 * {@code sender_pn} names (which is then shared under the LID). The message then takes the way of cobalt's own,
 * addressed to the phone JID so the answer reaches the person; one that cannot be read is reported with the
 * reason. Either way the node is acknowledged, so WhatsApp stops redelivering it.
 */
final class LidInbound {
    private static final long RETRY_MILLIS = 500;

    private final Consumer<ChatMessageInfo> messages;
    private final Consumer<UnreadableMessage> unreadable;
    // Signal sessions are not safe for concurrent use, and node listeners run on one thread per node
    private final ReentrantLock decrypting = new ReentrantLock();

    LidInbound(Consumer<ChatMessageInfo> messages, Consumer<UnreadableMessage> unreadable) {
        this.messages = messages;
        this.unreadable = unreadable;
    }

    /** A node listener: handles the LID one-to-one messages cobalt drops, ignores everything else. */
    void onNode(Whatsapp client, Node node) {
        var attrs = node.attributes();
        Optional<Jid> from = node.description().equals("message") ? attrs.getOptionalJid("from") : Optional.empty();
        if (from.isEmpty() || !from.get().hasServer(JidServer.lid()) || attrs.hasKey("participant") || node.id() == null) {
            return;
        }
        Jid sender = from.get();
        Optional<Jid> phone = attrs.getOptionalJid("sender_pn");
        Jid person = phone.map(Jid::toSimpleJid).orElse(LidSenders.asLid(sender));
        Instant at = Instant.ofEpochSecond(attrs.getLong("t"));
        try {
            if (!node.hasNode("enc")) {
                throw new IllegalArgumentException("no content: the phone did not share it with linked devices");
            }
            for (Node enc : node.listChildren("enc")) {
                MessageContainer container = decryptWithRetry(client.keys(), sender, phone, enc);
                messages.accept(info(client, node, sender, person, container));
            }
            client.sendNode(Node.of("receipt", Map.of("id", node.id(), "to", sender)));
        } catch (RuntimeException e) {
            unreadable.accept(new UnreadableMessage(node.id(), person.toString(), person.toString(), at,
                    "it came from a LID address and could not be decrypted (" + e.getMessage() + ")"));
        } finally {
            // the ack's answer never comes, so its future ends in cobalt's timeout: nothing waits for it
            client.sendNode(Node.of("ack", Map.of("id", node.id(), "to", sender, "class", "message")));
        }
    }

    private MessageContainer decryptWithRetry(Keys keys, Jid sender, Optional<Jid> phone, Node enc) {
        try {
            return decrypt(keys, sender, phone, enc);
        } catch (RuntimeException first) {
            if (!"msg".equals(enc.attributes().getString("type", ""))) {
                throw first;
            }
            // listener calls are unordered: the pre-key message that opens the session may still be on its way
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw first;
            }
            return decrypt(keys, sender, phone, enc);
        }
    }

    private MessageContainer decrypt(Keys keys, Jid sender, Optional<Jid> phone, Node enc) {
        String type = enc.attributes().getString("type", "");
        byte[] bytes = enc.contentAsBytes().orElseThrow(() -> new IllegalArgumentException("empty payload"));
        SessionAddress lid = sender.toSignalAddress();
        decrypting.lock();
        try {
            byte[] plain = switch (type) {
                case "pkmsg" -> new SessionCipher(lid, keys).decrypt(SignalPreKeyMessage.ofSerialized(bytes));
                case "msg" -> keys.hasSession(lid) || phone.isEmpty()
                        ? new SessionCipher(lid, keys).decrypt(SignalMessage.ofSerialized(bytes))
                        : decryptWithPhoneSession(keys, lid, new SessionAddress(phone.get().user(), sender.device()), bytes);
                default -> throw new IllegalArgumentException("unsupported payload type " + type);
            };
            int padding = plain.length == 0 ? 0 : plain[plain.length - 1];
            if (padding <= 0 || padding > plain.length) {
                throw new IllegalArgumentException("bad padding");
            }
            // from a stream: cobalt's byte-array path parses JIDs with a device suffix wrongly (SessionSerializer)
            return MessageContainerSpec.decode(ProtobufInputStream.fromStream(
                    new ByteArrayInputStream(plain, 0, plain.length - padding)));
        } finally {
            decrypting.unlock();
        }
    }

    /** The session may still be kept under the phone number (as before WhatsApp moved the chat to the LID). */
    private static byte[] decryptWithPhoneSession(Keys keys, SessionAddress lid, SessionAddress phone, byte[] bytes) {
        byte[] plain = new SessionCipher(phone, keys).decrypt(SignalMessage.ofSerialized(bytes));
        keys.findSessionByAddress(phone).ifPresent(session -> keys.addSession(lid, session));
        return plain;
    }

    private static ChatMessageInfo info(Whatsapp client, Node node, Jid sender, Jid person, MessageContainer container) {
        boolean fromMe = client.store().lid().map(own -> own.user().equals(sender.user())).orElse(false);
        Jid chat = fromMe ? client.store().jid().map(Jid::toSimpleJid).orElse(person) : person;
        var key = new ChatMessageKeyBuilder().id(node.id()).chatJid(chat).senderJid(person).fromMe(fromMe).build();
        return new ChatMessageInfoBuilder().key(key).senderJid(person).message(container)
                .timestampSeconds(node.attributes().getLong("t"))
                .pushName(node.attributes().getNullableString("notify"))
                .status(MessageStatus.DELIVERED)
                .build();
    }
}
