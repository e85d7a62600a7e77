package gomikrobot.channels.whatsapp;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The list format of the {@code whatsapp_*} settings rows (API-CONTRACT §8): a JSON array of strings, or items
 * separated by commas or newlines. Items are trimmed and deduplicated in their first order. The channel writes
 * lists back as JSON arrays, as the original did.
 */
final class ListSetting {
    private ListSetting() {
    }

    static List<String> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String text = value.strip();
        Set<String> items = new LinkedHashSet<>();
        if (text.startsWith("[")) {
            for (Object item : jsonItems(text)) {
                add(items, item == null ? "" : item.toString());
            }
        } else {
            for (String item : text.split("[,\\n\\r]")) {
                add(items, item);
            }
        }
        return List.copyOf(items);
    }

    static String toJson(List<String> items) {
        return Json.write(new ArrayList<>(new LinkedHashSet<>(items)));
    }

    private static List<?> jsonItems(String text) {
        try {
            return Json.parse(text) instanceof List<?> list ? list : List.of();
        } catch (JsonException e) {
            // A row the UI mangled reads as a plain list rather than locking everyone out with an exception.
            return List.of(text.replace("[", "").replace("]", "").replace("\"", "").split(","));
        }
    }

    private static void add(Set<String> items, String item) {
        String trimmed = item.strip();
        if (!trimmed.isEmpty()) {
            items.add(trimmed);
        }
    }
}
