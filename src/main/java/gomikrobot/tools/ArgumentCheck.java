package gomikrobot.tools;

import gomikrobot.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a call's arguments against the tool's schema: every {@code required} field present and not null, and
 * every declared property of primitive {@code type} (string, integer, number, boolean, array, object) holding a
 * value of that type. Nested schemas are the tool's own business. Stateless.
 */
final class ArgumentCheck {
    private ArgumentCheck() {
    }

    /** The first problem found, worded for the model, or empty when the arguments fit the schema. */
    static Optional<String> problem(Map<String, Object> schema, JsonObject args) {
        for (Object field : listOrEmpty(schema.get("required"))) {
            if (!args.has(String.valueOf(field))) {
                return Optional.of("missing required argument '" + field + "'");
            }
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            for (Map.Entry<?, ?> property : properties.entrySet()) {
                String name = String.valueOf(property.getKey());
                Object value = args.raw(name);
                if (value != null && property.getValue() instanceof Map<?, ?> spec
                        && spec.get("type") instanceof String type && !fits(type, value)) {
                    return Optional.of("argument '" + name + "' must be " + article(type));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean fits(String type, Object value) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Long || value instanceof BigInteger
                    || value instanceof Double d && d == Math.rint(d) && !d.isInfinite();
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List<?>;
            case "object" -> value instanceof Map<?, ?>;
            default -> true; // an unknown type word constrains nothing we can check
        };
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "array", "object" -> "an " + type;
            case "boolean" -> "true or false";
            default -> "a " + type;
        };
    }

    private static List<?> listOrEmpty(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
