package gomikrobot.cli;

import gomikrobot.channels.whatsapp.SessionLock;
import gomikrobot.testing.TempUserHome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gomikrobot whatsapp-auth} through the real cobalt library on a machine without network: one line,
 * exit 1, well within 30 s, and no session or cobalt file left behind. Skipped where web.whatsapp.com
 * resolves, because there the command would really start pairing.
 */
class WhatsAppAuthOfflineTest {
    @TempDir
    Path userHome;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    @Test
    void withoutNetworkExitsOneWithinThirtySecondsWithOneClearLine() throws IOException {
        assumeTrue(offline(), "web.whatsapp.com resolves here; this test needs a machine without network");
        long start = System.nanoTime();

        CliRun r = CliRun.run(userHome, "whatsapp-auth");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(1, r.exit, r.out + r.err);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "took " + took);
        List<String> lines = r.err.lines().toList();
        assertEquals(1, lines.size(), r.err);
        assertTrue(lines.getFirst().startsWith("gomikrobot whatsapp-auth: cannot reach WhatsApp (web.whatsapp.com): "),
                lines.getFirst());
        Path home = userHome.resolve(".gomikrobot");
        assertEquals(List.of(), files(home.resolve("whatsapp")).stream()
                .filter(f -> !f.getFileName().toString().equals(SessionLock.FILE)).toList(),
                "a failed attempt leaves no session (the lock file stays: deleting it would be unsafe)");
        assertEquals(List.of(), files(userHomeSandbox.path()), "nothing written into the home folder");
        assertTrue(Files.notExists(home.resolve("whatsapp-qr.png")));
    }

    private static boolean offline() {
        try {
            InetAddress.getByName(WhatsAppPairingRun.HOST);
            return false;
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** Regular files only: cobalt may leave its empty folder structure. */
    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
