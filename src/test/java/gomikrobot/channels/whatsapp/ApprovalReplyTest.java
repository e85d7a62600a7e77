package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.approval.ChannelOwner;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.channels.access.MapSettings;
import gomikrobot.observe.Log;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.MutableClock;
import gomikrobot.testing.TestPipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals over WhatsApp, through the real channel code on a fake transport and the real agent: the owner, who
 * may run tier 1 by themselves, asks in their self-chat for a command; the question arrives in the self-chat, the
 * owner's {@code yes <code>} there is taken before the intake, acknowledged, and the command runs.
 */
class ApprovalReplyTest {
    private static final String SELF_CHAT = Messages.OWNER + "@s.whatsapp.net";
    private static final Pattern QUESTION = Pattern.compile("^Allow `exec` \\(tier 2\\) for you on whatsapp:"
            + " `echo pulled-over-whatsapp`\\? Reply `yes ([0-9a-f]{4})` or `no \\1` \\(within 5 min\\)\\.$");

    @TempDir
    Path root;

    @Test
    void theOwnersYesInTheSelfChatRunsTheCommandAndIsAcknowledgedThere() throws Exception {
        try (TestPipeline p = TestPipeline.withApprovals(root, Map.of("MIKROBOT_POLICY_MAX_AUTO_TIER", "1"))) {
            FakeTransport transport = new FakeTransport();
            WhatsAppChannel channel = TestChannels.over(transport, root.resolve("wa"),
                    ChannelFixture.config(List.of(), false, false), p.inbox, new MapSettings(), (m, c) -> { },
                    new MutableClock("2026-01-02T03:04:05Z"), new ManualTicker());
            channel.start();
            p.approvals.addOwnerChannel(new ChannelOwner(channel, Log.quiet()));
            p.llm.enqueueToolCall("exec", "{\"command\":\"echo pulled-over-whatsapp\"}");
            p.llm.enqueueText("Pulled.");

            transport.deliver(Messages.selfChat("M1", "please pull"));
            Eventually.await(() -> question(transport).isPresent(), "the question in the self-chat");
            String code = question(transport).orElseThrow();
            transport.deliver(Messages.selfChat("M2", "yes " + code));

            Eventually.await(() -> !p.delivered.isEmpty(), "the answer");
            OutboundMessage answer = p.delivered.getFirst();
            assertEquals(new Reply.Answer("Pulled."), answer.reply());
            assertEquals(SELF_CHAT, answer.chatId());
            assertTrue(p.llm.last("/chat/completions").body().contains("pulled-over-whatsapp"), "the command ran");
            assertEquals(2, p.llm.count("/chat/completions"), "the owner's yes never reached the model");
            assertEquals(List.of(new FakeTransport.Sent(SELF_CHAT, "Approved " + code + ": `exec` runs now.", null)),
                    transport.sent.stream().filter(s -> s.text().startsWith("Approved")).toList());
            assertEquals(List.of(SELF_CHAT, SELF_CHAT), transport.sent.stream().map(FakeTransport.Sent::chatJid).toList());
            channel.close();
        }
    }

    /** The code of the approval question sent to the self-chat, once it was. */
    private static Optional<String> question(FakeTransport transport) {
        return transport.sent.stream().filter(s -> s.chatJid().equals(SELF_CHAT) && s.text() != null)
                .map(s -> QUESTION.matcher(s.text())).filter(Matcher::matches).map(m -> m.group(1)).findFirst();
    }
}
