package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {
    private static final Instant AT = Instant.parse("2026-02-14T09:23:45.123456789Z");

    @Test
    void writesUtcWithSpaceMillisAndZ() {
        assertEquals("2026-02-14 09:23:45.123Z", Times.format(AT));
        assertEquals("2026-02-14 09:23:45.000Z", Times.format(Instant.parse("2026-02-14T09:23:45Z")));
        assertEquals("2026-02-14", Times.sqlDate(AT));
    }

    @Test
    void readsGoDefaultRenderingWithMonotonicSuffix() {
        assertEquals(AT, Times.parse("2026-02-14 10:23:45.123456789 +0100 CET m=+12.345678901"));
        assertEquals(AT, Times.parse("2026-02-14 10:23:45.123456789 +0100 CET"));
        assertEquals(Instant.parse("2026-02-14T09:23:45Z"), Times.parse("2026-02-14 10:23:45 +0100 CET"));
        assertEquals(Instant.parse("2026-02-14T12:23:45.5Z"), Times.parse("2026-02-14 15:23:45.5 +0300 +03"));
        assertEquals(Instant.parse("2026-02-14T17:23:45Z"), Times.parse("2026-02-14 09:23:45 -0800 PST m=+0.000000001"));
        assertEquals(Instant.parse("2026-02-14T09:23:45Z"), Times.parse("2026-02-14 09:23:45 +0000 UTC"));
    }

    @Test
    void readsEveryFormatTheGoDriverAccepts() {
        Instant whole = Instant.parse("2026-02-14T09:23:45Z");
        assertEquals(AT, Times.parse("2026-02-14 10:23:45.123456789+01:00"));
        assertEquals(AT, Times.parse("2026-02-14T10:23:45.123456789+01:00"));
        assertEquals(AT, Times.parse("2026-02-14 09:23:45.123456789"));
        assertEquals(AT, Times.parse("2026-02-14T09:23:45.123456789"));
        assertEquals(whole, Times.parse("2026-02-14 09:23:45"));
        assertEquals(whole, Times.parse("2026-02-14T09:23:45"));
        assertEquals(whole, Times.parse("2026-02-14T09:23:45Z"));
        assertEquals(whole, Times.parse("2026-02-14 09:23:45Z"));
        assertEquals(Instant.parse("2026-02-14T09:23:00Z"), Times.parse("2026-02-14 09:23"));
        assertEquals(Instant.parse("2026-02-14T09:23:00Z"), Times.parse("2026-02-14T09:23"));
        assertEquals(Instant.parse("2026-02-14T00:00:00Z"), Times.parse("2026-02-14"));
        assertEquals(Instant.parse("2026-02-14T09:23:45.123Z"), Times.parse("2026-02-14 09:23:45.123Z"));
    }

    @Test
    void readsOwnFormatBack() {
        Instant millis = Instant.parse("2026-02-14T09:23:45.120Z");
        assertEquals(millis, Times.parse(Times.format(millis)));
    }

    @Test
    void rejectsTextThatIsNoTime() {
        assertThrows(IllegalArgumentException.class, () -> Times.parse("yesterday"));
        assertThrows(IllegalArgumentException.class, () -> Times.parse("2026-13-40 10:00:00"));
        assertThrows(IllegalArgumentException.class, () -> Times.parse(null));
        assertEquals(Times.ZERO, Times.parseOrZero("garbage"));
        assertEquals(Times.ZERO, Times.parseOrZero(null));
        assertNull(Times.parseNullable(""));
    }

    @Test
    void jsonFormIsRfc3339Utc() {
        assertEquals("2026-02-14T09:23:45.123456789Z", Times.rfc3339(AT));
        assertEquals("0001-01-01T00:00:00Z", Times.rfc3339(Times.ZERO));
    }

    @Test
    void storedFormSortsAsTextAgainstSqliteTimestamps() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement()) {
            String ours = Times.format(AT);
            assertTrue(isTrue(s, "SELECT '" + ours + "' > '2026-02-14 09:23:45'"), "after its own whole second");
            assertTrue(isTrue(s, "SELECT '" + ours + "' < '2026-02-14 09:23:46'"), "before the next second");
            assertTrue(isTrue(s, "SELECT '" + ours + "' < '2026-02-14 10:00:00'"));
            assertTrue(isTrue(s, "SELECT '" + ours + "' > '2026-02-13 23:59:59'"));
            assertTrue(isTrue(s, "SELECT '" + ours + "' >= date('2026-02-14')"), "tokens-today cut-off");
            assertTrue(isTrue(s, "SELECT datetime('" + ours + "') = '2026-02-14 09:23:45'"), "SQLite reads it");
        }
    }

    private static boolean isTrue(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }
}
