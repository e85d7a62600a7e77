package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.channels.access.UnauthorizedRecorder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerBuilder;
import it.auties.whatsapp.model.message.server.ProtocolMessage;
import it.auties.whatsapp.model.message.server.ProtocolMessageBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessageBuilder;
import it.auties.whatsapp.model.message.standard.ReactionMessageBuilder;
import it.auties.whatsapp.model.message.standard.TextMessageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboundTest {
    private static final String FRIEND = "4915112345678@s.whatsapp.net";
    private static final String STRANGER = "4917000000000@s.whatsapp.net";

    @TempDir
    Path workspace;
    private ChannelFixture fx;

    @BeforeEach
    void startChannel() {
        fx = new ChannelFixture(workspace, ChannelFixture.config(List.of(), false, true));
        fx.settings.with(WhatsAppAccess.RULES.allowlistKey(), "4915112345678").with(WhatsAppAccess.RULES.pairTokenKey(), "PAIR-42");
        fx.channel.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void allowedTextReachesBusWithIdsOfTheContract() throws Exception {
        fx.transport.deliver(Messages.text("3EB0AA", FRIEND, "hello agent"));
        InboundMessage m = fx.nextInbound();
        assertEquals("whatsapp", m.channel());
        assertEquals(FRIEND, m.chatId());
        assertEquals("4915112345678", m.senderId());
        assertEquals("hello agent", m.text());
        assertEquals("wa-3EB0AA", m.traceId());
        assertEquals("wa:3EB0AA", m.idempotencyKey());
        assertEquals("3EB0AA", m.messageId());
        assertFalse(m.internal());
    }

    @Test
    void extendedTextIsRead() throws Exception {
        var extended = new TextMessageBuilder().text("see https://example.org").build();
        fx.transport.deliver(Messages.from("X1", FRIEND, extended));
        assertEquals("see https://example.org", fx.nextInbound().text());
    }

    @Test
    void ownSelfChatIsInternalWithoutAnyAllowlist() throws Exception {
        fx.settings.rows.clear();
        fx.transport.deliver(Messages.selfChat("SELF1", "note to self"));
        InboundMessage m = fx.nextInbound();
        assertTrue(m.internal());
        assertEquals(Messages.OWNER, m.senderId());
    }

    @Test
    void ownSelfChatWithADeviceSuffixIsTheSameChat() throws Exception {
        String phoneDevice = Messages.OWNER + ":3@s.whatsapp.net"; // cobalt keeps it without a recipient attribute
        fx.transport.deliver(Messages.translate(Messages.info("SELF2", phoneDevice, phoneDevice, true,
                MessageContainer.of("from my phone"))));
        InboundMessage m = fx.nextInbound();
        assertTrue(m.internal());
        assertEquals(Messages.OWNER + "@s.whatsapp.net", m.chatId(), "one session and one reply address");
    }

    @Test
    void ownMessageToAnotherChatIsIgnored() throws Exception {
        var info = Messages.info("OUT1", FRIEND, Messages.OWNER + "@s.whatsapp.net", true,
                MessageContainer.of("hi friend"));
        fx.transport.deliver(Messages.translate(info));
        assertNull(fx.nextInbound());
    }

    @Test
    void redeliveredMessageIsProcessedOnce() throws Exception {
        fx.transport.deliver(Messages.text("DUP1", FRIEND, "once"));
        fx.transport.deliver(Messages.text("DUP1", FRIEND, "once"));
        assertEquals("once", fx.nextInbound().text());
        assertNull(fx.nextInbound());
    }

    @Test
    void protocolNoiseEmptyTextAndReactionsAreDropped() throws Exception {
        var protocol = new ProtocolMessageBuilder().protocolType(ProtocolMessage.Type.EPHEMERAL_SYNC_RESPONSE).build();
        fx.transport.deliver(Messages.from("P1", FRIEND, protocol));
        fx.transport.deliver(Messages.text("E1", FRIEND, "   "));
        var key = new ChatMessageKeyBuilder().id("T1").chatJid(Jid.of(FRIEND)).fromMe(true).build();
        fx.transport.deliver(Messages.from("R1", FRIEND, new ReactionMessageBuilder().key(key).content("👍").build()));
        var empty = new MessageContainerBuilder().build();
        fx.transport.deliver(Messages.translate(Messages.info("N1", FRIEND, FRIEND, false, empty)));
        assertNull(fx.nextInbound());
        assertTrue(fx.unauthorized.isEmpty());
    }

    @Test
    void unknownSenderIsRecordedUnauthorizedAndNeverReachesAgent() throws Exception {
        var image = new ImageMessageBuilder().caption("buy now").mimetype("image/jpeg").build();
        fx.transport.deliver(Messages.from("U1", STRANGER, image));
        assertNull(fx.nextInbound());
        assertEquals(1, fx.unauthorized.size());
        assertEquals(UnauthorizedRecorder.UNAUTHORIZED, fx.unauthorized.getFirst().classification());
        assertEquals("buy now", fx.unauthorized.getFirst().message().text());
        assertFalse(Files.exists(fx.media.resolve("images")), "media of refused senders is not downloaded");
    }

    @Test
    void denylistedFriendIsRefused() throws Exception {
        fx.settings.with(WhatsAppAccess.RULES.denylistKey(), "[\"" + FRIEND + "\"]");
        fx.transport.deliver(Messages.text("D1", FRIEND, "hello"));
        assertNull(fx.nextInbound());
        assertEquals(1, fx.unauthorized.size());
    }

    @Test
    void pairingTokenPutsSenderOnPendingAndIsRecordedAsSubmitted() throws Exception {
        fx.transport.deliver(Messages.text("TOK1", STRANGER, "my code PAIR-42"));
        assertNull(fx.nextInbound());
        assertEquals("[\"4917000000000\"]", fx.settings.get(WhatsAppAccess.RULES.pendingKey()));
        assertEquals(UnauthorizedRecorder.TOKEN_SUBMITTED, fx.unauthorized.getFirst().classification());
    }
}
