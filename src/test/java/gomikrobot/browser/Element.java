package gomikrobot.browser;

import java.util.Map;
import java.util.Objects;

/** A W3C element reference, valid within the session and page that found it. */
public record Element(String id) {
    /** The key under which the W3C protocol carries element ids. */
    static final String KEY = "element-6066-11e4-a52e-4f735466cecf";

    public Element {
        Objects.requireNonNull(id, "id");
    }

    Map<String, Object> toJson() {
        return Map.of(KEY, id);
    }
}
