package gomikrobot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigRecordsTest {
    private static final LocalWhisperConfig NO_WHISPER = new LocalWhisperConfig(false, "base", "");

    @Test
    void openAiIsActiveWhenItHasAKey() {
        ProviderConfig openai = new ProviderConfig("sk-a", "https://api.openai.com/v1");
        ProviderConfig router = new ProviderConfig("or-b", "https://openrouter.ai/api/v1");
        ProvidersConfig p = new ProvidersConfig(openai, router, NO_WHISPER);
        assertSame(openai, p.active());
        assertEquals("openai", p.activeName());
    }

    @Test
    void openRouterIsActiveOnlyWhenItAloneHasAKey() {
        ProviderConfig openai = new ProviderConfig("", "https://api.openai.com/v1");
        ProviderConfig router = new ProviderConfig("or-b", "https://openrouter.ai/api/v1");
        assertSame(router, new ProvidersConfig(openai, router, NO_WHISPER).active());
        ProviderConfig noRouterKey = new ProviderConfig(" ", "https://openrouter.ai/api/v1");
        assertSame(openai, new ProvidersConfig(openai, noRouterKey, NO_WHISPER).active());
    }

    @Test
    void redactedKeyShowsOnlyEnds() {
        assertEquals("sk-…wxyz", new ProviderConfig("sk-abcdefghijklmnopqrstuvwxyz", "u").redactedKey());
        assertEquals("****", new ProviderConfig("shortkey", "u").redactedKey());
        assertEquals("(none)", new ProviderConfig("", "u").redactedKey());
        assertFalse(new ProviderConfig("sk-abcdefghijklmnop", "u").toString().contains("abcdefghijklmnop"));
    }

    @Test
    void goDurationsParseLikeGo() {
        assertEquals(Duration.ofSeconds(60), GoDuration.parse("60s"));
        assertEquals(Duration.ofMinutes(2), GoDuration.parse("2m"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1500ms"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
        assertEquals(Duration.ofNanos(2500), GoDuration.parse("2us500ns"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
        assertEquals(Duration.ofSeconds(-5), GoDuration.parse("-5s"));
        for (String bad : List.of("", "60", "s", "5 s", "5x", "1h 30m", "--5s", "9999999999h")) {
            assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(bad), bad);
        }
        assertEquals("90s", GoDuration.format(Duration.ofSeconds(90)));
        assertEquals("1500ms", GoDuration.format(Duration.ofMillis(1500)));
    }

    @Test
    void generalEnvNamesAreUpperSnakeOfTheKey() {
        assertEquals("MIKROBOT_GATEWAY_DASHBOARD_PORT", Setting.generalEnvName("gateway.dashboardPort"));
        assertEquals("MIKROBOT_PROVIDERS_LOCAL_WHISPER_BINARY_PATH",
                Setting.generalEnvName("providers.localWhisper.binaryPath"));
        assertEquals("MIKROBOT_CHANNELS_WHATSAPP_DROP_UNAUTHORIZED",
                Setting.generalEnvName("channels.whatsapp.dropUnauthorized"));
    }

    @Test
    void noTwoSettingsShareAKeyOrAnEnvName() {
        Set<String> keys = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Setting s : Settings.ALL) {
            assertEquals(true, keys.add(s.key()), s.key());
            for (String n : s.envNames()) {
                assertEquals(true, names.add(n), n);
            }
            for (String n : s.fallbacks()) {
                assertEquals(true, names.add(n), n);
            }
        }
    }
}
