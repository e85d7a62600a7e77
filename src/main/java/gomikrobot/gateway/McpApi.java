package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.config.ConfigException;
import gomikrobot.config.McpServerConfig;
import gomikrobot.tools.mcp.McpHub;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/mcp}: every configured MCP server with its state and its tools' names here.
 * {@code POST /api/v1/mcp/reload}: reads {@code tools.mcpServers} from config.json again and applies it (new
 * servers start, removed or changed ones stop, unchanged ones keep running), answering at once with the servers
 * as they now stand (new ones still starting); a configuration error is 400 with its message and changes nothing.
 */
final class McpApi {
    private final McpHub hub;
    private final Supplier<Map<String, McpServerConfig>> configured;

    /** @param configured reads the servers' configuration again (throws {@link ConfigException} when it is wrong) */
    McpApi(McpHub hub, Supplier<Map<String, McpServerConfig>> configured) {
        this.hub = hub;
        this.configured = configured;
    }

    void mount(Router router) {
        router.exact("/api/v1/mcp", this::list, "GET");
        router.exact("/api/v1/mcp/reload", this::reload, "POST");
    }

    private void list(HttpExchange exchange) throws IOException {
        Responses.json(exchange, 200, Map.of("servers", servers()));
    }

    private void reload(HttpExchange exchange) throws IOException {
        Map<String, McpServerConfig> servers;
        try {
            servers = configured.get();
        } catch (ConfigException e) {
            throw new HttpError(400, e.getMessage() + " (fix config.json, then reload again)");
        }
        hub.apply(servers);
        Responses.json(exchange, 200, Map.of("servers", servers()));
    }

    private List<Object> servers() {
        return hub.statuses().stream().<Object>map(status -> {
            Map<String, Object> server = status.describe(true);
            server.put("name", status.name());
            return server;
        }).toList();
    }
}
