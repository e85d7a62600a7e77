package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.access.AccessLists;
import gomikrobot.channels.access.AccessPolicy;
import gomikrobot.channels.access.MapSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessListsTest {
    private static final String USER = "4915112345678";

    @Test
    void approvingAPendingSenderMovesItToTheAllowlistAndTheChannelAdmitsIt() throws Exception {
        var settings = new MapSettings().with(WhatsAppAccess.RULES.pendingKey(), "[\"" + USER + "\",\"4917600000000\"]");
        var lists = WhatsAppAccess.lists(settings);

        var move = lists.approve("+49 151 12345678");

        assertEquals(new AccessLists.Move(USER, true, false, false), move);
        assertEquals(List.of("4917600000000"), lists.pending());
        assertEquals("[\"4917600000000\"]", settings.get(WhatsAppAccess.RULES.pendingKey()), "pending stays a JSON array");
        assertEquals(List.of(USER), lists.allowed());
        var verdict = WhatsAppAccess.control(settings, List.of()).check(USER + ":3@s.whatsapp.net", "hello");
        assertInstanceOf(AccessPolicy.Verdict.Admitted.class, verdict);
    }

    @Test
    void denyingAnAllowedUserTakesItOffTheAllowlist() {
        var settings = new MapSettings().with(WhatsAppAccess.RULES.allowlistKey(), USER + "@s.whatsapp.net\n4917600000000");
        var lists = WhatsAppAccess.lists(settings);

        var move = lists.deny(USER);

        assertEquals(new AccessLists.Move(USER, false, true, false), move);
        assertEquals(List.of("4917600000000"), lists.allowed());
        assertEquals(List.of(USER), lists.denied());
        assertInstanceOf(AccessPolicy.Verdict.Refused.class,
                WhatsAppAccess.control(settings, List.of(USER)).check(USER + "@s.whatsapp.net", "hi"),
                "the denylist wins over config allowFrom too");
    }

    @Test
    void aLidSenderCanBeApprovedAndDeniedLikeANumber() {
        var settings = new MapSettings().with(WhatsAppAccess.RULES.pendingKey(), "[\"123456789012345@lid\"]");
        var lists = WhatsAppAccess.lists(settings);

        assertEquals(new AccessLists.Move("123456789012345@lid", true, false, false), lists.approve("123456789012345:4@lid"));
        assertInstanceOf(AccessPolicy.Verdict.Admitted.class,
                WhatsAppAccess.control(settings, List.of()).check("123456789012345@lid", "hello"));

        assertEquals(new AccessLists.Move("123456789012345@lid", false, true, false), lists.deny("123456789012345@lid"));
        assertInstanceOf(AccessPolicy.Verdict.Refused.class,
                WhatsAppAccess.control(settings, List.of()).check("123456789012345@lid", "hello"));
    }

    @Test
    void approvingTwiceKeepsOneEntry() {
        var lists = WhatsAppAccess.lists(new MapSettings());
        lists.approve(USER);

        var again = lists.approve(USER + "@s.whatsapp.net");

        assertTrue(again.alreadyListed());
        assertEquals(List.of(USER), lists.allowed());
    }

    @Test
    void garbageIsRefusedAndNothingIsWritten() {
        var settings = new MapSettings();
        var lists = WhatsAppAccess.lists(settings);

        assertThrows(IllegalArgumentException.class, () -> lists.approve("attacker|allowed"));
        assertThrows(IllegalArgumentException.class, () -> lists.deny(""));
        assertTrue(settings.rows.isEmpty());
    }

    @Test
    void pairTokenMustBeOneWordOfSixOrMoreCharacters() {
        var settings = new MapSettings();
        var lists = WhatsAppAccess.lists(settings);

        lists.setPairToken("  letmein42 ");
        assertEquals("letmein42", lists.pairToken());
        assertThrows(IllegalArgumentException.class, () -> lists.setPairToken("two words"));
        assertThrows(IllegalArgumentException.class, () -> lists.setPairToken("abc"));
        lists.setPairToken("");
        assertEquals("", lists.pairToken());
    }
}
