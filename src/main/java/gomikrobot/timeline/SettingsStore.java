package gomikrobot.timeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code settings} table: runtime settings as text, upserted by key with {@code updated_at = datetime('now')}
 * (API-CONTRACT.md section 8 lists the keys and their meaning).
 */
public final class SettingsStore {
    public static final String SILENT_MODE = "silent_mode";
    public static final String DAILY_TOKEN_LIMIT = "daily_token_limit";

    private static final String UPSERT = "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, datetime('now'))"
            + " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

    private final Database db;

    public SettingsStore(Database db) {
        this.db = db;
    }

    /** The stored value; empty when there is no row (a row holding "" is present). */
    public Optional<String> get(String key) {
        return db.read(c -> Rows.first(c, "SELECT value FROM settings WHERE key = ?", rs -> Rows.text(rs, "value"), key));
    }

    /** @throws IllegalArgumentException for a blank key or a null value */
    public void put(String key, String value) {
        requireKey(key);
        if (value == null) {
            throw new IllegalArgumentException("setting " + key + " without a value");
        }
        db.write(c -> Rows.update(c, UPSERT, key, value));
    }

    /** Every setting, by key. */
    public Map<String, String> all() {
        return db.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : Rows.list(c, "SELECT key, value FROM settings ORDER BY key",
                    rs -> Map.entry(Rows.text(rs, "key"), Rows.text(rs, "value")))) {
                out.put(e.getKey(), e.getValue());
            }
            return out;
        });
    }

    /** Silent mode as the original reads it: no row means ON; a row means ON only when it is exactly "true". */
    public boolean isSilentMode() {
        return get(SILENT_MODE).map("true"::equals).orElse(true);
    }

    /** The daily token quota; 0 (unlimited) when missing, blank, not a number, or not positive. */
    public long dailyTokenLimit() {
        String text = get(DAILY_TOKEN_LIMIT).orElse("").strip();
        try {
            return Math.max(Long.parseLong(text), 0);
        } catch (NumberFormatException e) {
            return 0; // the original treats a malformed limit as "no limit" too
        }
    }

    /** Writes {@code value} only when the key is missing or its value is blank (the gateway's start-up seeding). */
    public boolean seedIfBlank(String key, String value) {
        requireKey(key);
        return db.write(c -> {
            boolean blank = Rows.first(c, "SELECT value FROM settings WHERE key = ?", rs -> Rows.text(rs, "value"), key)
                    .map(String::isBlank).orElse(true);
            if (blank) {
                Rows.update(c, UPSERT, key, value);
            }
            return blank;
        });
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("setting key is empty");
        }
    }
}
