package gomikrobot.channels.whatsapp.cobalt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.whatsapp.WaTransport;
import gomikrobot.observe.Log;
import gomikrobot.testing.TempUserHome;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real cobalt glue, offline: the session is looked up only in our directory, an unpaired or half-made
 * session reports unpaired without connecting, and nothing is written in the JVM's home folder (pointed at an
 * empty temp dir for the test, since cobalt's defaults live in {@code ~/.cobalt}).
 */
class CobaltSessionStoreTest {
    @TempDir
    Path home;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    @Test
    void emptySessionDirIsUnpairedAndCreatesNothing() throws IOException {
        var transport = new CobaltTransport(home.resolve("whatsapp"), Log.quiet());
        assertInstanceOf(WaTransport.Opening.Unpaired.class, transport.open());
        assertFalse(transport.isConnected());
        assertEquals(List.of(), listTree(userHomeSandbox.path()));
        assertFalse(Files.exists(home.resolve("whatsapp")), "looking for a session must not create one");
    }

    @Test
    void sessionThatNeverFinishedPairingIsUnpaired() throws Exception {
        Path sessionDir = home.resolve("whatsapp");
        var serializer = ControllerSerializer.toProtobuf(sessionDir);
        // newStoreKeysPair writes the keys on a pool thread (and a second serializeKeys of the same keys is a
        // no-op), so wait for the file itself: cobalt moves it into place whole, and the temp dir's clean-up
        // must not race that move.
        serializer.newStoreKeysPair(UUID.randomUUID(), null, null, ClientType.WEB);
        waitForKeysFile(sessionDir);

        var transport = new CobaltTransport(sessionDir, Log.quiet());
        assertInstanceOf(WaTransport.Opening.Unpaired.class, transport.open());
        assertTrue(transport.selfUsers().isEmpty());
        assertEquals(List.of(), listTree(userHomeSandbox.path()), "cobalt wrote into the home folder");
    }

    private static void waitForKeysFile(Path dir) throws InterruptedException, IOException {
        for (int i = 0; i < 250 && keysFiles(dir).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertEquals(1, keysFiles(dir).size(), "cobalt wrote no keys into " + dir);
    }

    private static List<Path> keysFiles(Path dir) throws IOException {
        return listTree(dir).stream().filter(p -> p.getFileName().toString().equals("keys.proto") && Files.isRegularFile(p)).toList();
    }

    private static List<Path> listTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).toList();
        }
    }
}
