package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.access.MapSettings;
import gomikrobot.observe.Log;
import gomikrobot.testing.TempUserHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel over the build's real WhatsApp backend (found as the gateway finds it), with no session: it starts
 * at once, reports unpaired, and writes nothing in the JVM's home folder (pointed at an empty temp dir).
 */
class UnpairedChannelTest {
    @TempDir
    Path home;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    @Test
    void channelOverUnpairedCobaltStartsAtOnceAndReportsUnpaired() throws Exception {
        var transport = WhatsAppBackend.load().transport(home.resolve("whatsapp"), Log.quiet()); // the jar's backend
        try (var channel = TestChannels.over(transport, home, ChannelFixture.config(List.of(), false, true),
                     new RecordingInbox(), new MapSettings(), (m, c) -> { }, Messages.CLOCK, new ManualTicker())) {
            channel.start();
            assertEquals(ChannelStatus.State.UNPAIRED, channel.status().state());
            assertFalse(channel.status().connected());
        }
        assertEquals(List.of(), listTree(userHomeSandbox.path()));
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
