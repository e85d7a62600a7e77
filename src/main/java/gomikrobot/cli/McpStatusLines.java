package gomikrobot.cli;

import gomikrobot.config.Config;
import gomikrobot.config.McpServerConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code gomikrobot status}'s MCP lines: each configured server with its transport and tier and, when a gateway
 * answers on the configured dashboard port, what that gateway says of it (ready with its tools, or failed and
 * why). The gateway's {@code /api/v1/status} needs no token; one second is all it gets.
 */
final class McpStatusLines {
    private static final Duration WAIT = Duration.ofSeconds(1);

    private McpStatusLines() {
    }

    static void print(Config config, PrintStream out) {
        Map<String, McpServerConfig> servers = new TreeMap<>(config.tools().mcpServers());
        if (servers.isEmpty()) {
            out.println("mcp:         no servers configured");
            return;
        }
        Map<?, ?> live = fromGateway(config);
        out.println("mcp:         " + servers.size() + " server(s)" + (live == null ? " (no gateway running to ask)" : ""));
        servers.forEach((name, server) -> {
            String state = live == null ? "" : live.get(name) instanceof Map<?, ?> s ? describe(s) : ": not known to the gateway (reload it)";
            out.printf("  %-17s %s, tier %d%s%n", name, server.transportName(), server.tier(),
                    server.disabled() ? ", disabled" : state);
        });
    }

    private static String describe(Map<?, ?> status) {
        String text = ": " + status.get("state");
        if ("ready".equals(status.get("state"))) {
            text += ", " + status.get("tools") + " tools";
        }
        if (status.get("detail") != null) {
            text += " (" + status.get("detail") + ")";
        }
        return text;
    }

    /** The running gateway's {@code mcp} section, or null when none answers. */
    private static Map<?, ?> fromGateway(Config config) {
        String host = config.gateway().host();
        host = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://" + host + ":"
                    + config.gateway().dashboardPort() + "/api/v1/status")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && Json.parse(answer.body()) instanceof Map<?, ?> status
                    ? status.get("mcp") instanceof Map<?, ?> mcp ? mcp : Map.of() : null;
        } catch (IOException | JsonException | IllegalArgumentException e) {
            return null; // no gateway there (or something else on the port): nothing live to show
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
