package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.config.Groups;
import gomikrobot.config.WhatsAppConfig;
import it.auties.whatsapp.model.message.standard.ImageMessageBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media messages end to end: real cobalt messages carrying the media key, address, hashes and size of a file
 * encrypted by openssl and served over HTTP; cobalt's key expansion and our downloader must open it, and a file
 * that cannot be opened still brings the message to the agent, saying why.
 */
class MediaInboundTest {
    private static final String FRIEND = "4915112345678@s.whatsapp.net";
    private static final long CAP = 256 * 1024;

    @TempDir
    Path workspace;
    private ChannelFixture fx;

    @BeforeEach
    void startChannel() {
        var base = ChannelFixture.config(List.of("4915112345678"), false, true);
        fx = new ChannelFixture(workspace, new WhatsAppConfig(true, base.allowFrom(), false, true, CAP, false,
                Groups.OFF));
        fx.channel.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void imageIsDecryptedAndSavedWithItsCaptionAsText() throws Exception {
        byte[] jpeg = bytes("\u00ff\u00d8 a picture of a cat");
        var served = fx.serve("img", jpeg, OpensslMedia.IMAGE_KEYS);
        var image = Messages.image(served.file(), served.url(), "look at this");
        fx.transport.deliver(Messages.from("IMG1", FRIEND, image));
        InboundMessage m = fx.nextInbound();
        Path saved = fx.media.resolve("images/IMG1.jpg").toAbsolutePath();
        assertEquals("look at this", m.text());
        assertEquals(saved.toString(), m.mediaPath());
        assertArrayEquals(jpeg, Files.readAllBytes(saved));
    }

    @Test
    void voiceNoteIsDecryptedThenTranscribed() throws Exception {
        fx.openAi.setTranscript("please call me back");
        byte[] ogg = bytes("OggS voice note of the owner's friend");
        var served = fx.serve("ptt", ogg, OpensslMedia.AUDIO_KEYS);
        fx.transport.deliver(Messages.from("AUD1", FRIEND, Messages.voice(served.file(), served.url())));
        InboundMessage m = fx.nextInbound();
        assertEquals("[Audio Transcript]: please call me back", m.text());
        assertArrayEquals(ogg, Files.readAllBytes(fx.media.resolve("audio/AUD1.ogg")));
        assertTrue(fx.openAi.last("/audio/transcriptions").body().contains("OggS voice note of the owner's friend"),
                "the provider got the decrypted file");
    }

    @Test
    void documentIsDecryptedAndNamedInText() throws Exception {
        byte[] pdf = bytes("%PDF-1.7 quarterly report");
        var served = fx.serve("doc", pdf, OpensslMedia.DOCUMENT_KEYS);
        fx.transport.deliver(Messages.from("DOC1", FRIEND,
                Messages.document(served.file(), served.url(), "report.pdf", "application/pdf")));
        InboundMessage m = fx.nextInbound();
        assertEquals("[Document: report.pdf]", m.text());
        assertArrayEquals(pdf, Files.readAllBytes(fx.media.resolve("documents/DOC1.pdf")));
    }

    @Test
    void hostileMessageIdCannotLeaveMediaFolder() throws Exception {
        var served = fx.serve("evil", bytes("#!/bin/sh"), OpensslMedia.DOCUMENT_KEYS);
        fx.transport.deliver(Messages.from("../../../etc/x", FRIEND,
                Messages.document(served.file(), served.url(), "../../evil.sh", "text/x-sh")));
        InboundMessage m = fx.nextInbound();
        assertTrue(Path.of(m.mediaPath()).startsWith(fx.media.resolve("documents").toAbsolutePath()));
        assertEquals("_________etc_x.sh", Path.of(m.mediaPath()).getFileName().toString());
    }

    @Test
    void imageThatFailsItsMacStillReachesTheAgentWithTheReason() throws Exception {
        var served = fx.serve("bad", bytes("\u00ff\u00d8 tampered"), OpensslMedia.IMAGE_KEYS);
        byte[] wrongMediaKey = served.file().mediaKey().clone();
        wrongMediaKey[0] ^= 1; // other keys: the MAC cannot match
        var image = Messages.image(served.file(), served.url(), "look").setMediaKey(wrongMediaKey);
        fx.transport.deliver(Messages.from("BAD1", FRIEND, image));
        InboundMessage m = fx.nextInbound();
        assertEquals("look (the attachment could not be downloaded: the attachment's MAC does not match: it was"
                + " altered or the key is wrong)", m.text());
        assertEquals("", m.mediaPath());
        assertEquals(List.of(), tree(fx.media), "nothing is left in media/");
    }

    @Test
    void voiceNoteOverTheCapIsNotFetchedNorTranscribed() throws Exception {
        var served = fx.serve("long", bytes("OggS"), OpensslMedia.AUDIO_KEYS);
        var voice = Messages.voice(served.file(), served.url()).setMediaSize(2 * CAP);
        fx.transport.deliver(Messages.from("BIG1", FRIEND, voice));
        InboundMessage m = fx.nextInbound();
        assertEquals("[Voice note] (the attachment could not be downloaded: the attachment has 512 KiB, more than"
                + " 256 KiB (channels.whatsapp.maxMediaBytes))", m.text());
        assertEquals(0, fx.mediaServer.requests());
        assertEquals(0, fx.openAi.count("/audio/transcriptions"));
    }

    @Test
    void mediaMessageWithoutAKeySaysSo() throws Exception {
        var image = new ImageMessageBuilder().caption("no key").mimetype("image/jpeg").build();
        fx.transport.deliver(Messages.from("NOKEY", FRIEND, image));
        assertEquals("no key (the attachment could not be downloaded: the message carries no media key)",
                fx.nextInbound().text());
        assertFalse(Files.exists(fx.media.resolve("images")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Path> tree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).toList();
        }
    }
}
