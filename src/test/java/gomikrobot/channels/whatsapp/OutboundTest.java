package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.channels.SendResult;
import gomikrobot.testing.FakeOpenAiServer;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.AudioMessageBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboundTest {
    private static final String FRIEND = "4915112345678@s.whatsapp.net";

    @TempDir
    Path workspace;

    private ChannelFixture started(boolean voiceReplies) {
        var fx = new ChannelFixture(workspace, ChannelFixture.config(List.of("4915112345678"), false, true),
                voiceReplies);
        fx.channel.start();
        return fx;
    }

    @Test
    void answerGoesToTheChatJidAndBareNumbersGetTheUserServer() {
        try (var fx = started(false)) {
            assertEquals(new SendResult.Sent(), fx.channel.send(OutboundMessage.text("whatsapp", FRIEND, "hi")));
            fx.channel.send(OutboundMessage.text("whatsapp", "4917000000000", "hello"));
            assertEquals(List.of(FRIEND, "4917000000000@s.whatsapp.net"),
                    fx.transport.sent.stream().map(FakeTransport.Sent::chatJid).toList());
        }
    }

    @Test
    void chatIdsLoseSpacesPlusAndDeviceSuffixBeforeSending() {
        try (var fx = started(false)) {
            for (String id : List.of("+49 151 12345678@s.whatsapp.net", "4915112345678:5@s.whatsapp.net",
                    "4915112345678@c.us", " 4915112345678 ", "120363-1700000000@g.us")) {
                var message = OutboundMessage.text("whatsapp", id, "hi");
                assertEquals(new SendResult.Sent(), fx.channel.send(message), id);
            }
            assertEquals(List.of(FRIEND, FRIEND, FRIEND, FRIEND, "120363-1700000000@g.us"),
                    fx.transport.sent.stream().map(FakeTransport.Sent::chatJid).toList());
            var blank = (SendResult.Failed) fx.channel.send(OutboundMessage.text("whatsapp", "@s.whatsapp.net", "hi"));
            assertFalse(blank.retryable(), blank.reason());
        }
    }

    @Test
    void messagesToOneChatAreSpacedBySendIntervalOthersAreNot() {
        try (var fx = started(false)) {
            for (int i = 0; i < 3; i++) {
                fx.channel.send(OutboundMessage.text("whatsapp", FRIEND, "part " + i));
            }
            fx.channel.send(OutboundMessage.text("whatsapp", "4917000000000", "other chat"));
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), fx.sleeper.waits);
        }
    }

    @Test
    void rateLimiterFreesTheSlotAsTimePasses() {
        long[] now = {0};
        var limiter = new RateLimiter(Duration.ofSeconds(1), () -> now[0], new RecordingSleeper());
        assertEquals(Duration.ZERO, limiter.reserve("a"));
        assertEquals(Duration.ofSeconds(1), limiter.reserve("a"));
        now[0] = Duration.ofMillis(2500).toNanos();
        assertEquals(Duration.ZERO, limiter.reserve("a"));
        assertEquals(Duration.ofSeconds(1), limiter.reserve("a"));
    }

    @Test
    void voiceNoteIsAnsweredWithOpusVoiceNote() throws Exception {
        try (var fx = started(true)) {
            InboundMessage question = deliverVoiceNote(fx);
            assertEquals(new SendResult.Sent(), fx.channel.send(OutboundMessage.to(question, new Reply.Answer("sure, at five"))));
            assertArrayEquals(FakeOpenAiServer.SPEECH_BYTES, fx.transport.sent.getFirst().voice());
            assertTrue(fx.openAi.last("/audio/speech").body().contains("\"response_format\":\"opus\""));
            fx.channel.send(new OutboundMessage("whatsapp", FRIEND, "trace-x", "", new Reply.Answer("a typed follow-up")));
            assertEquals("a typed follow-up", fx.transport.sent.get(1).text());
        }
    }

    @Test
    void voiceRepliesAreOffByDefaultAndSayWhyWhenTurnedOn() {
        assertFalse(ChannelFixture.config(List.of(), false, false).voiceReplies());
        try (var fx = started(true)) {
            assertTrue(fx.log().contains("recipients may not be able to play them"), fx.log());
        }
    }

    @Test
    void voiceNoteIsAnsweredWithTextWhenVoiceRepliesAreOff() throws Exception {
        try (var fx = started(false)) {
            InboundMessage question = deliverVoiceNote(fx);
            fx.channel.send(OutboundMessage.to(question, new Reply.Answer("sure, at five")));
            assertEquals("sure, at five", fx.transport.sent.getFirst().text());
            assertEquals(0, fx.openAi.count("/audio/speech"));
        }
    }

    @Test
    void echoOfOurOwnReplyInSelfChatIsNotANewQuestion() throws Exception {
        try (var fx = started(false)) {
            String self = Messages.OWNER + "@s.whatsapp.net";
            fx.channel.send(OutboundMessage.text("whatsapp", self, "done"));
            ChatMessageInfo echo = Messages.info("SENT1", self, self, true, MessageContainer.of("done"));
            fx.transport.deliver(Messages.translate(echo));
            assertNull(fx.nextInbound());
        }
    }

    @Test
    void failedSendIsRetryableAndEmptyTextIsNot() {
        try (var fx = started(false)) {
            assertFalse(((SendResult.Failed) fx.channel.send(
                    OutboundMessage.text("whatsapp", FRIEND, "  "))).retryable());
            fx.transport.failSends = true;
            var failed = (SendResult.Failed) fx.channel.send(OutboundMessage.text("whatsapp", FRIEND, "hi"));
            assertTrue(failed.retryable());
            assertTrue(failed.reason().contains("timed out"), failed.reason());
        }
    }

    private static InboundMessage deliverVoiceNote(ChannelFixture fx) throws InterruptedException {
        var voice = new AudioMessageBuilder().mimetype("audio/ogg; codecs=opus").voiceMessage(true).build();
        fx.transport.deliver(Messages.from("VOICE1", FRIEND, voice));
        return fx.nextInbound();
    }
}
