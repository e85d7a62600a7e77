package gomikrobot.channels.whatsapp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded memory of message ids, oldest forgotten first. Catches redeliveries before any media is downloaded
 * or transcribed; the task journal's {@code wa:<id>} key still deduplicates across restarts.
 */
final class RecentIds {
    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when the id was not seen before (and remembers it). */
    synchronized boolean add(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }
}
