package gomikrobot.channels.whatsapp;

import static gomikrobot.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.ChannelStatus.State;
import gomikrobot.channels.ReconnectSchedule;
import gomikrobot.channels.whatsapp.cobalt.OfflineCobalt;
import gomikrobot.observe.Log;
import gomikrobot.testing.MutableClock;
import gomikrobot.testing.TempUserHome;
import it.auties.whatsapp.socket.SocketState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog over the real cobalt transport, whose sockets open onto a simulated server: each of cobalt
 * 0.0.10's silent deaths happens inside cobalt's own socket handler, is noticed, and is recovered by exactly one
 * new socket, never while another is alive. cobalt's own reconnect never reaches the network: the fence refuses it.
 */
class WatchdogOverCobaltTest {
    @TempDir
    Path home;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    private final MutableClock clock = new MutableClock("2026-01-02T03:04:05Z");
    private OfflineCobalt cobalt;
    private ConnectionWatchdog watchdog;

    private void connected() throws InterruptedException {
        cobalt = OfflineCobalt.paired(home.resolve("whatsapp"), Log.quiet());
        WaTransport transport = cobalt.transport();
        watchdog = new ConnectionWatchdog(transport, new ReconnectSchedule(ReconnectSchedule.DEFAULT_BASE,
                ReconnectSchedule.DEFAULT_CAP, 0.2, () -> 0.0), clock, Log.quiet());
        assertInstanceOf(WaTransport.Opening.Ready.class, transport.open());
        transport.listen(new ForwardingEvents(watchdog));
        watchdog.start();
        await(() -> watchdog.status().connected(), "first login");
        assertEquals(1, cobalt.socketsOpened());
    }

    @AfterEach
    void close() {
        if (cobalt != null) {
            cobalt.transport().disconnect();
        }
    }

    @Test
    void serverCloseInsideCobaltIsNoticedByPollingAndRecoveredOnce() throws Exception {
        connected();
        cobalt.serverClose();
        assertEquals(State.CONNECTED, watchdog.status().state(), "no event: only the next tick can tell");

        tick(Duration.ofSeconds(1));
        assertEquals(State.RECONNECTING, watchdog.status().state());
        tick(Duration.ofSeconds(1));
        await(() -> watchdog.status().connected(), "login after the reconnect");
        assertEquals(2, cobalt.socketsOpened());
        assertEquals(0, cobalt.overlaps());
    }

    @Test
    void networkErrorMakesCobaltReconnectIntoTheFenceAndTheWatchdogRecoversOnce() throws Exception {
        connected();
        cobalt.networkError();
        await(() -> watchdog.status().state() == State.RECONNECTING, "the RECONNECT failure reaching the watchdog");
        assertTrue(cobalt.fenceRefusals() >= 1, "cobalt's own reconnect went to the fence, not to the network");
        assertEquals(1, cobalt.socketsOpened());

        tick(Duration.ofSeconds(1));
        await(() -> watchdog.status().connected(), "login after the reconnect");
        assertEquals(2, cobalt.socketsOpened());
        assertEquals(0, cobalt.overlaps());
    }

    @Test
    void handshakeThatDiesLeavesCobaltStuckAndARebuiltClientRecoversOnce() throws Exception {
        connected();
        cobalt.answerNextWith(OfflineCobalt.Answer.SILENCE);
        cobalt.serverClose();
        tick(Duration.ofSeconds(2));
        assertEquals(2, cobalt.socketsOpened());
        cobalt.dieInHandshake();
        assertEquals(SocketState.HANDSHAKING, cobalt.state(), "cobalt stays in its handshake for good");

        tick(ConnectionWatchdog.LOGIN_TIMEOUT.minusSeconds(1));
        assertEquals(2, cobalt.socketsOpened(), "the stuck client's connect() opens nothing");
        tick(Duration.ofSeconds(1));
        assertEquals(State.RECONNECTING, watchdog.status().state());
        tick(Duration.ofSeconds(2));
        await(() -> watchdog.status().connected(), "login of the rebuilt client");
        assertEquals(3, cobalt.socketsOpened());
        assertEquals(0, cobalt.overlaps());
    }

    private void tick(Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            watchdog.tick();
        }
    }

    /** cobalt calls its listeners on threads of its own: wait for the event, boundedly. */
}
