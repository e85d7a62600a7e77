package gomikrobot.channels.whatsapp.cobalt;

import static gomikrobot.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.whatsapp.WaTransport.Ending;
import gomikrobot.observe.Log;
import gomikrobot.testing.TempUserHome;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.socket.SocketState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server's failures do to the saved session, through cobalt's own handling of them (it deletes the
 * session on 401, 403, 405 and 503 alike): only a confirmed logout deletes it, for good; a temporary failure
 * or an outdated client keeps it; a replacing connection stops the channel without a reconnect loop.
 */
class SessionGuardTest {
    @TempDir
    Path home;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    private RecordingEvents events;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final Log log = new Log(Log.Level.INFO, false, new PrintStream(logged, true, StandardCharsets.UTF_8),
            Clock.systemUTC(), Set.of());
    private Path sessionDir;
    private OfflineCobalt cobalt;

    private void connected() throws InterruptedException {
        sessionDir = home.resolve("whatsapp");
        cobalt = OfflineCobalt.paired(sessionDir, log);
        events = cobalt.loggedIn();
    }

    @AfterEach
    void close() {
        if (cobalt != null) {
            cobalt.transport().disconnect();
        }
    }

    /** The server's node, then the socket closing as it does after a failure. */
    private void serverEndsWith(Node node) throws InterruptedException {
        FakeSocket socket = cobalt.socket();
        socket.deliver(node);
        await(() -> socket.state() == SocketState.DISCONNECTED || !events.endings.isEmpty(), "cobalt acting on " + node);
        socket.handler.onClose();
    }

    private boolean saved() {
        return Files.isRegularFile(sessionDir.resolve("web").resolve(cobalt.session().toString()).resolve("keys.proto"));
    }

    @Test
    void serviceUnavailableKeepsTheSessionThoughCobaltAsksToDeleteIt() throws Exception {
        connected();
        serverEndsWith(Node.of("failure", Map.of("reason", "503")));

        await(() -> events.endings.stream().anyMatch(e -> e instanceof Ending.Dropped d && d.reason().contains("503")),
                "a drop saying why");
        assertTrue(events.endings.stream().allMatch(Ending.Dropped.class::isInstance), events.endings.toString());
        assertTrue(saved(), "the session survives a temporary server failure");
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("WhatsApp session kept"),
                "cobalt did ask to delete it: " + logged);
        assertEquals(Optional.of(cobalt.session()), new CobaltSessions(sessionDir, Log.quiet()).pairedSession(),
                "still paired and pinned");
    }

    @Test
    void clientOutdatedStopsAndKeepsTheSession() throws Exception {
        connected();
        serverEndsWith(Node.of("failure", Map.of("reason", "405")));

        await(() -> events.endings.contains(new Ending.ClientOutdated()), "client outdated");
        assertTrue(saved());
    }

    @Test
    void confirmedLogoutDeletesTheSessionAndTheCloseThatFollowsDoesNotWriteItBack() throws Exception {
        connected();
        serverEndsWith(Node.of("failure", Map.of("reason", "401")));

        await(() -> events.endings.stream().anyMatch(Ending.LoggedOut.class::isInstance), "logged out");
        cobalt.transport().disconnect(); // saves on close: must not resurrect the deleted session
        assertFalse(saved(), "deleted after a confirmed logout");
        assertFalse(Files.exists(sessionDir.resolve(SessionFolder.PIN)), "and no longer pinned");
    }

    @Test
    void removedDeviceIsALogoutToo() throws Exception {
        connected();
        serverEndsWith(Node.of("stream:error", Map.of("code", "401"), Node.of("conflict", Map.of("type", "device_removed"))));

        await(() -> events.endings.stream().anyMatch(Ending.LoggedOut.class::isInstance), "logged out");
        assertFalse(saved());
    }

    @Test
    void replacedConnectionStopsWithoutReconnectingAndKeepsTheSession() throws Exception {
        connected();
        cobalt.socket().deliver(Node.of("stream:error", Node.of("conflict", Map.of("type", "replaced"))));

        await(() -> events.endings.contains(new Ending.Replaced()), "replaced");
        await(() -> cobalt.fenceRefusals() >= 1, "cobalt's own reconnect refused by the fence");
        assertEquals(1, cobalt.socketsOpened(), "no second socket fights for the session");
        assertTrue(saved());
    }

    @Test
    void serializerRefusesCobaltsDeleteUntilWhatsAppConfirmedTheLogout() {
        Path dir = home.resolve("whatsapp");
        UUID id = PairedSessions.write(dir);
        SessionSerializer serializer = new SessionSerializer(dir, Log.quiet());
        Store store = serializer.deserializeStore(ClientType.WEB, id).orElseThrow();

        serializer.deleteSession(store);
        assertEquals(Optional.of(id), serializer.pinned(), "refused: no logout confirmed");

        serializer.confirmLogout(id);
        serializer.deleteSession(store);
        serializer.serializeStore(store, false);
        assertTrue(serializer.listIds(ClientType.WEB).isEmpty(), "deleted, and later writes are dropped");
    }
}
