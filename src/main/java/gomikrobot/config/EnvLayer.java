package gomikrobot.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies environment variables over file and defaults, using each setting's names from {@link Settings}: the
 * first set one wins; values are trimmed and an empty value counts as unset. Fallback names (the bare
 * {@code OPENAI_API_KEY}) apply only when nothing but the default (or an empty string in the file) set it.
 */
final class EnvLayer {

    private EnvLayer() {
    }

    static void apply(Map<String, String> env, SettingValues into) {
        for (Setting s : Settings.ALL) {
            Optional<String> name = firstSet(env, s.envNames());
            if (name.isEmpty() && (into.isDefault(s) || isBlankText(into, s))) {
                name = firstSet(env, s.fallbacks());
            }
            name.ifPresent(n -> into.override(s, convert(s, n, env.get(n).strip()), "env " + n));
        }
    }

    /** A key written as "" in the file (as `ensureFile` writes it) is as good as unset. */
    private static boolean isBlankText(SettingValues values, Setting s) {
        return values.get(s) instanceof String text && text.isBlank();
    }

    private static Optional<String> firstSet(Map<String, String> env, List<String> names) {
        return names.stream().filter(n -> env.get(n) != null && !env.get(n).isBlank()).findFirst();
    }

    private static Object convert(Setting s, String name, String text) {
        try {
            return s.kind().fromEnv(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("env " + name + ": " + e.getMessage());
        }
    }
}
