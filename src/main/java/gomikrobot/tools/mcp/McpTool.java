package gomikrobot.tools.mcp;

import gomikrobot.json.JsonObject;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool of an MCP server, registered as an ordinary {@link Tool}: under its name here ({@link ToolNames}), with
 * the server's description and JSON schema, at the server's tier. A call goes to the server through its
 * {@link McpServerLink} (failing clearly while the server is down), within the server's timeout and the task's
 * deadline; the server's own secrets (its env and header values) are scrubbed from what comes back.
 */
final class McpTool implements Tool {
    private static final int DESCRIPTION_CAP = 1024;

    private final String name;
    private final McpSession.ToolSpec spec;
    private final McpServerLink link;
    private final Map<String, Object> parameters;
    private final Clock clock;

    McpTool(String name, McpSession.ToolSpec spec, McpServerLink link, Clock clock) {
        this.name = name;
        this.spec = spec;
        this.link = link;
        this.clock = clock;
        this.parameters = objectSchema(spec.inputSchema());
    }

    /** Whether the server's input schema can be offered as a function's parameters (an object, or untyped). */
    static boolean usable(McpSession.ToolSpec spec) {
        Object type = spec.inputSchema().get("type");
        return type == null || "object".equals(type);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        String text = "(from MCP server " + link.name() + ") " + spec.description();
        return text.length() > DESCRIPTION_CAP ? text.substring(0, DESCRIPTION_CAP) + "…" : text;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public int tier() {
        return link.tier();
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        Duration timeout = link.timeout();
        if (ctx.deadline() != null) {
            Duration left = Duration.between(clock.instant(), ctx.deadline());
            timeout = left.compareTo(timeout) < 0 ? left : timeout;
        }
        if (!timeout.isPositive()) {
            return new ToolResult.Failed("the task's time is up");
        }
        try {
            return link.scrubbed(McpContent.toResult(link.callTool(spec.name(), args.asMap(), timeout)));
        } catch (McpException e) {
            return new ToolResult.Failed(link.scrub("MCP server " + link.name() + ": " + e.getMessage()));
        }
    }

    private static Map<String, Object> objectSchema(Map<String, Object> schema) {
        Map<String, Object> object = new LinkedHashMap<>(schema);
        object.put("type", "object");
        object.putIfAbsent("properties", Map.of());
        object.remove("$schema"); // some providers refuse meta-schema keys in function parameters
        if (!(object.get("required") instanceof List<?>)) {
            object.remove("required");
        }
        return java.util.Collections.unmodifiableMap(object);
    }
}
