package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.access.UnauthorizedRecorder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.standard.ReactionMessageBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropUnauthorizedTest {
    private static final String STRANGER = "4917000000000@s.whatsapp.net";
    private static final String FRIEND = "4915112345678@s.whatsapp.net";

    @TempDir
    Path workspace;

    @Test
    void dropUnauthorizedSkipsTheRowButStillLogsTokenSubmissions() throws Exception {
        try (var fx = new ChannelFixture(workspace, ChannelFixture.config(List.of(), true, true), false)) {
            fx.settings.with(WhatsAppAccess.RULES.pairTokenKey(), "PAIR-42");
            fx.channel.start();
            fx.transport.deliver(Messages.text("S1", STRANGER, "spam"));
            assertTrue(fx.unauthorized.isEmpty());
            fx.transport.deliver(Messages.text("S2", STRANGER, "PAIR-42"));
            assertEquals(List.of(UnauthorizedRecorder.TOKEN_SUBMITTED),
                    fx.unauthorized.stream().map(ChannelFixture.Recorded::classification).toList());
            assertNull(fx.nextInbound());
        }
    }

    @Test
    void reactionsReachAgentWhenNotIgnoredAndConfigAllowFromAdmits() throws Exception {
        try (var fx = new ChannelFixture(workspace, ChannelFixture.config(List.of("4915112345678"), false, false),
                false)) {
            fx.channel.start();
            var key = new ChatMessageKeyBuilder().id("T1").chatJid(Jid.of(FRIEND)).fromMe(true).build();
            var reaction = new ReactionMessageBuilder().key(key).content("👍").build();
            fx.transport.deliver(Messages.from("R1", FRIEND, reaction));
            assertEquals("[Reaction: 👍]", fx.nextInbound().text());
        }
    }
}
