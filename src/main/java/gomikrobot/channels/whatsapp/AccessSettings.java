package gomikrobot.channels.whatsapp;

/**
 * Where the channel reads its access rows ({@code whatsapp_allowlist}, {@code whatsapp_denylist},
 * {@code whatsapp_pair_token}) and writes {@code whatsapp_pending}: in the gateway, the settings table. Rows
 * are read for every message, so a change made in the dashboard applies to the next message.
 */
public interface AccessSettings {
    /** The stored value, or "" when the key is missing. */
    String get(String key);

    void put(String key, String value);
}
