package gomikrobot.process;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one policy for what a child process sees of the gateway's environment: it is built up, never filtered
 * down. A child starts from an allowlist of harmless variables ({@link #INHERITED}: PATH, HOME, the locale,
 * the terminal, the time zone, the user's name), then gets exactly what its caller adds: fixed values
 * ({@link #plus}) or a named variable of the gateway's own, passed on on purpose ({@link #passing}, e.g.
 * {@code GH_TOKEN} for gh). Anything else (the LLM keys, the gateway token, {@code AWS_*}, {@code GIT_DIR})
 * never reaches a child unless a caller names it. As a second line, an inherited name that looks like a
 * secret ({@code LC_API_TOKEN}) is dropped too. Immutable.
 */
public final class ChildEnvironment {
    /** Variables a child inherits without being asked; {@code LC_*} covers the locale categories. */
    static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE",
            "TERM", "TZ", "TMPDIR");
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE).*", Pattern.CASE_INSENSITIVE);

    private final Map<String, String> parent;
    private final Map<String, String> variables;

    private ChildEnvironment(Map<String, String> parent, Map<String, String> variables) {
        this.parent = parent;
        this.variables = variables;
    }

    /** The allowlisted part of {@code gatewayEnvironment} (normally {@code System.getenv()}). */
    public static ChildEnvironment of(Map<String, String> gatewayEnvironment) {
        TreeMap<String, String> kept = new TreeMap<>();
        gatewayEnvironment.forEach((name, value) -> {
            if (isInherited(name) && !looksSecret(name)) {
                kept.put(name, value);
            }
        });
        return new ChildEnvironment(Map.copyOf(gatewayEnvironment), Collections.unmodifiableSortedMap(kept));
    }

    /** This environment with {@code additions} set over it (a caller's fixed values, an MCP server's env). */
    public ChildEnvironment plus(Map<String, String> additions) {
        TreeMap<String, String> next = new TreeMap<>(variables);
        next.putAll(additions);
        return new ChildEnvironment(parent, Collections.unmodifiableSortedMap(next));
    }

    /** This environment plus the gateway's own values of {@code names} that are set: a deliberate grant. */
    public ChildEnvironment passing(Iterable<String> names) {
        Map<String, String> granted = new TreeMap<>();
        for (String name : names) {
            String value = parent.get(name);
            if (value != null) {
                granted.put(name, value);
            }
        }
        return plus(granted);
    }

    /** Only the named variables of this environment, for a child that should see as little as possible. */
    public ChildEnvironment only(Set<String> names) {
        TreeMap<String, String> kept = new TreeMap<>(variables);
        kept.keySet().retainAll(names);
        return new ChildEnvironment(parent, Collections.unmodifiableSortedMap(kept));
    }

    /** The variables, sorted by name; what a {@link Command} carries. */
    public Map<String, String> toMap() {
        return variables;
    }

    /** Whether a variable name suggests a secret: the project's one definition of it. */
    static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    private static boolean isInherited(String name) {
        return INHERITED.contains(name) || name.startsWith("LC_");
    }
}
