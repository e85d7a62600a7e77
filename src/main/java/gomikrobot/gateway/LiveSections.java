package gomikrobot.gateway;

import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code /readyz} and {@code /api/v1/status} both report beside their own fields, read at the moment of the
 * request: each running channel's state under {@code channels} ({@code {"whatsapp":{"state":…}}}) and each
 * configured MCP server's under {@code mcp}. A section with nothing in it is left out, so a gateway without
 * channels or MCP servers answers exactly as the original did.
 */
record LiveSections(Supplier<Map<String, Object>> channels, Supplier<Map<String, Object>> mcp) {
    static final LiveSections NONE = new LiveSections(Map::of, Map::of);

    void addTo(Map<String, Object> body) {
        put(body, "channels", channels.get());
        put(body, "mcp", mcp.get());
    }

    private static void put(Map<String, Object> body, String name, Map<String, Object> section) {
        if (!section.isEmpty()) {
            body.put(name, section);
        }
    }
}
