package gomikrobot.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The value type of one setting, and how a raw value becomes a typed one: from a parsed JSON value
 * ({@link #fromJson}, strict about JSON types, errors name the key) and from an environment variable's text
 * ({@link #fromEnv}, errors name the text). Typed values are String, Long, Double, Boolean, List&lt;String&gt;,
 * Path (not yet resolved), Duration, Map&lt;String, Long&gt; (names to integers, in the order given) and, for a
 * section whose entries the user names ({@code tools.mcpServers}), a JSON object (Map&lt;String,Object&gt;) that
 * the section's own record checks. {@code null} from either method means "not set here".
 */
enum Kind {
    STRING, INT, DOUBLE, BOOL, LIST, PATH, DURATION, INT_MAP, OBJECT;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Converts a value parsed from config.json; throws {@link IllegalArgumentException} naming {@code key}. */
    Object fromJson(String key, Object raw) {
        if (raw == null) {
            return null;
        }
        return switch (this) {
            case STRING -> require(key, raw, String.class, "a string");
            case INT -> integerFromJson(key, raw);
            case DOUBLE -> switch (raw) {
                case Long l -> l.doubleValue();
                case Double d -> d;
                case BigInteger b -> b.doubleValue();
                case BigDecimal b -> b.doubleValue();
                default -> throw wrongType(key, "a number");
            };
            case BOOL -> require(key, raw, Boolean.class, "true or false");
            case LIST -> stringsFromJson(key, raw);
            case PATH -> path(require(key, raw, String.class, "a string"), key);
            case DURATION -> switch (raw) {
                case Long nanos -> Duration.ofNanos(nanos); // Go's time.Duration is written as nanoseconds
                case String s -> withKey(key, () -> GoDuration.parse(s));
                default -> throw wrongType(key, "a duration (nanoseconds, or a string like \"60s\")");
            };
            case INT_MAP -> integersFromJson(key, raw);
            case OBJECT -> require(key, raw, Map.class, "an object");
        };
    }

    /** Converts an environment variable's (already trimmed, non-empty) text; the error names the text. */
    Object fromEnv(String text) {
        return switch (this) {
            case STRING -> text;
            case INT -> {
                try {
                    yield Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: \"" + text + "\"");
                }
            }
            case DOUBLE -> {
                if (!DECIMAL.matcher(text).matches()) {
                    throw new IllegalArgumentException("not a number: \"" + text + "\"");
                }
                yield Double.parseDouble(text);
            }
            case BOOL -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new IllegalArgumentException("not a boolean (true/false/1/0/yes/no): \"" + text + "\"");
            };
            case LIST -> Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            case PATH -> path(text, "the value");
            case DURATION -> GoDuration.parse(text);
            case INT_MAP -> integersFromEnv(text);
            case OBJECT -> objectFromEnv(text);
        };
    }

    private static Object integerFromJson(String key, Object raw) {
        return switch (raw) {
            case Long l -> l;
            case Double d when d == Math.rint(d) && Math.abs(d) < 9.0e15 -> d.longValue();
            case BigInteger b -> throw new IllegalArgumentException(key + " is out of range: " + b);
            default -> throw wrongType(key, "an integer");
        };
    }

    private static Map<?, ?> objectFromEnv(String text) {
        try {
            if (Json.parse(text) instanceof Map<?, ?> object) {
                return object;
            }
        } catch (JsonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.describe());
        }
        throw new IllegalArgumentException("not a JSON object: \"" + text + "\"");
    }

    private static List<String> stringsFromJson(String key, Object raw) {
        if (raw instanceof List<?> items && items.stream().allMatch(String.class::isInstance)) {
            return items.stream().map(String.class::cast).toList();
        }
        throw wrongType(key, "an array of strings");
    }

    /** A JSON object of names to integers; a wrong value names its entry ({@code tools.tiers.exec}). */
    private static Map<String, Long> integersFromJson(String key, Object raw) {
        if (!(raw instanceof Map<?, ?> entries)) {
            throw wrongType(key, "an object of names to integers");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        entries.forEach((name, value) -> out.put(String.valueOf(name), (Long) integerFromJson(key + "." + name,
                Objects.requireNonNullElse(value, "null"))));
        return Collections.unmodifiableMap(out);
    }

    /** {@code exec=3,read_file=0}: comma-separated {@code name=integer} pairs. */
    private static Map<String, Long> integersFromEnv(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || !parts[1].strip().matches("[+-]?\\d{1,9}")) {
                throw new IllegalArgumentException("not a list of name=integer pairs (like exec=3,read_file=0): \""
                        + text + "\"");
            }
            out.put(parts[0].strip(), Long.parseLong(parts[1].strip()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** An empty path means "not set", so a blank value never replaces a sensible default with the cwd. */
    private static Path path(String text, String what) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Path.of(text.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + " is not a valid path: " + e.getReason());
        }
    }

    private static <T> T require(String key, Object raw, Class<T> type, String expected) {
        if (type.isInstance(raw)) {
            return type.cast(raw);
        }
        throw wrongType(key, expected);
    }

    private static Object withKey(String key, Supplier<Object> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException wrongType(String key, String expected) {
        return new IllegalArgumentException(key + " must be " + expected);
    }
}
