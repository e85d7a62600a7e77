package gomikrobot.provider;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what a server said about a failure into one short, printable line. */
final class ErrorText {
    static final int MAX_LENGTH = 300;

    private ErrorText() {
    }

    /**
     * What a server said about a failure: its message and, when it gave them, the error's {@code type} and
     * {@code code} (OpenAI's envelope {@code {"error": {"message", "type", "code"}}}). Each is one line, or "".
     */
    record Said(String message, String type, String code) {
        static final Said NOTHING = new Said("", "", "");

        /** "message (code x, type y)": the message with the code and type beside it, each shown once. */
        String describe() {
            List<String> labels = new ArrayList<>();
            if (!code.isEmpty()) {
                labels.add("code " + code);
            }
            if (!type.isEmpty() && !type.equals(code)) {
                labels.add("type " + type);
            }
            String tail = labels.isEmpty() ? "" : "(" + String.join(", ", labels) + ")";
            return message.isEmpty() ? tail : tail.isEmpty() ? message : message + " " + tail;
        }

        boolean isEmpty() {
            return message.isEmpty() && type.isEmpty() && code.isEmpty();
        }

        /** True when the type or the code is {@code name}. */
        boolean names(String name) {
            return type.equals(name) || code.equals(name);
        }
    }

    /** The error in an OpenAI-style body, else the body itself as the message, else {@link Said#NOTHING}. */
    static Said read(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            if (Json.parse(text) instanceof Map<?, ?> root) {
                Object error = root.get("error");
                if (error instanceof Map<?, ?> details) {
                    return fromObject(details);
                }
                if (error instanceof String message) {
                    return new Said(oneLine(message), "", "");
                }
            }
        } catch (JsonException notJson) {
            // an HTML error page from a proxy: its text is still the best description we have
        }
        return new Said(oneLine(text), "", "");
    }

    /** An error object ({@code {"message", "type", "code"}}), as a 200 answer or a stream event may carry it. */
    static Said fromObject(Map<?, ?> error) {
        return new Said(label(error.get("message")), label(error.get("type")), label(error.get("code")));
    }

    /** {@link #read} as one line: the message with its code and type. */
    static String fromBody(byte[] body) {
        return read(body).describe();
    }

    /** Collapses whitespace and control characters, truncates to {@link #MAX_LENGTH} characters. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        return flat.length() <= MAX_LENGTH ? flat : flat.substring(0, MAX_LENGTH) + "…";
    }

    /** A string or a number (some servers send numeric codes); anything else is not shown. */
    private static String label(Object value) {
        return switch (value) {
            case String s -> oneLine(s);
            case Number n -> n.toString();
            case null, default -> "";
        };
    }
}
