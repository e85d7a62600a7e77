package gomikrobot.tools.mcp;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.tools.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code tools/call} result as the model reads it: text items joined; images, audio and binary resources
 * described (type, size) instead of sent as base64; embedded text resources with their URI; resource links by
 * name and URI; {@code structuredContent} as JSON when there is no content. {@code isError} makes it a
 * {@link ToolResult.Failed}. Cut at {@value #CAP} characters.
 */
final class McpContent {
    static final int CAP = 64 * 1024;

    private McpContent() {
    }

    static ToolResult toResult(Map<String, Object> result) {
        JsonObject answer = JsonObject.of(result);
        List<String> parts = new ArrayList<>();
        for (Object item : answer.array("content")) {
            if (item instanceof Map<?, ?> map) {
                parts.add(describe(JsonObject.of(map)));
            }
        }
        if (parts.isEmpty() && answer.raw("structuredContent") != null) {
            parts.add(Json.write(answer.raw("structuredContent")));
        }
        String text = String.join("\n", parts);
        if (text.length() > CAP) {
            text = text.substring(0, CAP) + "\n[cut at " + CAP + " characters]";
        }
        boolean failed = Boolean.TRUE.equals(answer.raw("isError"));
        return failed ? new ToolResult.Failed(text.isBlank() ? "the tool reported an error" : text)
                : new ToolResult.Ok(text);
    }

    private static String describe(JsonObject item) {
        String type = item.raw("type") instanceof String t ? t : "";
        return switch (type) {
            case "text" -> text(item, "text");
            case "image", "audio" -> "[" + type + ": " + text(item, "mimeType") + ", " + size(text(item, "data"))
                    + ", not shown]";
            case "resource" -> resource(item.object("resource"));
            case "resource_link" -> "[resource link: " + text(item, "name") + " " + text(item, "uri")
                    + (item.raw("description") instanceof String d ? " — " + d : "") + "]";
            default -> "[" + (type.isEmpty() ? "unknown" : type) + " content, not shown]";
        };
    }

    private static String resource(JsonObject resource) {
        if (resource.raw("text") instanceof String text) {
            return "[resource " + text(resource, "uri") + "]\n" + text;
        }
        return "[resource " + text(resource, "uri") + ": " + text(resource, "mimeType") + ", "
                + size(text(resource, "blob")) + ", not shown]";
    }

    private static String text(JsonObject item, String field) {
        return item.raw(field) instanceof String s ? s : "";
    }

    /** The decoded size of base64 data, roughly. */
    private static String size(String base64) {
        long bytes = base64.length() * 3L / 4;
        return bytes >= 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : bytes + " bytes";
    }
}
