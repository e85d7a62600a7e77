package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.ChannelStatus.State;
import gomikrobot.channels.ReconnectSchedule;
import gomikrobot.channels.SendResult;
import gomikrobot.channels.whatsapp.WaTransport.Ending;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The channel's connection as its users see it: states, what sending says in each, and the backoff schedule. */
class ReconnectTest {
    @TempDir
    Path workspace;

    private ChannelFixture fixture() {
        return new ChannelFixture(workspace, ChannelFixture.config(List.of(), false, true), false);
    }

    private static OutboundMessage hello() {
        return OutboundMessage.text("whatsapp", "49", "x");
    }

    @Test
    void backoffDoublesUpToTheCapAndJitterOnlyShortens() {
        var exact = new ReconnectSchedule(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.2, () -> 0.0);
        assertEquals(List.of(2L, 4L, 8L, 16L, 30L, 30L),
                IntStream.range(0, 6).mapToObj(n -> exact.delay(n).toSeconds()).toList());
        var jittered = new ReconnectSchedule(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.2, () -> 1.0);
        assertEquals(Duration.ofMillis(1600), jittered.delay(0));
        assertEquals(Duration.ofSeconds(24), jittered.delay(40));
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectSchedule(Duration.ofSeconds(5), Duration.ofSeconds(1), 0.2, () -> 0.0));
        assertEquals(Duration.ofSeconds(1), ReconnectSchedule.DEFAULT_BASE);
        assertEquals(Duration.ofMinutes(5), ReconnectSchedule.DEFAULT_CAP);
    }

    @Test
    void droppedConnectionIsReconnectedByTheWatchdogOnItsTicks() {
        try (var fx = fixture()) {
            fx.channel.start();
            assertTrue(fx.channel.status().connected());
            assertTrue(fx.ticker.running());
            fx.transport.end(new Ending.Dropped("the server closed the stream"));
            assertEquals(State.RECONNECTING, fx.channel.status().state());
            var failed = (SendResult.Failed) fx.channel.send(hello());
            assertTrue(failed.retryable(), "reconnecting: the delivery worker tries again later");

            fx.clock.advance(Duration.ofSeconds(2));
            fx.ticker.tick();
            assertTrue(fx.channel.status().connected());
            assertEquals(2, fx.transport.connects.get());
        }
    }

    @Test
    void loggedOutStopsTheChannelWithClearStatusAndNoReconnect() {
        try (var fx = fixture()) {
            fx.channel.start();
            fx.transport.end(new Ending.LoggedOut("failure 401"));
            fx.clock.advance(Duration.ofMinutes(10));
            fx.ticker.tick();
            assertEquals(State.LOGGED_OUT, fx.channel.status().state());
            assertFalse(fx.channel.status().connected());
            assertEquals(1, fx.transport.connects.get());
            assertTrue(fx.log().contains("level=ERROR") && fx.log().contains("whatsapp-auth"), fx.log());
            assertFalse(((SendResult.Failed) fx.channel.send(hello())).retryable());
        }
    }

    @Test
    void unpairedStartReturnsAtOnceAndReportsUnpaired() {
        try (var fx = fixture()) {
            fx.transport.paired = false;
            fx.channel.start();
            assertEquals(State.UNPAIRED, fx.channel.status().state());
            assertEquals(0, fx.transport.connects.get());
            assertFalse(fx.ticker.running(), "nothing to watch");
            assertFalse(((SendResult.Failed) fx.channel.send(hello())).retryable());
        }
    }

    @Test
    void sessionHeldByAnotherGatewayIsSaidInOneLineAndLeftAlone() {
        try (var fx = fixture()) {
            fx.transport.heldBy = "a gomikrobot gateway (pid 4242 on box)";
            fx.channel.start();
            assertEquals(State.SESSION_IN_USE, fx.channel.status().state());
            assertTrue(fx.channel.status().detail().contains("pid 4242"), fx.channel.status().detail());
            assertEquals(0, fx.transport.connects.get());
            assertEquals(1, fx.log().lines().filter(l -> l.contains("in use by a gomikrobot gateway (pid 4242")).count(),
                    fx.log());
            assertFalse(((SendResult.Failed) fx.channel.send(hello())).retryable());
        }
    }

    @Test
    void aSessionThatCannotBeOpenedStopsOnlyWhatsApp() {
        try (var fx = fixture()) {
            fx.transport.openFailure = new IllegalStateException("cannot open the WhatsApp session: permission denied");
            fx.channel.start();
            assertEquals(State.STOPPED, fx.channel.status().state());
            assertTrue(fx.channel.status().detail().contains("permission denied"), fx.channel.status().detail());
            assertEquals(0, fx.transport.connects.get());
        }
    }

    @Test
    void closedChannelStopsWatchingAndDoesNotReconnect() {
        try (var fx = fixture()) {
            fx.channel.start();
            fx.channel.close();
            assertFalse(fx.ticker.running());
            fx.transport.end(new Ending.Dropped("closed"));
            assertEquals(State.STOPPED, fx.channel.status().state());
            assertEquals(1, fx.transport.connects.get());
        }
    }
}
