package gomikrobot.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogTest {
    private static final String KEY = "sk-live-0123456789abcdef";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Log log(boolean json) {
        return new Log(Log.Level.INFO, json, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), Set.of(KEY));
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void valuesOfSecretNamedKeysAreRedacted() {
        log(false).info("calling", "api_key", "abc", "Authorization", "Bearer x", "auth_token", "t", "user", "ann");
        String line = printed();
        assertFalse(line.contains("abc") || line.contains("Bearer x") || line.contains("=t "), line);
        assertTrue(line.contains("user=ann"), line);
        assertEquals(3, line.split("\\[REDACTED]", -1).length - 1, line);
    }

    @Test
    void aConfiguredSecretIsRedactedWhereverItAppears() {
        log(false).warn("provider said no", "detail", "key " + KEY + " rejected");
        assertFalse(printed().contains(KEY), printed());
        assertTrue(printed().contains("[REDACTED]"));
    }

    @Test
    void tokenCountsAndSettingNamesAreNotSecrets() {
        log(false).info("usage", "total_tokens", 42, "key", "silent_mode");
        assertTrue(printed().contains("total_tokens=42"), printed());
        assertTrue(printed().contains("key=silent_mode"), printed());
    }

    @Test
    void anExpectedFailureIsOneLineWithItsMessageOnly() {
        log(false).warn("rate limited", "error", new IllegalStateException("HTTP 429"));
        String out = printed();
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.contains("error=\"HTTP 429\""), out);
        assertFalse(out.contains("at gomikrobot"), out);
    }

    @Test
    void anUnexpectedFailureCarriesItsStackTraceScrubbedOfSecrets() {
        RuntimeException bug = new IllegalStateException("boom with " + KEY, new ArithmeticException("root cause"));
        log(false).unexpected("handler failed", bug, "path", "/x");
        String out = printed();
        assertTrue(out.lines().findFirst().orElseThrow().contains("level=ERROR"), out);
        assertTrue(out.contains("java.lang.IllegalStateException"), out);
        assertTrue(out.contains("at gomikrobot.observe.LogTest"), "stack frames are printed: " + out);
        assertTrue(out.contains("Caused by: java.lang.ArithmeticException: root cause"), out);
        assertFalse(out.contains(KEY), out);
    }

    @Test
    void anUnexpectedFailureInJsonIsOneObjectWithAStackField() {
        log(true).unexpected("handler failed", new IllegalStateException("boom " + KEY));
        String out = printed();
        assertEquals(1, out.lines().count(), out);
        JsonObject line = Json.parseObject(out);
        assertEquals("ERROR", line.string("level", ""));
        assertTrue(line.string("stack", "").contains("at gomikrobot.observe.LogTest"), out);
        assertFalse(out.contains(KEY), out);
    }
}
