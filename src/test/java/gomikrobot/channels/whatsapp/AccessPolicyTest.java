package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import gomikrobot.channels.access.AccessPolicy.Verdict;
import gomikrobot.channels.access.AccessPolicy;
import gomikrobot.channels.access.AccessSettings;
import gomikrobot.channels.access.MapSettings;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessPolicyTest {

    @Test
    void denylistWinsOverAllowlist() {
        var policy = AccessPolicy.of(JidText::user, List.of("4915112345678"), List.of("4915112345678"), "");
        assertEquals(new Verdict.Refused("denylisted"), decide(policy, "4915112345678@s.whatsapp.net", "hi"));
    }

    @Test
    void denylistWinsOverPairingToken() {
        var policy = AccessPolicy.of(JidText::user, List.of(), List.of("4915112345678"), "PAIR-42");
        assertInstanceOf(Verdict.Refused.class, decide(policy, "4915112345678@s.whatsapp.net", "PAIR-42"));
    }

    @Test
    void emptyAllowlistAdmitsNobody() {
        var policy = AccessPolicy.of(JidText::user, List.of(), List.of(), "");
        assertEquals(new Verdict.Refused("not on allowlist"), decide(policy, "4915112345678@s.whatsapp.net", "hi"));
    }

    @Test
    void lidEntriesAdmitAndDenyLidSendersButNeverANumberWithTheSameDigits() {
        var policy = AccessPolicy.of(JidText::user, List.of("123456789012345@lid"), List.of("987654321098765@lid"), "");
        assertInstanceOf(Verdict.Admitted.class, decide(policy, "123456789012345@lid", "hi"));
        assertInstanceOf(Verdict.Admitted.class, decide(policy, "123456789012345:3@lid", "hi"));
        assertEquals(new Verdict.Refused("denylisted"), decide(policy, "987654321098765@lid", "hi"));
        assertEquals(new Verdict.Refused("not on allowlist"), decide(policy, "123456789012345@s.whatsapp.net", "hi"));
    }

    @Test
    void bareNumberOnListMatchesFullJidSender() {
        var policy = AccessPolicy.of(JidText::user, List.of("4915112345678"), List.of(), "");
        assertInstanceOf(Verdict.Admitted.class, decide(policy, "4915112345678@s.whatsapp.net", "hi"));
        assertInstanceOf(Verdict.Admitted.class, decide(policy, "4915112345678:7@s.whatsapp.net", "hi"));
    }

    @Test
    void fullJidOnListMatchesBareSenderAndPlusNotation() {
        var policy = AccessPolicy.of(JidText::user, List.of("4915112345678@s.whatsapp.net"), List.of("+49 170 0000000"), "");
        assertInstanceOf(Verdict.Admitted.class, decide(policy, "4915112345678", "hi"));
        assertInstanceOf(Verdict.Refused.class, decide(policy, "491700000000@s.whatsapp.net", "hi"));
    }

    @Test
    void similarNumberIsNotAdmitted() {
        var policy = AccessPolicy.of(JidText::user, List.of("4915112345678"), List.of(), "");
        assertInstanceOf(Verdict.Refused.class, decide(policy, "49151123456789@s.whatsapp.net", "hi"));
        assertInstanceOf(Verdict.Refused.class, decide(policy, "", "hi"));
    }

    @Test
    void unknownSenderWithTokenIsPending() {
        var policy = AccessPolicy.of(JidText::user, List.of(), List.of(), "PAIR-42");
        assertEquals(new Verdict.TokenSubmitted("4915112345678"),
                decide(policy, "4915112345678@s.whatsapp.net", "hello, my code is PAIR-42"));
        assertInstanceOf(Verdict.Refused.class, decide(policy, "4915112345678@s.whatsapp.net", "PAIR-41"));
    }

    @Test
    void blankTokenNeverMatches() {
        var policy = AccessPolicy.of(JidText::user, List.of(), List.of(), "   ");
        assertInstanceOf(Verdict.Refused.class, decide(policy, "4915112345678@s.whatsapp.net", "   "));
    }

    @Test
    void tokenSubmissionAddsSenderToPendingOnceAsJsonArray() {
        var settings = new MapSettings().with(WhatsAppAccess.RULES.pairTokenKey(), "PAIR-42")
                .with(WhatsAppAccess.RULES.pendingKey(), "4900000001\n4900000002");
        var access = WhatsAppAccess.control(settings, List.of());
        access.check("4915112345678@s.whatsapp.net", "PAIR-42");
        access.check("4915112345678:3@s.whatsapp.net", "PAIR-42 again");
        assertEquals("[\"4900000001\",\"4900000002\",\"4915112345678\"]", settings.get(WhatsAppAccess.RULES.pendingKey()));
    }

    @Test
    void configAllowFromAdmitsAlongsideSettingsList() {
        var settings = new MapSettings().with(WhatsAppAccess.RULES.allowlistKey(), "[\"4900000001\"]");
        var access = WhatsAppAccess.control(settings, List.of("4900000002@s.whatsapp.net"));
        assertInstanceOf(Verdict.Admitted.class, access.check("4900000001@s.whatsapp.net", "hi"));
        assertInstanceOf(Verdict.Admitted.class, access.check("4900000002", "hi"));
        assertInstanceOf(Verdict.Refused.class, access.check("4900000003", "hi"));
    }

    @Test
    void pendingIsWrittenToTheRealSettingsTable(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("timeline.db"), Log.quiet())) {
            var store = new SettingsStore(db);
            store.put(WhatsAppAccess.RULES.pairTokenKey(), "PAIR-42");
            store.put(WhatsAppAccess.RULES.allowlistKey(), "4900000001\n4900000002");
            var access = WhatsAppAccess.control(AccessSettings.of(store), List.of());
            assertInstanceOf(Verdict.Admitted.class, access.check("4900000002@s.whatsapp.net", "hi"));
            access.check("4915112345678@s.whatsapp.net", "PAIR-42");
            assertEquals("[\"4915112345678\"]", store.get(WhatsAppAccess.RULES.pendingKey()).orElseThrow());
        }
    }

    /** The policy's verdict for a sender written the way WhatsApp writes it (the channel normalises first). */
    private static Verdict decide(AccessPolicy policy, String sender, String text) {
        return policy.decide(List.of(JidText.user(sender)), text);
    }
}
