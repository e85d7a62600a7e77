package gomikrobot.provider;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Turns what a server said about a failure into one short, printable line. */
final class ErrorText {
    static final int MAX_LENGTH = 300;

    private ErrorText() {
    }

    /** The {@code error.message} of an OpenAI-style error body, else the body itself, else "". */
    static String fromBody(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            if (Json.parse(text) instanceof Map<?, ?> root) {
                Object error = root.get("error");
                if (error instanceof Map<?, ?> details && details.get("message") instanceof String message) {
                    return oneLine(message);
                }
                if (error instanceof String message) {
                    return oneLine(message);
                }
            }
        } catch (JsonException notJson) {
            // an HTML error page from a proxy: its text is still the best description we have
        }
        return oneLine(text);
    }

    /** Collapses whitespace and control characters, truncates to {@link #MAX_LENGTH} characters. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        return flat.length() <= MAX_LENGTH ? flat : flat.substring(0, MAX_LENGTH) + "…";
    }
}
