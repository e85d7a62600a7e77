package gomikrobot.channels;

import gomikrobot.config.LocalWhisperConfig;
import gomikrobot.provider.LlmProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Turns a saved voice note into text. Failures are exceptions with a message safe to log. */
public interface Transcriber {
    Duration LOCAL_TIMEOUT = Duration.ofMinutes(2);

    String transcribe(Path audioFile) throws IOException, InterruptedException;

    /**
     * The configured local whisper binary when it is enabled and the file exists, else the provider's
     * {@code /audio/transcriptions} with its default model.
     */
    static Transcriber choose(LlmProvider provider, LocalWhisperConfig whisper) {
        if (whisper != null && whisper.enabled() && whisper.binaryPath() != null && !whisper.binaryPath().isBlank()
                && Files.isExecutable(Path.of(whisper.binaryPath()))) {
            return new WhisperBinaryTranscriber(Path.of(whisper.binaryPath()), whisper.model(), LOCAL_TIMEOUT);
        }
        return audio -> provider.transcribe(audio, null);
    }
}
