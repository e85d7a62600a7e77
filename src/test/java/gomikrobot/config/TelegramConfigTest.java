package gomikrobot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelegramConfigTest {
    private static final String TOKEN = "123456789:AAsecret-token-value-0123456789";

    @TempDir
    Path userHome;

    @Test
    void defaultsAreOffWithTelegramsOwnServer() {
        TelegramConfig tg = load(Map.of());
        assertFalse(tg.enabled());
        assertEquals("https://api.telegram.org", tg.apiBase());
        assertEquals(Groups.OFF, tg.groups());
        assertEquals(32L * 1024 * 1024, tg.maxMediaBytes());
        assertFalse(tg.hasToken() || tg.hasOwner());
    }

    @Test
    void everyKeyHasItsEnvironmentNameAndTheBareTokenNameIsAccepted() {
        TelegramConfig tg = load(Map.of("MIKROBOT_CHANNELS_TELEGRAM_ENABLED", "true",
                "TELEGRAM_BOT_TOKEN", TOKEN,
                "MIKROBOT_CHANNELS_TELEGRAM_API_BASE", "http://127.0.0.1:8081/",
                "MIKROBOT_CHANNELS_TELEGRAM_ALLOW_FROM", "2002,@carol",
                "MIKROBOT_CHANNELS_TELEGRAM_OWNER_ID", "4503599627370495",
                "MIKROBOT_CHANNELS_TELEGRAM_DROP_UNAUTHORIZED", "yes",
                "MIKROBOT_CHANNELS_TELEGRAM_GROUPS", "mention"));
        assertEquals(new TelegramConfig(true, TOKEN, "http://127.0.0.1:8081", List.of("2002", "@carol"),
                4503599627370495L, true, Groups.MENTION, TelegramConfig.DEFAULT_MAX_MEDIA_BYTES), tg);
        assertEquals("[REDACTED]", tg.redactedToken());
        assertFalse(tg.toString().contains(TOKEN), "the token never shows in a record's text");
    }

    @Test
    void theGeneralTokenNameWinsOverTheBareOne() {
        TelegramConfig tg = load(Map.of("TELEGRAM_BOT_TOKEN", "1:AAbare", "MIKROBOT_CHANNELS_TELEGRAM_TOKEN", TOKEN));
        assertEquals(TOKEN, tg.token());
    }

    @Test
    void badValuesAreNamed() {
        ConfigException groups = assertThrows(ConfigException.class,
                () -> load(Map.of("MIKROBOT_CHANNELS_TELEGRAM_GROUPS", "all")));
        assertTrue(groups.getMessage().contains("channels.telegram.groups must be one of off, mention"),
                groups.getMessage());
        ConfigException owner = assertThrows(ConfigException.class,
                () -> load(Map.of("MIKROBOT_CHANNELS_TELEGRAM_OWNER_ID", "-5")));
        assertTrue(owner.getMessage().contains("channels.telegram.ownerId must be 0-4503599627370496"),
                owner.getMessage());
    }

    private TelegramConfig load(Map<String, String> env) {
        return new ConfigLoader(env, userHome).load().channels().telegram();
    }
}
