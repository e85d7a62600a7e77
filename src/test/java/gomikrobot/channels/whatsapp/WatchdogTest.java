package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.ChannelStatus.State;
import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.ReconnectSchedule;
import gomikrobot.channels.whatsapp.DyingTransport.Answer;
import gomikrobot.channels.whatsapp.WaTransport.Ending;
import gomikrobot.observe.Log;
import gomikrobot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watchdog through each way cobalt 0.0.10 lets a connection die, on a transport that dies the same way: each
 * death is noticed and recovered by exactly one new socket, never two open at once, with backoff in between.
 * Time moves only when the test says so.
 */
class WatchdogTest {
    private final MutableClock clock = new MutableClock("2026-01-02T03:04:05Z");
    private final DyingTransport transport = new DyingTransport();
    private final ConnectionWatchdog watchdog = new ConnectionWatchdog(transport,
            new ReconnectSchedule(ReconnectSchedule.DEFAULT_BASE, ReconnectSchedule.DEFAULT_CAP, 0.2, () -> 0.0),
            clock, Log.quiet());

    WatchdogTest() {
        transport.listen(new ForwardingEvents(watchdog));
    }

    private ChannelStatus connected() {
        watchdog.start();
        assertEquals(State.CONNECTED, watchdog.status().state());
        return watchdog.status();
    }

    /** Moves the clock a second at a time, ticking after each, as the channel's ticker does. */
    private void runFor(Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            watchdog.tick();
        }
    }

    @Test
    void serverCloseWithoutAnyEventIsNoticedAndRecoveredByOneNewSocket() {
        connected();
        transport.serverClose();

        runFor(Duration.ofSeconds(1));
        ChannelStatus lost = watchdog.status();
        assertEquals(State.RECONNECTING, lost.state(), "noticed by polling, without any event");
        assertEquals(clock.instant().plusSeconds(1), lost.nextAttemptAt());
        assertTrue(lost.detail().contains("closed without notice"), lost.detail());

        runFor(Duration.ofSeconds(1));
        assertEquals(State.CONNECTED, watchdog.status().state());
        assertEquals(2, transport.sockets);
        assertEquals(1, transport.maxOpen, "never two sockets at once");
    }

    @Test
    void aLoginReportedAfterItsSocketClosedDoesNotCountAsConnected() {
        connected();
        transport.serverClose();
        runFor(Duration.ofSeconds(1));

        watchdog.onLoggedIn(); // the first login's report, late, from cobalt's thread
        assertEquals(State.RECONNECTING, watchdog.status().state());

        runFor(Duration.ofSeconds(1));
        assertEquals(State.CONNECTED, watchdog.status().state());
        assertEquals(2, transport.sockets);
    }

    @Test
    void failedReconnectHeardOnlyByTheErrorHandlerIsRecoveredByOneNewSocket() {
        connected();
        transport.networkError();

        assertEquals(State.RECONNECTING, watchdog.status().state());
        assertEquals(1, transport.sockets, "the library's own attempt ran into the fence");
        runFor(Duration.ofSeconds(1));
        assertEquals(State.CONNECTED, watchdog.status().state());
        assertEquals(2, transport.sockets);
        assertEquals(1, transport.maxOpen);
    }

    @Test
    void handshakeThatNeverEndsIsGivenUpTheClientRebuiltAndRecoveredByOneNewSocket() {
        connected();
        transport.answers.add(Answer.SILENCE);
        transport.serverClose();
        runFor(Duration.ofSeconds(2));
        assertEquals(DyingTransport.State.HANDSHAKING, transport.state());
        transport.dieInHandshake(); // the socket dies during the handshake: cobalt stays HANDSHAKING for good

        runFor(ConnectionWatchdog.LOGIN_TIMEOUT.minusSeconds(2));
        assertEquals(0, transport.rebuilds, "waits out the login timeout first");
        assertEquals(2, transport.sockets, "a wedged client's connect() opens nothing");
        runFor(Duration.ofSeconds(2));
        assertEquals(1, transport.rebuilds);
        assertEquals(State.RECONNECTING, watchdog.status().state());
        assertTrue(watchdog.status().detail().contains("handshake did not finish"), watchdog.status().detail());

        runFor(Duration.ofSeconds(2));
        assertEquals(State.CONNECTED, watchdog.status().state());
        assertEquals(3, transport.sockets);
        assertEquals(1, transport.maxOpen);
    }

    @Test
    void aReasonArrivingAfterTheDropReplacesTheDetailButNotTheTime() {
        connected();
        transport.networkError();
        Instant next = watchdog.status().nextAttemptAt();
        watchdog.onEnded(new Ending.Dropped("WhatsApp refused the login for now (failure 503: service unavailable)"));
        assertEquals(next, watchdog.status().nextAttemptAt());
        assertTrue(watchdog.status().detail().startsWith("WhatsApp refused the login for now"), watchdog.status().detail());
    }

    @Test
    void failedAttemptsBackOffFromOneSecondToFiveMinutes() {
        for (int i = 0; i < 12; i++) {
            transport.answers.add(Answer.REFUSE);
        }
        watchdog.start();
        Instant failedAt = clock.instant();
        List<Long> waits = new ArrayList<>();
        while (watchdog.status().state() != State.CONNECTED) {
            Instant next = watchdog.status().nextAttemptAt();
            waits.add(Duration.between(failedAt, next).toSeconds());
            clock.advance(Duration.between(clock.instant(), next));
            failedAt = next;
            watchdog.tick();
        }
        assertEquals(List.of(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L, 300L), waits);
        assertEquals(1, transport.sockets);
    }

    @Test
    void logoutClientOutdatedAndReplacedStopForGoodWithTheirOwnStates() {
        for (Ending ending : List.of(new Ending.LoggedOut("failure 401"), new Ending.ClientOutdated(), new Ending.Replaced())) {
            var dying = new DyingTransport();
            var dog = new ConnectionWatchdog(dying, ReconnectSchedule.standard(), clock, Log.quiet());
            dying.listen(new ForwardingEvents(dog));
            dog.start();
            dog.onEnded(ending);
            dog.onEnded(new Ending.Dropped("the close that follows"));
            clock.advance(Duration.ofMinutes(10));
            dog.tick();
            ChannelStatus status = dog.status();
            assertTrue(status.state().isFinal(), status.toString());
            assertNull(status.nextAttemptAt());
            assertEquals(1, dying.sockets, "no reconnect after " + ending);
            assertEquals(1, dying.disconnects, "the connection is closed");
        }
    }

    @Test
    void firstAttemptIsConnectingAndAfterAFailureItIsReconnecting() {
        transport.answers.add(Answer.SILENCE);
        watchdog.start();
        assertEquals(State.CONNECTING, watchdog.status().state());
        transport.dieInHandshake();
        runFor(ConnectionWatchdog.LOGIN_TIMEOUT.plusSeconds(1));
        assertEquals(State.RECONNECTING, watchdog.status().state());
    }

    @Test
    void aLoginAfterTheWatchdogStoppedIsClosedAtOnce() {
        connected();
        watchdog.stop();
        watchdog.onLoggedIn();
        assertEquals(State.STOPPED, watchdog.status().state());
        assertEquals(1, transport.disconnects);
    }
}
