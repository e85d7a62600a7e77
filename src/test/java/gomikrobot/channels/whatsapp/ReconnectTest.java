package gomikrobot.channels.whatsapp;

import gomikrobot.channels.whatsapp.cobalt.CobaltTransport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.SendResult;
import gomikrobot.channels.whatsapp.WaTransport.Disconnect;
import it.auties.whatsapp.model.node.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconnectTest {
    @TempDir
    Path workspace;

    private ChannelFixture fixture() {
        return new ChannelFixture(workspace, ChannelFixture.config(List.of(), false, true), false);
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
    }

    @Test
    void serverClosedSocketIsReconnectedWithBackoff() {
        try (var fx = fixture()) {
            fx.channel.start();
            assertEquals(ChannelStatus.of(true, "connected"), fx.channel.status());
            fx.transport.connectResults.addAll(List.of(false, false, true));
            fx.transport.drop(Disconnect.CLOSED);
            assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), fx.sleeper.waits);
            assertEquals(4, fx.transport.connects.get());
            assertTrue(fx.channel.status().connected());
        }
    }

    @Test
    void failedFirstConnectIsRetriedToo() {
        try (var fx = fixture()) {
            fx.transport.connectResults.addAll(List.of(false, true));
            fx.channel.start();
            assertEquals(List.of(Duration.ofSeconds(2)), fx.sleeper.waits);
            assertEquals("connected", fx.channel.status().state());
        }
    }

    @Test
    void libraryReconnectingItselfIsNotDoubled() {
        try (var fx = fixture()) {
            fx.channel.start();
            fx.transport.drop(Disconnect.RECONNECTING);
            assertEquals("reconnecting", fx.channel.status().state());
            assertEquals(1, fx.transport.connects.get());
        }
    }

    @Test
    void loggedOutStopsTheChannelWithClearStatusAndNoReconnect() {
        try (var fx = fixture()) {
            fx.channel.start();
            fx.transport.drop(Disconnect.LOGGED_OUT);
            fx.transport.drop(Disconnect.CLOSED);
            assertEquals("logged_out", fx.channel.status().state());
            assertFalse(fx.channel.status().connected());
            assertEquals(1, fx.transport.connects.get());
            assertTrue(fx.log().contains("level=ERROR") && fx.log().contains("whatsapp-auth"), fx.log());
            var failed = (SendResult.Failed) fx.channel.send(OutboundMessage.text("whatsapp", "49", "x"));
            assertFalse(failed.retryable());
        }
    }

    @Test
    void bannedIsReportedAsBanned() {
        try (var fx = fixture()) {
            fx.channel.start();
            fx.transport.drop(Disconnect.BANNED);
            assertEquals("banned", fx.channel.status().state());
        }
    }

    @Test
    void unpairedStartReturnsAtOnceAndReportsUnpaired() {
        try (var fx = fixture()) {
            fx.transport.paired = false;
            fx.channel.start();
            assertEquals("unpaired", fx.channel.status().state());
            assertEquals(0, fx.transport.connects.get());
            var failed = (SendResult.Failed) fx.channel.send(OutboundMessage.text("whatsapp", "49", "x"));
            assertFalse(failed.retryable());
        }
    }

    @Test
    void closedChannelDoesNotReconnect() {
        try (var fx = fixture()) {
            fx.channel.start();
            fx.channel.close();
            fx.transport.drop(Disconnect.CLOSED);
            assertEquals("stopped", fx.channel.status().state());
            assertEquals(1, fx.transport.connects.get());
        }
    }

    @Test
    void serverFailureNodesAreReadAsLogoutOrBan() {
        assertEquals(Optional.of(Disconnect.LOGGED_OUT),
                CobaltTransport.terminalReason(Node.of("failure", Map.of("reason", "401"))));
        assertEquals(Optional.of(Disconnect.BANNED),
                CobaltTransport.terminalReason(Node.of("failure", Map.of("reason", "403"))));
        assertEquals(Optional.of(Disconnect.LOGGED_OUT),
                CobaltTransport.terminalReason(Node.of("stream:error", Map.of("code", "500"))));
        assertEquals(Optional.empty(), CobaltTransport.terminalReason(Node.of("stream:error", Map.of("code", "515"))));
        assertEquals(Optional.empty(), CobaltTransport.terminalReason(Node.of("message", Map.of())));
    }
}
