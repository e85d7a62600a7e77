package gomikrobot.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.LocalWhisperConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real scripts standing in for the whisper command line. */
class WhisperBinaryTranscriberTest {
    @TempDir
    Path dir;

    @Test
    void readsTheTranscriptFileTheBinaryWrites() throws Exception {
        Path whisper = script("whisper", """
                #!/bin/sh
                # args: <file> --model <m> --output_format txt --output_dir <dir>
                name=$(basename "$1"); stem="${name%.*}"
                printf ' model %s says hello \\n' "$3" > "$7/$stem.txt"
                """);
        Path audio = Files.write(dir.resolve("AUD1.ogg"), new byte[]{1});
        assertEquals("model small says hello",
                new WhisperBinaryTranscriber(whisper, "small", Duration.ofSeconds(10)).transcribe(audio));
    }

    @Test
    void hangingBinaryIsKilledAtTheTimeout() throws Exception {
        Path whisper = script("slow", "#!/bin/sh\nsleep 30\n");
        Path audio = Files.write(dir.resolve("a.ogg"), new byte[]{1});
        long start = System.nanoTime();
        var e = assertThrows(IOException.class,
                () -> new WhisperBinaryTranscriber(whisper, "base", Duration.ofMillis(300)).transcribe(audio));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    }

    @Test
    void failingBinaryReportsItsStatus() throws Exception {
        Path whisper = script("broken", "#!/bin/sh\nexit 3\n");
        Path audio = Files.write(dir.resolve("a.ogg"), new byte[]{1});
        var e = assertThrows(IOException.class,
                () -> new WhisperBinaryTranscriber(whisper, "base", Duration.ofSeconds(5)).transcribe(audio));
        assertEquals("local whisper exited with status 3", e.getMessage());
    }

    @Test
    void providerIsUsedWhenLocalWhisperIsDisabledOrMissing() throws Exception {
        Path whisper = script("whisper", "#!/bin/sh\nexit 0\n");
        assertTrue(Transcriber.choose(null, new LocalWhisperConfig(true, "base", whisper.toString()))
                instanceof WhisperBinaryTranscriber);
        assertTrue(!(Transcriber.choose(null, new LocalWhisperConfig(false, "base", whisper.toString()))
                instanceof WhisperBinaryTranscriber));
        assertTrue(!(Transcriber.choose(null, new LocalWhisperConfig(true, "base", dir.resolve("none").toString()))
                instanceof WhisperBinaryTranscriber));
    }

    private Path script(String name, String body) throws IOException {
        Path file = Files.writeString(dir.resolve(name), body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
