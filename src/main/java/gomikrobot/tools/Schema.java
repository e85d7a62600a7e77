package gomikrobot.tools;

import gomikrobot.json.Json;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Builds the small JSON schemas our tools declare, so each tool states only its fields. */
public final class Schema {
    private Schema() {
    }

    /** {@code {"type":"object","properties":{...},"required":[...]}}, unmodifiable. */
    public static Map<String, Object> object(Map<String, Object> properties, String... required) {
        return Collections.unmodifiableMap(Json.object(
                "type", "object", "properties", properties, "required", List.of(required)));
    }

    public static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    public static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "description", description);
    }
}
