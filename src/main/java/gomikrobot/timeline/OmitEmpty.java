package gomikrobot.timeline;

import java.time.Instant;
import java.util.Map;

/** Go's {@code omitempty} for the contract's JSON objects: an empty text or a missing time is left out. */
final class OmitEmpty {
    private OmitEmpty() {
    }

    static void text(Map<String, Object> m, String key, String value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }

    /** The time in RFC 3339, or nothing for null. */
    static void time(Map<String, Object> m, String key, Instant value) {
        if (value != null) {
            m.put(key, Times.rfc3339(value));
        }
    }
}
