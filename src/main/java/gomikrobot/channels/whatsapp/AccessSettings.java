package gomikrobot.channels.whatsapp;

import gomikrobot.timeline.SettingsStore;

/**
 * Where the channel reads its access rows ({@code whatsapp_allowlist}, {@code whatsapp_denylist},
 * {@code whatsapp_pair_token}) and writes {@code whatsapp_pending}: in the gateway, the settings table. Rows
 * are read for every message, so a change made in the dashboard applies to the next message.
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
