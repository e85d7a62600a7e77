package gomikrobot.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Applies the values of a parsed config.json over the defaults. A key in the original's legacy
 * {@code agents.defaults} section is used only when its new key is absent. Keys we do not know are ignored
 * here (and kept by {@link ConfigFile#update}).
 */
final class FileLayer {

    private FileLayer() {
    }

    static void apply(Map<String, Object> doc, Path file, SettingValues into) {
        for (Setting s : Settings.ALL) {
            String key = s.key();
            Object raw = lookup(doc, key, file);
            if (raw == null && s.legacyKey() != null) {
                key = s.legacyKey();
                raw = lookup(doc, key, file);
            }
            if (raw != null) {
                into.override(s, convert(s, key, raw, file), key.equals(s.key()) ? file.toString()
                        : file + " (" + key + ")");
            }
        }
    }

    private static Object lookup(Map<String, Object> doc, String key, Path file) {
        try {
            return ConfigFile.get(doc, key);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static Object convert(Setting s, String key, Object raw, Path file) {
        try {
            return s.kind().fromJson(key, raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }
}
