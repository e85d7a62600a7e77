package gomikrobot.channels.whatsapp;

import gomikrobot.channels.access.AccessSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Settings rows in a map, as the settings table would hold them. */
final class MapSettings implements AccessSettings {
    final Map<String, String> rows = new ConcurrentHashMap<>();

    MapSettings with(String key, String value) {
        rows.put(key, value);
        return this;
    }

    @Override
    public String get(String key) {
        return rows.getOrDefault(key, "");
    }

    @Override
    public void put(String key, String value) {
        rows.put(key, value);
    }
}
