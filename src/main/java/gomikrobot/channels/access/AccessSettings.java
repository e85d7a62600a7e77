package gomikrobot.channels.access;

import gomikrobot.timeline.SettingsStore;

/**
 * Where a channel reads its access rows ({@code <channel>_allowlist}, {@code _denylist}, {@code _pair_token})
 * and writes {@code <channel>_pending}: in the gateway, the settings table. Rows are read for every message, so
 * a change made in the dashboard applies to the next message.
 */
public interface AccessSettings {
    /** The stored value, or "" when the key is missing. */
    String get(String key);

    void put(String key, String value);

    /** The settings table of the timeline database. */
    static AccessSettings of(SettingsStore store) {
        return new AccessSettings() {
            @Override
            public String get(String key) {
                return store.get(key).orElse("");
            }

            @Override
            public void put(String key, String value) {
                store.put(key, value);
            }
        };
    }
}
