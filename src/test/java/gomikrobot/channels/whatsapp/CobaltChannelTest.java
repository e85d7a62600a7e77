package gomikrobot.channels.whatsapp;

import static gomikrobot.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.ChannelStatus.State;
import gomikrobot.channels.access.MapSettings;
import gomikrobot.channels.whatsapp.cobalt.OfflineCobalt;
import gomikrobot.channels.whatsapp.cobalt.SimulatedContact;
import gomikrobot.observe.Log;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.TempUserHome;
import it.auties.whatsapp.model.jid.Jid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole channel over the real cobalt transport and a simulated server: a LID sender is answered at the phone
 * number WhatsApp named, a message nobody can decrypt leaves a timeline row saying why, and a second gateway on
 * the same home leaves the first one's connection alone.
 */
class CobaltChannelTest {
    @TempDir
    Path home;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    private final RecordingInbox inbox = new RecordingInbox();
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    private OfflineCobalt cobalt;
    private WhatsAppChannel channel;

    @BeforeEach
    void connected() throws InterruptedException {
        cobalt = OfflineCobalt.paired(home.resolve("whatsapp"), Log.quiet());
        channel = channelOver(cobalt);
        channel.start();
        await(() -> channel.status().connected(), "login");
        cobalt.recordSent();
    }

    @AfterEach
    void close() {
        channel.close();
    }

    private WhatsAppChannel channelOver(OfflineCobalt transport) {
        return TestChannels.over(transport.transport(), home,
                ChannelFixture.config(List.of(SimulatedContact.PHONE), false, true), inbox, new MapSettings(),
                (message, classification) -> recorded.add(classification + " " + message.senderId() + " "
                        + message.text()), Messages.CLOCK, new ManualTicker());
    }

    @Test
    void lidSenderIsDecryptedAndAnsweredAtThePhoneNumberWhatsAppNamed() throws Exception {
        cobalt.deliver(SimulatedContact.writingTo(cobalt).fromLid("3EB0LID00010", "what time is it?"));

        InboundMessage question = inbox.next(Eventually.WAIT);
        assertNotNull(question, "the question reaches the agent");
        assertEquals("what time is it?", question.text());
        assertEquals(SimulatedContact.PHONE_JID, question.chatId());
        assertEquals(SimulatedContact.PHONE, question.senderId(), "the allowlist's number admits the LID sender");

        channel.send(OutboundMessage.text("whatsapp", question.chatId(), "noon"));
        assertNotNull(cobalt.awaitSent(n -> n.toString().contains("+" + SimulatedContact.PHONE), Eventually.WAIT),
                "cobalt starts the answer's way to the phone number");
    }

    @Test
    void messageNobodyCanDecryptLeavesATimelineRowSayingWhy() throws Exception {
        cobalt.deliver(SimulatedContact.writingTo(cobalt).garbage("3EB0BAD00010", Jid.of(SimulatedContact.PHONE_JID)));

        await(() -> !recorded.isEmpty(), "a timeline row");
        String row = recorded.getFirst();
        assertTrue(row.startsWith(UnreadableRecorder.UNREADABLE + " " + SimulatedContact.PHONE
                + " [could not read this message: it could not be decrypted ("), row);
        assertEquals(null, inbox.next(Duration.ofMillis(100)), "nothing reaches the agent");
    }

    @Test
    void secondGatewayOnTheSameHomeLeavesTheFirstConnected() throws Exception {
        OfflineCobalt second = OfflineCobalt.sameSessionAs(cobalt, home.resolve("whatsapp"), Log.quiet());
        try (WhatsAppChannel other = channelOver(second)) {
            other.start();
            assertEquals(State.SESSION_IN_USE, other.status().state());
            assertTrue(other.status().detail().contains("pid " + ProcessHandle.current().pid()), other.status().detail());
            assertEquals(0, second.socketsOpened(), "the second never opens the session");
        }
        assertTrue(channel.status().connected(), "the first stays connected");
        assertEquals(1, cobalt.socketsOpened());
        assertFalse(cobalt.fenceRefusals() > 0, "and was never disturbed");
    }
}
