package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    private Database db;
    private SettingsStore settings;

    @BeforeEach
    void open() {
        db = new TestDb().open(dir.resolve("timeline.db"));
        settings = new SettingsStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void silentModeIsOnWhenMissingAndOnlyExactTrueOtherwise() {
        assertTrue(settings.isSilentMode(), "missing row means ON");
        settings.put("silent_mode", "true");
        assertTrue(settings.isSilentMode());
        for (String off : List.of("false", "", "TRUE", " true", "1")) {
            settings.put("silent_mode", off);
            assertFalse(settings.isSilentMode(), "'" + off + "' is OFF");
        }
    }

    @Test
    void dailyTokenLimitIsUnlimitedUnlessPositiveNumber() {
        assertEquals(0, settings.dailyTokenLimit());
        for (String unlimited : List.of("", "  ", "lots", "-5", "0", "1.5")) {
            settings.put("daily_token_limit", unlimited);
            assertEquals(0, settings.dailyTokenLimit(), "'" + unlimited + "'");
        }
        settings.put("daily_token_limit", " 50000 ");
        assertEquals(50000, settings.dailyTokenLimit());
    }

    @Test
    void putUpsertsAndStampsUpdateTimeInSqliteForm() {
        settings.put("work_repo_path", "/a");
        settings.put("work_repo_path", "/b");
        assertEquals("/b", settings.get("work_repo_path").orElseThrow());
        assertEquals(Map.of("work_repo_path", "/b"), settings.all());
        String stamp = db.read(c -> Rows.first(c, "SELECT updated_at FROM settings", rs -> rs.getString(1))).orElseThrow();
        assertTrue(stamp.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"), stamp);
    }

    @Test
    void emptyValueIsPresentButEmptyKeyIsRejected() {
        settings.put("selected_repo_path", "");
        assertEquals("", settings.get("selected_repo_path").orElseThrow());
        assertTrue(settings.get("nope").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> settings.put(" ", "x"));
        assertThrows(IllegalArgumentException.class, () -> settings.put("k", null));
    }

    @Test
    void seedingOnlyFillsMissingOrBlankValues() {
        settings.put("default_repo_search_path", "  ");
        settings.put("kafscale_lfs_proxy_url", "http://proxy:9000");
        assertTrue(settings.seedIfBlank("default_repo_search_path", "/home/u"));
        assertFalse(settings.seedIfBlank("kafscale_lfs_proxy_url", "http://localhost:8080"));
        assertTrue(settings.seedIfBlank("default_work_repo_path", "/home/u/GoMikroBot-Workspace"));
        assertEquals("/home/u", settings.get("default_repo_search_path").orElseThrow());
        assertEquals("http://proxy:9000", settings.get("kafscale_lfs_proxy_url").orElseThrow());
        assertEquals("/home/u/GoMikroBot-Workspace", settings.get("default_work_repo_path").orElseThrow());
    }

    @Test
    void listSettingAcceptsJsonArrayOrSeparatedItems() {
        assertEquals(List.of("491", "492"), SettingsList.parseList("[\"491\", \" 492 \", \"491\", \"\"]"));
        assertEquals(List.of("491", "492", "493"), SettingsList.parseList("491, 492\n493\r\n,491"));
        assertEquals(List.of("[491", "492]"), SettingsList.parseList("[491, 492]"), "not JSON: comma-separated");
        assertEquals(List.of("[1", "2]"), SettingsList.parseList("[1,2]"), "a JSON array of numbers is not a string list");
        assertEquals(List.of(), SettingsList.parseList(null));
        assertEquals(List.of(), SettingsList.parseList(" \n "));
        assertEquals("491\n492", SettingsList.formatList(List.of(" 491", "492", "491", "")));
    }
}
