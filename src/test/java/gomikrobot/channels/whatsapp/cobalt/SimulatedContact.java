package gomikrobot.channels.whatsapp.cobalt;

import it.auties.whatsapp.crypto.CipheredMessageResult;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.session.SessionAddress;
import java.time.Instant;
import java.util.Map;

/**
 * A person writing to the linked account, as WhatsApp's server delivers them: a phone number, a LID, and the
 * message nodes of their devices, encrypted with Signal sessions they opened to us (cobalt's own classes). A
 * LID-addressed node names the phone number in {@code sender_pn}, as whatsmeow reads it.
 */
public final class SimulatedContact {
    public static final String PHONE = "4915112345678";
    public static final String LID = "123456789012345";
    public static final String PHONE_JID = PHONE + "@s.whatsapp.net";

    private final OfflineCobalt cobalt;
    private final SignalPeer phone;
    private long seconds = Instant.now().getEpochSecond() + 5; // cobalt ignores anything older than its store

    private SimulatedContact(OfflineCobalt cobalt) {
        this.cobalt = cobalt;
        this.phone = SignalPeer.towards(cobalt.client().keys(), ourAddress());
    }

    /** A contact whose phone fetched our pre-key bundle; {@code cobalt} must be open. */
    public static SimulatedContact writingTo(OfflineCobalt cobalt) {
        return new SimulatedContact(cobalt);
    }

    /** A text from the phone (device 0) addressed by LID: cobalt 0.0.10 drops these before decrypting. */
    public Node fromLid(String id, String text) {
        return message(id, Jid.of(LID, JidServer.lid(), 0, 0), Jid.of(PHONE_JID), phone.send(text));
    }

    /** A text from the phone addressed by phone number, as before WhatsApp moved the chat to LIDs. */
    public Node fromPhone(String id, String text) {
        return message(id, Jid.of(PHONE_JID), null, phone.send(text));
    }

    /** A text from a new companion device of the contact, LID-addressed; cobalt reads its JID as a fake number. */
    public Node fromLidCompanion(String id, String text, int device) {
        SignalPeer companion = SignalPeer.towards(cobalt.client().keys(), ourAddress());
        // the server writes device JIDs as AD_JID with domain 1 (LID); cobalt writes Jid.agent() as that byte
        return message(id, Jid.of(LID, JidServer.whatsapp(), device, 1), Jid.of(PHONE + ":" + device + "@s.whatsapp.net"),
                companion.send(text));
    }

    /** The phone reads our answer (a Signal message), so its next messages are plain {@code msg}s on that session. */
    public void receive(byte[] signalMessage) {
        phone.receive(signalMessage);
    }

    /** A node whose payload no session can decrypt. */
    public Node garbage(String id, Jid from) {
        return Node.of("message", Map.of("from", from, "id", id, "t", nextSecond(), "type", "text"),
                Node.of("enc", Map.of("type", "msg", "v", "2"), new byte[]{51, 10, 33, 5, 1, 2, 3, 4}));
    }

    private Node message(String id, Jid from, Jid senderPn, CipheredMessageResult payload) {
        Map<String, Object> attributes = senderPn == null
                ? Map.of("from", from, "id", id, "t", nextSecond(), "type", "text", "notify", "Alice")
                : Map.of("from", from, "sender_pn", senderPn, "id", id, "t", nextSecond(), "type", "text", "notify", "Alice");
        return Node.of("message", attributes, Node.of("enc", Map.of("type", payload.type(), "v", "2"), payload.message()));
    }

    private long nextSecond() {
        return seconds++;
    }

    private static SessionAddress ourAddress() {
        return new SessionAddress(PairedSessions.OWNER, 7);
    }
}
