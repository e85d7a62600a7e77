package gomikrobot.channels.whatsapp.cobalt;

import static gomikrobot.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.whatsapp.UnreadableMessage;
import gomikrobot.channels.whatsapp.WaMessage;
import gomikrobot.observe.Log;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.TempUserHome;
import it.auties.whatsapp.crypto.SessionCipher;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.session.SessionAddress;
import it.auties.whatsapp.util.Bytes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Senders addressed by LID, through the real transport over a simulated server: the phone's messages (which
 * cobalt drops) are decrypted by us and acknowledged, a companion device's (which cobalt reads as a fake phone
 * number) are mapped back, both addressed to the phone JID; a message nobody can decrypt is reported with why.
 */
class LidTest {
    @TempDir
    Path home;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    private RecordingEvents events;
    private OfflineCobalt cobalt;
    private SimulatedContact contact;

    @BeforeEach
    void connected() throws InterruptedException {
        cobalt = OfflineCobalt.paired(home.resolve("whatsapp"), Log.quiet());
        events = cobalt.loggedIn();
        cobalt.recordSent();
        contact = SimulatedContact.writingTo(cobalt);
    }

    @AfterEach
    void close() {
        cobalt.transport().disconnect();
    }

    private WaMessage awaitMessage(String id) throws InterruptedException {
        await(() -> events.messages.stream().anyMatch(m -> m.id().equals(id)), "message " + id);
        return events.messages.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void phoneWritingAsALidIsDecryptedAcknowledgedAndAddressedToItsNumber() throws Exception {
        cobalt.deliver(contact.fromLid("3EB0LID00001", "hello from the LID"));

        WaMessage message = awaitMessage("3EB0LID00001");
        assertEquals(new WaMessage.Content.Text("hello from the LID"), message.content());
        assertEquals(SimulatedContact.PHONE_JID, message.chatJid(), "the answer goes to the phone number");
        assertEquals(SimulatedContact.PHONE_JID, message.senderJid());
        assertNotNull(cobalt.awaitSent(n -> n.description().equals("ack") && "3EB0LID00001".equals(n.id()),
                Eventually.WAIT), "acknowledged, so WhatsApp stops redelivering it");
        assertNotNull(cobalt.awaitSent(n -> n.description().equals("receipt") && "3EB0LID00001".equals(n.id()),
                Eventually.WAIT), "and marked delivered");
    }

    @Test
    void aChatMovedFromThePhoneNumberToTheLidKeepsItsSession() throws Exception {
        cobalt.deliver(contact.fromPhone("3EB0PN000001", "first, by number"));
        assertEquals(SimulatedContact.PHONE_JID, awaitMessage("3EB0PN000001").senderJid());
        // our answer (cobalt's cipher) reaches the phone, which then sends plain Signal messages on that session
        var answer = new SessionCipher(new SessionAddress(SimulatedContact.PHONE, 0), cobalt.client().keys())
                .encrypt(Bytes.messageToBytes(MessageContainer.of("ok")));
        contact.receive(answer.message());

        Node byLid = contact.fromLid("3EB0LID00002", "then by LID, same session");
        assertEquals("msg", byLid.findChild("enc").orElseThrow().attributes().getString("type"));
        cobalt.deliver(byLid);
        WaMessage message = awaitMessage("3EB0LID00002");
        assertEquals(new WaMessage.Content.Text("then by LID, same session"), message.content());
        assertEquals(SimulatedContact.PHONE_JID, message.chatJid());
    }

    @Test
    void companionDeviceReadByCobaltAsAFakeNumberIsMappedBackToThePhone() throws Exception {
        cobalt.deliver(contact.fromLidCompanion("3EB0LID00003", "from the laptop", 5));

        WaMessage message = awaitMessage("3EB0LID00003");
        assertEquals(new WaMessage.Content.Text("from the laptop"), message.content());
        assertEquals(SimulatedContact.PHONE_JID, message.chatJid(), "not " + SimulatedContact.LID + "@s.whatsapp.net");
        assertEquals(SimulatedContact.PHONE_JID, message.senderJid());
    }

    @Test
    void lidMessageThatCannotBeDecryptedIsReportedWithTheReason() throws Exception {
        cobalt.deliver(contact.garbage("3EB0BAD00001", Jid.of(SimulatedContact.LID, JidServer.lid(), 0, 0)));

        await(() -> !events.unreadable.isEmpty(), "an unreadable message");
        UnreadableMessage unreadable = events.unreadable.getFirst();
        assertEquals("3EB0BAD00001", unreadable.id());
        assertEquals(SimulatedContact.LID + "@lid", unreadable.senderJid(), "no sender_pn: named by its LID");
        assertTrue(unreadable.reason().contains("could not be decrypted"), unreadable.reason());
        assertNotNull(cobalt.awaitSent(n -> n.description().equals("ack") && "3EB0BAD00001".equals(n.id()),
                Eventually.WAIT), "acknowledged all the same");
    }

    @Test
    void messageCobaltFailsToDecryptIsReportedWithCobaltsReasonInsteadOfArrivingEmpty() throws Exception {
        cobalt.deliver(contact.garbage("3EB0BAD00002", Jid.of(SimulatedContact.PHONE_JID)));

        await(() -> !events.unreadable.isEmpty(), "an unreadable message");
        UnreadableMessage unreadable = events.unreadable.getFirst();
        assertEquals(SimulatedContact.PHONE_JID, unreadable.senderJid());
        assertTrue(unreadable.reason().startsWith("it could not be decrypted ("), unreadable.reason());
        assertEquals(0, events.messages.size(), "never handed on as an empty message");
    }

    @Test
    void groupParticipantNamedByLidIsShownAsTheNumberWhatsAppGave() {
        LidSenders senders = new LidSenders();
        Jid group = Jid.of("120363000000000001@g.us");
        Jid participant = Jid.of(SimulatedContact.LID, JidServer.lid(), 0, 0);
        senders.onNode(Node.of("message", Map.of("from", group, "participant", participant,
                "participant_pn", Jid.of(SimulatedContact.PHONE_JID), "id", "3EB0GRP00001", "t", 1L)));
        var key = new ChatMessageKeyBuilder().id("3EB0GRP00001").chatJid(group).senderJid(participant).build();
        var info = new ChatMessageInfoBuilder().key(key).senderJid(participant)
                .message(MessageContainer.of("hi all")).timestampSeconds(1L).build();

        WaMessage message = senders.readdress(info, new WaMessage("3EB0GRP00001", group.toString(),
                participant.toString(), "", false, Instant.EPOCH, new WaMessage.Content.Text("hi all")));
        assertEquals(group.toString(), message.chatJid(), "the chat stays the group");
        assertEquals(SimulatedContact.PHONE_JID, message.senderJid());
    }

    @Test
    void selfUsersNameTheAccountByNumberAndByLid() {
        assertEquals(Set.of(PairedSessions.OWNER, PairedSessions.OWNER_LID + "@lid"), cobalt.transport().selfUsers());
    }
}
