package gomikrobot.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of a parsed JSON object with typed getters that validate as they read. A missing key or a
 * JSON null yields the default (or an empty Optional); a value of the wrong type is a {@link JsonException}
 * naming the key, so callers can turn it into a clear "field x must be a string" error.
 */
public final class JsonObject {
    private static final JsonObject EMPTY = new JsonObject(Map.of());

    private final Map<String, Object> map;

    private JsonObject(Map<String, Object> map) {
        this.map = map;
    }

    @SuppressWarnings("unchecked")
    public static JsonObject of(Map<?, ?> map) {
        return map.isEmpty() ? EMPTY : new JsonObject(Collections.unmodifiableMap((Map<String, Object>) map));
    }

    public static JsonObject empty() {
        return EMPTY;
    }

    public Map<String, Object> asMap() {
        return map;
    }

    /** A modifiable, insertion-ordered copy (for rewriting a document while keeping unknown keys). */
    public Map<String, Object> toMutableMap() {
        return new LinkedHashMap<>(map);
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    public Object raw(String key) {
        return map.get(key);
    }

    public Optional<String> string(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw wrongType(key, "a string");
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    public Optional<Long> integer(String key) {
        Object v = map.get(key);
        return switch (v) {
            case null -> Optional.empty();
            case Long l -> Optional.of(l);
            case BigInteger b -> throw new JsonException("field '" + key + "' is out of range: " + b);
            case Double d when d == Math.rint(d) && Math.abs(d) < 9.0e15 -> Optional.of(d.longValue());
            default -> throw wrongType(key, "an integer");
        };
    }

    public long integer(String key, long fallback) {
        return integer(key).orElse(fallback);
    }

    public Optional<Double> number(String key) {
        Object v = map.get(key);
        return switch (v) {
            case null -> Optional.empty();
            case Long l -> Optional.of(l.doubleValue());
            case Double d -> Optional.of(d);
            case BigInteger b -> Optional.of(b.doubleValue());
            case BigDecimal b -> Optional.of(b.doubleValue());
            default -> throw wrongType(key, "a number");
        };
    }

    public double number(String key, double fallback) {
        return number(key).orElse(fallback);
    }

    public Optional<Boolean> bool(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        throw wrongType(key, "true or false");
    }

    public boolean bool(String key, boolean fallback) {
        return bool(key).orElse(fallback);
    }

    /** The nested object, or an empty one when the key is missing or null. */
    public JsonObject object(String key) {
        Object v = map.get(key);
        if (v == null) {
            return EMPTY;
        }
        if (v instanceof Map<?, ?> m) {
            return of(m);
        }
        throw wrongType(key, "an object");
    }

    /** The nested array, or an empty list when the key is missing or null. */
    public List<Object> array(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return Collections.unmodifiableList(l);
        }
        throw wrongType(key, "an array");
    }

    /** An array whose items must all be strings. */
    public List<String> strings(String key) {
        List<Object> items = array(key);
        for (Object item : items) {
            if (!(item instanceof String)) {
                throw new JsonException("field '" + key + "' must be an array of strings");
            }
        }
        return items.stream().map(String.class::cast).toList();
    }

    @Override
    public String toString() {
        return Json.write(map);
    }

    private static JsonException wrongType(String key, String expected) {
        return new JsonException("field '" + key + "' must be " + expected);
    }
}
