package gomikrobot.channels.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Settings rows in a map, as the settings table would hold them: the access lists of every channel's tests. */
public final class MapSettings implements AccessSettings {
    public final Map<String, String> rows = new ConcurrentHashMap<>();

    public MapSettings with(String key, String value) {
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
