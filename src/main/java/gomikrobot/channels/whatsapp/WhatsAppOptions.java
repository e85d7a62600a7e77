package gomikrobot.channels.whatsapp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the channel keeps its files and how it sends.
 *
 * @param sessionDir   the library's session store ({@code <home>/whatsapp}); never {@code ~/.cobalt}
 * @param mediaDir     where received media are saved ({@code <workspace>/media})
 * @param sendTimeout  how long one send may take before it fails (retryable)
 * @param sendInterval the minimum gap between two messages to the same chat
 * @param ttsVoice     the provider's voice name for voice replies
 */
public record WhatsAppOptions(Path sessionDir, Path mediaDir, Duration sendTimeout, Duration sendInterval,
                              String ttsVoice) {
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SEND_INTERVAL = Duration.ofSeconds(1);
    public static final String DEFAULT_VOICE = "alloy";

    public WhatsAppOptions {
        Objects.requireNonNull(sessionDir, "sessionDir");
        Objects.requireNonNull(mediaDir, "mediaDir");
        if (sendTimeout == null || sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("send timeout must be positive: " + sendTimeout);
        }
        if (sendInterval == null || sendInterval.isNegative()) {
            throw new IllegalArgumentException("send interval must not be negative: " + sendInterval);
        }
        ttsVoice = ttsVoice == null || ttsVoice.isBlank() ? DEFAULT_VOICE : ttsVoice.strip();
    }

    /** {@code <home>/whatsapp} and {@code <workspace>/media}, 30 s sends, one message a second per chat. */
    public static WhatsAppOptions defaults(Path home, Path workspace) {
        return new WhatsAppOptions(home.resolve("whatsapp"), workspace.resolve("media"), DEFAULT_SEND_TIMEOUT,
                DEFAULT_SEND_INTERVAL, DEFAULT_VOICE);
    }
}
