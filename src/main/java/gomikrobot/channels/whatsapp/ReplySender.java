package gomikrobot.channels.whatsapp;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.PersonText;
import gomikrobot.channels.SendResult;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Sends one answer: waits for the chat's rate-limit slot, then sends a voice note when the question was a voice
 * note and voice replies are on (falling back to text if speech synthesis fails), else text. Remembers the ids
 * it sent so their echo in the self-chat is not taken for a new question.
 */
final class ReplySender {
    private final WaTransport transport;
    private final RateLimiter limiter;
    private final Function<String, byte[]> speech;
    private final boolean voiceReplies;
    private final RecentIds voiceTraces;
    private final RecentIds sentByUs;
    private final Duration timeout;
    private final Log log;

    ReplySender(WaTransport transport, RateLimiter limiter, Function<String, byte[]> speech, boolean voiceReplies,
                RecentIds voiceTraces, RecentIds sentByUs, Duration timeout, Log log) {
        this.transport = transport;
        this.limiter = limiter;
        this.speech = speech;
        this.voiceReplies = voiceReplies;
        this.voiceTraces = voiceTraces;
        this.sentByUs = sentByUs;
        this.timeout = timeout;
        this.log = log;
    }

    SendResult send(OutboundMessage message) {
        String chat;
        try {
            chat = JidText.chatJid(message.chatId());
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed(e.getMessage(), false);
        }
        if (PersonText.of(message.reply()).isBlank()) {
            return new SendResult.Failed("empty message", false);
        }
        try {
            limiter.acquire(chat);
            sentByUs.add(deliver(chat, message));
            return new SendResult.Sent();
        } catch (IOException e) {
            return new SendResult.Failed("WhatsApp send failed: " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Failed("interrupted", true);
        }
    }

    private String deliver(String chat, OutboundMessage message) throws IOException, InterruptedException {
        if (voiceReplies && !message.traceId().isEmpty() && voiceTraces.contains(message.traceId())) {
            byte[] audio = synthesize(PersonText.of(message.reply()));
            if (audio.length > 0) {
                return transport.sendVoice(chat, audio, timeout);
            }
        }
        return transport.sendText(chat, PersonText.of(message.reply()), timeout);
    }

    private byte[] synthesize(String text) {
        try {
            return speech.apply(text);
        } catch (RuntimeException e) {
            log.warn("Text-to-speech failed, answering with text", "error", e.getMessage());
            return new byte[0];
        }
    }
}
