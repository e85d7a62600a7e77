package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import gomikrobot.bus.InboundMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One lane per chat, on real threads: a chat's messages reach the agent in order, other chats do not wait. */
class ChatOrderTest {
    private static final String FRIEND = "4915112345678@s.whatsapp.net";
    private static final String OTHER = "4916000000000@s.whatsapp.net";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path workspace;

    @Test
    void aSlowMessageHoldsBackOnlyTheMessagesOfItsOwnChat() throws Exception {
        var config = ChannelFixture.config(List.of("4915112345678", "4916000000000"), false, true);
        try (var fx = new ChannelFixture(workspace, config, Thread::startVirtualThread)) {
            fx.channel.start();
            byte[] picture = new byte[20_000];
            picture[0] = (byte) 0xFF;
            var slow = fx.serve("slow", picture, OpensslMedia.IMAGE_KEYS, MediaServer.Mode.STALL);
            fx.transport.deliver(Messages.from("IMG1", FRIEND, Messages.image(slow.file(), slow.url(), "first")));
            fx.transport.deliver(Messages.text("TXT2", FRIEND, "second"));
            fx.transport.deliver(Messages.text("TXT3", OTHER, "another chat"));

            assertEquals("another chat", fx.nextInbound(WAIT).text(), "the other chat is not held up");
            assertNull(fx.nextInbound(Duration.ofMillis(300)), "'second' waits for 'first'");
            fx.mediaServer.release(); // the download ends (cut short), the message goes on with a note
            InboundMessage first = fx.nextInbound(WAIT);
            assertEquals("IMG1", first.messageId(), first.text());
            assertEquals("second", fx.nextInbound(WAIT).text());
        }
    }
}
