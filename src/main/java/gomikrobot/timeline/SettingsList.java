package gomikrobot.timeline;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The list format of {@code whatsapp_allowlist}, {@code whatsapp_denylist} and {@code whatsapp_pending}: a JSON
 * array of strings, or items separated by commas and/or newlines. Items are trimmed, blanks dropped, duplicates
 * removed (first occurrence kept).
 */
public final class SettingsList {
    private SettingsList() {
    }

    public static List<String> parseList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> raw = jsonStrings(text.strip());
        return clean(raw != null ? raw : List.of(text.split("[,\\r\\n]")));
    }

    /** The form the web UI writes: one item per line (trimmed, blanks and duplicates dropped). */
    public static String formatList(List<String> items) {
        return String.join("\n", clean(items));
    }

    private static List<String> clean(List<String> raw) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : raw) {
            String trimmed = item == null ? "" : item.strip();
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
        }
        return List.copyOf(items);
    }

    /** The strings of a JSON array of strings, or null when the text is not one (then it is a separated list). */
    private static List<String> jsonStrings(String text) {
        if (!text.startsWith("[")) {
            return null;
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonException e) {
            return null; // e.g. "[a, b]": not JSON, so read as comma-separated like the original does
        }
        if (!(parsed instanceof List<?> list)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                return null;
            }
            out.add(s);
        }
        return out;
    }
}
