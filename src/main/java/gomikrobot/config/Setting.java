package gomikrobot.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configurable value: its dotted key in config.json ({@code gateway.dashboardPort}), its kind, its rule,
 * its default in file form (exactly what {@code ensureFile} writes), the key it had in the original's legacy
 * {@code agents.defaults} layout (or null), and its environment variables. The first env name is always the
 * general form {@code MIKROBOT_<KEY IN UPPER SNAKE>}; {@code aliases} follow in order (first set one wins);
 * {@code fallbacks} are read only when neither the file nor a main env name set the value.
 */
record Setting(String key, Kind kind, Rule rule, Object defaultValue, String legacyKey, List<String> aliases,
               List<String> fallbacks) {
    /** A camelCase word boundary: compiled once, not once per setting on every load. */
    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("([a-z0-9])([A-Z])");

    Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        aliases = List.copyOf(aliases);
        fallbacks = List.copyOf(fallbacks);
    }

    static Setting of(String key, Kind kind, Object defaultValue) {
        return new Setting(key, kind, Rule.ANY, defaultValue, null, List.of(), List.of());
    }

    Setting rule(Rule newRule) {
        return new Setting(key, kind, newRule, defaultValue, legacyKey, aliases, fallbacks);
    }

    Setting legacy(String legacy) {
        return new Setting(key, kind, rule, defaultValue, legacy, aliases, fallbacks);
    }

    Setting env(String... more) {
        List<String> all = new ArrayList<>(aliases);
        all.addAll(List.of(more));
        return new Setting(key, kind, rule, defaultValue, legacyKey, all, fallbacks);
    }

    Setting fallbackEnv(String... names) {
        return new Setting(key, kind, rule, defaultValue, legacyKey, aliases, List.of(names));
    }

    /** The general name followed by the aliases, without duplicates, in lookup order. */
    List<String> envNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(generalEnvName(key));
        names.addAll(aliases);
        return List.copyOf(names);
    }

    /** {@code providers.localWhisper.binaryPath} becomes {@code MIKROBOT_PROVIDERS_LOCAL_WHISPER_BINARY_PATH}. */
    static String generalEnvName(String dottedKey) {
        String snake = CAMEL_BOUNDARY.matcher(dottedKey.replace('.', '_')).replaceAll("$1_$2");
        return "MIKROBOT_" + snake.toUpperCase(Locale.ROOT);
    }
}
