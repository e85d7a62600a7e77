package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message that could not be read leaves one timeline row with the reason, never a message for the agent. */
class UnreadableTest {
    private static final String FRIEND = "4915112345678@s.whatsapp.net";
    private static final String STRANGER = "4917000000000@s.whatsapp.net";

    @TempDir
    Path workspace;

    private static UnreadableMessage unreadable(String id, String sender) {
        return new UnreadableMessage(id, sender, sender, Instant.parse("2026-01-02T03:04:05Z"),
                "it could not be decrypted (bad mac)");
    }

    @Test
    void unreadableMessageIsRecordedOnceWithItsReasonAndNeverReachesTheAgent() throws Exception {
        try (var fx = new ChannelFixture(workspace, ChannelFixture.config(List.of("4915112345678"), false, true), false)) {
            fx.channel.start();
            fx.transport.deliverUnreadable(unreadable("3EB0UR", FRIEND));
            fx.transport.deliverUnreadable(unreadable("3EB0UR", FRIEND));

            assertEquals(1, fx.unauthorized.size());
            var row = fx.unauthorized.getFirst();
            assertEquals(UnreadableRecorder.UNREADABLE, row.classification());
            assertEquals("[could not read this message: it could not be decrypted (bad mac)]", row.message().text());
            assertEquals("4915112345678", row.message().senderId());
            assertEquals(FRIEND, row.message().chatId());
            assertEquals(null, fx.nextInbound());
        }
    }

    @Test
    void strangersUnreadableMessagesLeaveNoRowWhenUnauthorizedOnesAreDropped() {
        try (var fx = new ChannelFixture(workspace, ChannelFixture.config(List.of("4915112345678"), true, true), false)) {
            fx.channel.start();
            fx.transport.deliverUnreadable(unreadable("3EB0UR1", STRANGER));
            fx.transport.deliverUnreadable(unreadable("3EB0UR2", FRIEND));

            assertEquals(1, fx.unauthorized.size());
            assertTrue(fx.unauthorized.getFirst().message().text().startsWith("[could not read"));
        }
    }
}
