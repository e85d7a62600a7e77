package gomikrobot.tools.mcp;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name a server's tool gets in our registry: {@code mcp_<server>_<tool>} in the alphabet LLM APIs accept for
 * function names (letters, digits, {@code _}, {@code -}; anything else becomes {@code _}), at most
 * {@value #MAX_LENGTH} characters, and unique: when it is taken (two servers' names meeting after cleaning, or a
 * name cut short), {@code _2}, {@code _3}… is put at its end.
 */
final class ToolNames {
    static final int MAX_LENGTH = 64;
    private static final Pattern OUTSIDE_ALPHABET = Pattern.compile("[^A-Za-z0-9_-]");

    private ToolNames() {
    }

    static String assign(String server, String tool, Set<String> taken) {
        String base = cut(OUTSIDE_ALPHABET.matcher("mcp_" + server + "_" + tool).replaceAll("_"), MAX_LENGTH);
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            String suffix = "_" + n;
            name = cut(base, MAX_LENGTH - suffix.length()) + suffix;
        }
        return name;
    }

    private static String cut(String name, int length) {
        return name.length() <= length ? name : name.substring(0, length);
    }
}
