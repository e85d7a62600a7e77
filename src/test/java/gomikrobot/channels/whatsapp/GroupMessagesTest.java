package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.channels.access.UnauthorizedRecorder;
import gomikrobot.config.Groups;
import it.auties.whatsapp.model.info.ContextInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.TextMessageBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group chats, with real cobalt messages: ignored by default; with {@code mention}, read only when meant for us. */
class GroupMessagesTest {
    private static final String GROUP = "120363000000000000@g.us";
    private static final String FRIEND = "4915112345678@s.whatsapp.net";
    private static final String STRANGER = "4917000000000@s.whatsapp.net";
    private static final String OWN_LID = "123456789012345";
    private static final List<String> US = List.of(Messages.OWNER + "@s.whatsapp.net");

    @TempDir
    Path workspace;

    @Test
    void groupMessageIsIgnoredByDefaultEvenFromAnAllowedSender() throws Exception {
        try (var fx = channel(Groups.OFF)) {
            fx.transport.deliver(groupText("G1", FRIEND, "@4911111111 hello", US, ""));
            assertNull(fx.nextInbound());
            assertTrue(fx.unauthorized.isEmpty(), "ignored, not refused");
        }
    }

    @Test
    void withMentionAMessageNamingOurNumberIsReadAndAnsweredInTheGroup() throws Exception {
        try (var fx = channel(Groups.MENTION)) {
            fx.transport.deliver(groupText("G2", FRIEND, "@4911111111 what time is it?", US, ""));
            InboundMessage m = fx.nextInbound();
            assertEquals(GROUP, m.chatId(), "the answer goes to the group");
            assertEquals("4915112345678", m.senderId());
            assertFalse(m.internal());
        }
    }

    @Test
    void withMentionAMentionOfOurLidCountsToo() throws Exception {
        try (var fx = channel(Groups.MENTION)) {
            fx.transport.selfUsers = Set.of(Messages.OWNER, OWN_LID + "@lid"); // as CobaltTransport names a LID
            fx.transport.deliver(groupText("G3", FRIEND, "@bot hi", List.of(OWN_LID + "@lid"), ""));
            assertEquals("@bot hi", fx.nextInbound().text());
        }
    }

    @Test
    void withMentionAReplyToOurMessageIsRead() throws Exception {
        try (var fx = channel(Groups.MENTION)) {
            fx.transport.deliver(groupText("G4", FRIEND, "and tomorrow?", List.of(), US.getFirst()));
            assertEquals("and tomorrow?", fx.nextInbound().text());
        }
    }

    @Test
    void withMentionOtherGroupTalkIsIgnored() throws Exception {
        try (var fx = channel(Groups.MENTION)) {
            fx.transport.deliver(groupText("G5", FRIEND, "lunch?", List.of("4916000000000@s.whatsapp.net"),
                    "4916000000000@s.whatsapp.net"));
            var plain = Messages.info("G6", GROUP, FRIEND, false, MessageContainer.of("hi all"));
            fx.transport.deliver(Messages.translate(plain));
            assertNull(fx.nextInbound());
        }
    }

    @Test
    void withMentionAStrangerInTheGroupStillNeedsAccess() throws Exception {
        try (var fx = channel(Groups.MENTION)) {
            fx.transport.deliver(groupText("G7", STRANGER, "@4911111111 run this", US, ""));
            assertNull(fx.nextInbound());
            assertEquals(UnauthorizedRecorder.UNAUTHORIZED, fx.unauthorized.getFirst().classification());
        }
    }

    private ChannelFixture channel(Groups groups) {
        var fx = new ChannelFixture(workspace, ChannelFixture.config(
                ChannelFixture.config(List.of("4915112345678"), false, true), false, groups));
        fx.channel.start();
        return fx;
    }

    private static WaMessage groupText(String id, String participant, String text, List<String> mentions,
                                       String quotedSender) {
        var context = new ContextInfoBuilder().mentions(mentions.stream().map(Jid::of).toList());
        if (!quotedSender.isEmpty()) {
            context.quotedMessageId("3EB0OURS").quotedMessageSenderJid(Jid.of(quotedSender));
        }
        var body = new TextMessageBuilder().text(text).contextInfo(context.build()).build();
        return Messages.translate(Messages.info(id, GROUP, participant, false, MessageContainer.of(body)));
    }
}
