package gomikrobot.observe;

import gomikrobot.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * slog-style structured logging: {@code time=… level=INFO msg="Agent loop started" key=value …}, or one JSON
 * object per line. Values of keys that name secrets ({@code api_key}, {@code token}, {@code authorization},
 * {@code password}, {@code secret}) are printed as {@code [REDACTED]}, and so is any occurrence of a secret
 * value handed to the constructor, wherever it appears in a line.
 *
 * <p>Two kinds of failure, two shapes: an expected one (a 4xx, a provider's 429, a file that is not there) is a
 * value in a one-line entry ({@code error=…}, the throwable's message only); an unexpected one (a bug: a 500, a
 * crashed turn, a tool that threw) goes through {@link #unexpected}, at ERROR with its stack trace. Both are
 * scrubbed of secrets the same way.
 */
public final class Log {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final Set<String> SECRET_KEY_PARTS = Set.of("key", "token", "authorization", "password", "secret");
    private static final String REDACTED = "[REDACTED]";

    private final Level min;
    private final boolean json;
    private final PrintStream out;
    private final Clock clock;
    private final Set<String> secrets;

    public Log(Level min, boolean json, PrintStream out, Clock clock, Set<String> secrets) {
        this.min = min;
        this.json = json;
        this.out = out;
        this.clock = clock;
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Warnings and errors only, to stderr: for commands whose stdout is their answer. */
    public static Log quiet() {
        return new Log(Level.WARN, false, System.err, Clock.systemUTC(), Set.of());
    }

    /** Parses "debug", "info", "warn"/"warning", "error" (any case); anything else is INFO. */
    public static Level parseLevel(String text) {
        if (text == null) {
            return Level.INFO;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "debug" -> Level.DEBUG;
            case "warn", "warning" -> Level.WARN;
            case "error" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    public boolean enabled(Level level) {
        return level.compareTo(min) >= 0;
    }

    public void debug(String msg, Object... keyValues) {
        log(Level.DEBUG, msg, keyValues);
    }

    public void info(String msg, Object... keyValues) {
        log(Level.INFO, msg, keyValues);
    }

    public void warn(String msg, Object... keyValues) {
        log(Level.WARN, msg, keyValues);
    }

    public void error(String msg, Object... keyValues) {
        log(Level.ERROR, msg, keyValues);
    }

    /**
     * An exception nobody planned for: logged at ERROR with the whole stack trace (causes included), after the
     * usual fields. In key=value form the trace follows the line, indented; in JSON it is the {@code stack} field.
     */
    public void unexpected(String msg, Throwable failure, Object... keyValues) {
        if (!enabled(Level.ERROR)) {
            return;
        }
        Map<String, Object> fields = fields(Level.ERROR, msg, keyValues);
        fields.put("error", String.valueOf(failure));
        String trace = stackTrace(failure);
        if (json) {
            fields.put("stack", trace);
            out.println(scrub(Json.write(fields)));
        } else {
            out.println(scrub(keyValueLine(fields) + System.lineSeparator() + trace.indent(4).stripTrailing()));
        }
    }

    public void log(Level level, String msg, Object... keyValues) {
        if (!enabled(level)) {
            return;
        }
        Map<String, Object> fields = fields(level, msg, keyValues);
        String line = json ? Json.write(fields) : keyValueLine(fields);
        out.println(scrub(line));
    }

    private Map<String, Object> fields(Level level, String msg, Object... keyValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        fields.put("level", level.name());
        fields.put("msg", msg);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            String key = String.valueOf(keyValues[i]);
            fields.put(key, isSecretKey(key) ? REDACTED : describe(keyValues[i + 1]));
        }
        return fields;
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static Object describe(Object value) {
        if (value instanceof Throwable t) {
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
        return value instanceof Number || value instanceof Boolean || value == null ? value : String.valueOf(value);
    }

    private static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.equals("key") || k.endsWith("_tokens") || k.endsWith("tokens")) {
            return false; // a setting's name and token counts are not secrets
        }
        return SECRET_KEY_PARTS.stream().anyMatch(k::contains);
    }

    private String scrub(String line) {
        for (String secret : secrets) {
            if (line.contains(secret)) {
                line = line.replace(secret, REDACTED);
            }
        }
        return line;
    }

    private static String keyValueLine(Map<String, Object> fields) {
        StringBuilder sb = new StringBuilder(128);
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(e.getKey()).append('=').append(quoteIfNeeded(String.valueOf(e.getValue())));
        }
        return sb.toString();
    }

    private static String quoteIfNeeded(String v) {
        boolean plain = !v.isEmpty() && v.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '=' || c > 126);
        return plain ? v : Json.write(v);
    }
}
