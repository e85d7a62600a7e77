package gomikrobot.group;

import java.util.Locale;

/**
 * The kinds of record the group exchanges, each on its own topic {@code group.<name>.<topic>} (the original's
 * names, plus {@code memory}): member cards (compacted: the newest card per member is kept), task requests, task
 * responses, the spans of delegated work, and shared memory items. {@code stale} says whether a record of this
 * kind that is older than the replay window is dropped: requests, responses and cards act on arrival, while a
 * memory item or a span is stored once by its id, so receiving it again (or late) changes nothing.
 */
public enum Kind {
    ANNOUNCE("announce", true),
    REQUEST("requests", true),
    RESPONSE("responses", true),
    TRACE("traces", false),
    MEMORY("memory", false);

    private final String topicSuffix;
    private final boolean windowed;

    Kind(String topicSuffix, boolean windowed) {
        this.topicSuffix = topicSuffix;
        this.windowed = windowed;
    }

    /** {@code group.<groupName>.<suffix>}. */
    public String topic(String groupName) {
        return "group." + groupName + "." + topicSuffix;
    }

    /** Whether a record older than the replay window is dropped. */
    boolean windowed() {
        return windowed;
    }

    /** The envelope's {@code type}: {@code announce}, {@code request}, ... */
    String type() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of an envelope {@code type}, or null for one we do not know. */
    static Kind ofType(String type) {
        for (Kind k : values()) {
            if (k.type().equals(type)) {
                return k;
            }
        }
        return null;
    }
}
