package gomikrobot.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gomikrobot.channels.access.AccessControl;
import gomikrobot.channels.access.AccessPolicy.Verdict;
import gomikrobot.channels.access.MapSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelegramAccessTest {

    @Test
    void idsAndUsernamesCompareInOneFormWhicheverWayTheyAreWritten() {
        assertEquals("123456789", TelegramAccess.normalise(" 123456789 "));
        assertEquals("@alice", TelegramAccess.normalise("@Alice"));
        assertEquals("@alice", TelegramAccess.normalise("alice"));
        assertEquals("", TelegramAccess.normalise("0"));
        assertEquals("", TelegramAccess.normalise("attacker|allowed"));
        assertEquals(List.of("123456789", "@alice"), TelegramAccess.RULES.parseAll("123456789, @Alice, alice"));
        assertEquals(List.of(), TelegramAccess.RULES.parseAll("none"));
    }

    @Test
    void whatTheOwnerTypesMustNameSomebody() {
        for (String garbage : List.of("", "0", "-5", "@ab", "bob smith", "attacker|allowed", "@" + "x".repeat(40))) {
            assertThrows(IllegalArgumentException.class, () -> TelegramAccess.parse(garbage), garbage);
        }
    }

    @Test
    void aSenderMatchesByIdOrUsernameAndTheDenylistWinsEitherWay() {
        MapSettings settings = new MapSettings().with("telegram_allowlist", "@carol\n2002")
                .with("telegram_denylist", "@mallory");
        AccessControl access = new AccessControl(settings, TelegramAccess.RULES, List.of());
        assertInstanceOf(Verdict.Admitted.class, access.check(List.of("4004", "@Carol"), "hi"));
        assertInstanceOf(Verdict.Admitted.class, access.check(List.of("2002"), "hi"));
        assertInstanceOf(Verdict.Refused.class, access.check(List.of("2002", "@mallory"), "hi"));
        assertInstanceOf(Verdict.Refused.class, access.check(List.of("5005"), "hi"));
    }

    @Test
    void theTokenPutsTheSendersIdOnThePendingList() {
        MapSettings settings = new MapSettings().with("telegram_pair_token", "letmein42");
        AccessControl access = new AccessControl(settings, TelegramAccess.RULES, List.of());
        assertEquals(new Verdict.TokenSubmitted("5005"), access.check(List.of("5005", "@dave"), "letmein42"));
        assertEquals("[\"5005\"]", settings.rows.get("telegram_pending"), "the id, which never changes");
    }
}
