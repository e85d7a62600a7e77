package gomikrobot.testing;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One request a fake server received, as it arrived: header names are matched case-insensitively. */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, byte[] bodyBytes) {
    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        bodyBytes = bodyBytes.clone();
    }

    /** The first value of a header, or null when it was not sent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public String body() {
        return new String(bodyBytes, StandardCharsets.UTF_8);
    }

    /** The body as a JSON object; throws when the body is not one (multipart uploads, for instance). */
    public JsonObject json() {
        return Json.parseObject(body());
    }
}
