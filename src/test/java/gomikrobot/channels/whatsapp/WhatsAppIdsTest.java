package gomikrobot.channels.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WhatsAppIdsTest {

    @Test
    void numbersAndJidsOfOnePersonNormaliseToTheUserTheChannelCompares() {
        for (String text : new String[] {"4915112345678", "+4915112345678", " +49 151 1234-5678 ",
                "4915112345678@s.whatsapp.net", "4915112345678:12@s.whatsapp.net"}) {
            assertEquals("4915112345678", WhatsAppIds.user(text), text);
            assertEquals(JidText.user(text), WhatsAppIds.user(text), "one normaliser: " + text);
        }
    }

    @Test
    void aLidStaysALidAndNeverMatchesANumberWithTheSameDigits() {
        for (String text : new String[] {"123456789012345@lid", "123456789012345:7@lid", " 123456789012345@LID "}) {
            assertEquals("123456789012345@lid", WhatsAppIds.user(text), text);
        }
        assertEquals("123456789012345@lid", JidText.user("123456789012345_1:5@lid"));
        assertEquals("4915112345678", JidText.user("4915112345678_1:5@s.whatsapp.net"), "agent suffix dropped");
        assertThrows(IllegalArgumentException.class, () -> WhatsAppIds.phoneNumber("123456789012345@lid"));
        assertThrows(IllegalArgumentException.class, () -> WhatsAppIds.user("@lid"));
    }

    @Test
    void refusesTextThatIsNeitherNumberNorJid() {
        for (String text : new String[] {"", "   ", "bob", "4915abc", "attacker|4915112345678", "1234",
                "@s.whatsapp.net", "4915112345678@", "../4915112345678", "123456789012345678901"}) {
            assertThrows(IllegalArgumentException.class, () -> WhatsAppIds.user(text), text);
        }
    }

    @Test
    void pairingPhoneNumberMustBeANumberNotAJid() {
        assertEquals(4915112345678L, WhatsAppIds.phoneNumber("+49 151 12345678"));
        assertThrows(IllegalArgumentException.class, () -> WhatsAppIds.phoneNumber("4915112345678@s.whatsapp.net"));
        assertThrows(IllegalArgumentException.class, () -> WhatsAppIds.phoneNumber("1234567890123456"));
    }
}
