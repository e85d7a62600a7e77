package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainerBuilder;
import it.auties.whatsapp.model.message.server.ProtocolMessage;
import it.auties.whatsapp.model.message.server.ProtocolMessageBuilder;
import it.auties.whatsapp.model.message.standard.AudioMessageBuilder;
import it.auties.whatsapp.model.message.standard.DocumentMessageBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessageBuilder;
import it.auties.whatsapp.model.message.standard.ReactionMessageBuilder;
import it.auties.whatsapp.model.message.standard.TextMessageBuilder;
import it.auties.whatsapp.model.jid.Jid;
import java.nio.charset.StandardCharsets;
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
        fx = new ChannelFixture(workspace, ChannelFixture.config(List.of(), false, true), true);
        fx.settings.with(AccessControl.ALLOWLIST, "4915112345678").with(AccessControl.PAIR_TOKEN, "PAIR-42");
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
        fx.transport.deliver(Messages.from("X1", FRIEND, extended, new byte[0]));
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
    void ownMessageToAnotherChatIsIgnored() throws Exception {
        var info = Messages.info("OUT1", FRIEND, Messages.OWNER + "@s.whatsapp.net", true,
                it.auties.whatsapp.model.message.model.MessageContainer.of("hi friend"));
        fx.transport.deliver(Messages.translate(info, new byte[0]));
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
    void imageIsSavedUnderMediaImagesWithCaptionAsText() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};
        var image = new ImageMessageBuilder().caption("look at this").mimetype("image/jpeg").build();
        fx.transport.deliver(Messages.from("IMG1", FRIEND, image, jpeg));
        InboundMessage m = fx.nextInbound();
        Path saved = fx.media.resolve("images/IMG1.jpg");
        assertEquals("look at this", m.text());
        assertEquals(saved.toAbsolutePath().toString(), m.mediaPath());
        assertArrayEquals(jpeg, Files.readAllBytes(saved));
    }

    @Test
    void voiceNoteIsSavedAndTranscribedThroughTheProvider() throws Exception {
        fx.openAi.setTranscript("please call me back");
        var voice = new AudioMessageBuilder().mimetype("audio/ogg; codecs=opus").voiceMessage(true).build();
        fx.transport.deliver(Messages.from("AUD1", FRIEND, voice, "OggS-voice".getBytes(StandardCharsets.US_ASCII)));
        InboundMessage m = fx.nextInbound();
        assertEquals("[Audio Transcript]: please call me back", m.text());
        assertEquals(fx.media.resolve("audio/AUD1.ogg").toAbsolutePath().toString(), m.mediaPath());
        assertEquals(1, fx.openAi.count("/audio/transcriptions"));
    }

    @Test
    void documentIsSavedAndNamedInText() throws Exception {
        var doc = new DocumentMessageBuilder().fileName("report.pdf").mimetype("application/pdf").build();
        fx.transport.deliver(Messages.from("DOC1", FRIEND, doc, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));
        InboundMessage m = fx.nextInbound();
        assertEquals("[Document: report.pdf]", m.text());
        assertTrue(Files.exists(fx.media.resolve("documents/DOC1.pdf")));
    }

    @Test
    void hostileMessageIdCannotLeaveMediaFolder() throws Exception {
        var doc = new DocumentMessageBuilder().fileName("../../evil.sh").mimetype("text/x-sh").build();
        fx.transport.deliver(Messages.from("../../../etc/x", FRIEND, doc, new byte[]{1}));
        InboundMessage m = fx.nextInbound();
        assertTrue(Path.of(m.mediaPath()).startsWith(fx.media.resolve("documents").toAbsolutePath()));
        assertEquals("_________etc_x.sh", Path.of(m.mediaPath()).getFileName().toString());
    }

    @Test
    void protocolNoiseEmptyTextAndReactionsAreDropped() throws Exception {
        var protocol = new ProtocolMessageBuilder().protocolType(ProtocolMessage.Type.EPHEMERAL_SYNC_RESPONSE).build();
        fx.transport.deliver(Messages.from("P1", FRIEND, protocol, new byte[0]));
        fx.transport.deliver(Messages.text("E1", FRIEND, "   "));
        var key = new ChatMessageKeyBuilder().id("T1").chatJid(Jid.of(FRIEND)).fromMe(true).build();
        fx.transport.deliver(Messages.from("R1", FRIEND, new ReactionMessageBuilder().key(key).content("👍").build(),
                new byte[0]));
        var empty = new MessageContainerBuilder().build();
        fx.transport.deliver(Messages.translate(Messages.info("N1", FRIEND, FRIEND, false, empty), new byte[0]));
        assertNull(fx.nextInbound());
        assertTrue(fx.unauthorized.isEmpty());
    }

    @Test
    void unknownSenderIsRecordedUnauthorizedAndNeverReachesAgent() throws Exception {
        var image = new ImageMessageBuilder().caption("buy now").mimetype("image/jpeg").build();
        fx.transport.deliver(Messages.from("U1", STRANGER, image, new byte[]{1, 2}));
        assertNull(fx.nextInbound());
        assertEquals(1, fx.unauthorized.size());
        assertEquals(UnauthorizedRecorder.UNAUTHORIZED, fx.unauthorized.getFirst().classification());
        assertEquals("buy now", fx.unauthorized.getFirst().message().text());
        assertFalse(Files.exists(fx.media.resolve("images")), "media of refused senders is not downloaded");
    }

    @Test
    void denylistedFriendIsRefused() throws Exception {
        fx.settings.with(AccessControl.DENYLIST, "[\"" + FRIEND + "\"]");
        fx.transport.deliver(Messages.text("D1", FRIEND, "hello"));
        assertNull(fx.nextInbound());
        assertEquals(1, fx.unauthorized.size());
    }

    @Test
    void pairingTokenPutsSenderOnPendingAndIsRecordedAsSubmitted() throws Exception {
        fx.transport.deliver(Messages.text("TOK1", STRANGER, "my code PAIR-42"));
        assertNull(fx.nextInbound());
        assertEquals("[\"4917000000000\"]", fx.settings.get(AccessControl.PENDING));
        assertEquals(UnauthorizedRecorder.TOKEN_SUBMITTED, fx.unauthorized.getFirst().classification());
    }
}
