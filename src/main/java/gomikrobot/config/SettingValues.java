package gomikrobot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed value of every setting after layering defaults, file and environment, each remembering where it
 * came from so a failed check can name the file or the variable. Filled by one load, then read by
 * {@link ConfigAssembler}; never shared between loads.
 */
final class SettingValues {
    static final String DEFAULTS = "defaults";

    private final Map<String, Sourced> values = new HashMap<>();

    /** A typed value and its origin: {@link #DEFAULTS}, a file path, or {@code env NAME}. */
    record Sourced(Object value, String origin) {
    }

    /** Starts from every setting's default, converted exactly as a file value would be. */
    static SettingValues defaults() {
        SettingValues v = new SettingValues();
        for (Setting s : Settings.ALL) {
            v.values.put(s.key(), new Sourced(s.kind().fromJson(s.key(), s.defaultValue()), DEFAULTS));
        }
        return v;
    }

    /** Overrides a setting; a null value means "not set in this layer" and keeps the lower one. */
    void override(Setting setting, Object value, String origin) {
        if (value != null) {
            values.put(setting.key(), new Sourced(value, origin));
        }
    }

    Object get(Setting setting) {
        Sourced v = values.get(setting.key());
        return v == null ? null : v.value();
    }

    boolean isDefault(Setting setting) {
        return values.get(setting.key()).origin().equals(DEFAULTS);
    }

    /** Checks every rule; the first failure becomes a {@link ConfigException} naming origin, key and value. */
    void validate() {
        for (Setting s : Settings.ALL) {
            Sourced v = values.get(s.key());
            s.rule().problem(v.value()).ifPresent(problem -> {
                throw new ConfigException(v.origin() + ": " + s.key() + " " + problem);
            });
        }
    }

    String origin(String key) {
        return sourced(key).origin();
    }

    String string(String key) {
        return (String) sourced(key).value();
    }

    int integer(String key) {
        return Math.toIntExact((Long) sourced(key).value()); // in int range: every INT setting has a range rule
    }

    /** An INT setting whose range goes beyond {@code int} (a Telegram user id). */
    long wholeNumber(String key) {
        return (Long) sourced(key).value();
    }

    double decimal(String key) {
        return (Double) sourced(key).value();
    }

    boolean bool(String key) {
        return (Boolean) sourced(key).value();
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String key) {
        return (List<String>) sourced(key).value();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String key) {
        return (Map<String, Object>) sourced(key).value();
    }

    Path path(String key) {
        return (Path) sourced(key).value();
    }

    Duration duration(String key) {
        return (Duration) sourced(key).value();
    }

    /** A map of names to integers, each in int range (its setting has a range rule). */
    @SuppressWarnings("unchecked")
    Map<String, Integer> integers(String key) {
        Map<String, Integer> out = new LinkedHashMap<>();
        ((Map<String, Long>) sourced(key).value()).forEach((name, n) -> out.put(name, Math.toIntExact(n)));
        return out;
    }

    private Sourced sourced(String key) {
        Sourced v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("no setting named " + key);
        }
        return v;
    }
}
