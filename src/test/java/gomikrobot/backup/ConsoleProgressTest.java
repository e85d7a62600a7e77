package gomikrobot.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void printsOneLinePerTenthOfALargePartAndNothingForSmallOnes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1000);
        progress.update("config", 10, 100);
        for (long done = 0; done <= 4096; done += 64) {
            progress.update("workspace", done, 4096);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(11, lines.length);
        assertEquals("  workspace: 0% (0 B of 4.0 KiB)", lines[0]);
        assertEquals("  workspace: 100% (4.0 KiB of 4.0 KiB)", lines[10]);
    }

    @Test
    void byteCountsReadLikeAPersonWouldWriteThem() {
        assertEquals("512 B", ByteCount.format(512));
        assertEquals("1.5 KiB", ByteCount.format(1536));
        assertEquals("120.0 MiB", ByteCount.format(120L * 1024 * 1024));
    }
}
