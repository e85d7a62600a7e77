package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.config.GatewayConfig;
import gomikrobot.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with MCP servers configured: one that cannot start does not stop the gateway and is reported in
 * {@code /readyz} (informational), {@code /api/v1/status} and {@code /api/v1/mcp}; a reload applies config.json
 * again, and a broken one is refused without changing anything.
 */
class GatewayMcpTest {
    @TempDir
    Path dir;
    private final Http http = new Http();

    @Test
    void aServerThatCannotStartIsReportedAndAReloadAppliesTheFileAgain() throws Exception {
        Path config = dir.resolve("home/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"tools\":{\"mcpServers\":{\"broken\":{\"command\":\"/nonexistent/mcp-server\"}}}}");
        try (LiveGateway gw = LiveGateway.start(dir, Map.of())) {
            Eventually.await(() -> "failed".equals(state(gw, "/readyz", "broken")), "the failed server in /readyz");
            Http.Reply ready = http.get(gw.dashboard() + "/readyz");
            assertEquals(200, ready.status(), "an MCP server never makes the gateway unready: " + ready.body());
            Map<?, ?> broken = (Map<?, ?>) ((Map<?, ?>) ready.object().get("mcp")).get("broken");
            assertTrue(String.valueOf(broken.get("detail")).startsWith("cannot start /nonexistent/mcp-server"), ready.body());
            assertTrue(broken.containsKey("next_attempt_at"), ready.body());
            assertEquals("failed", state(gw, "/api/v1/status", "broken"));
            assertTrue(statusLines(gw).contains("\n  broken            stdio, tier 1: failed (cannot start "), statusLines(gw));

            Files.writeString(config, "{\"tools\":{\"mcpServers\":{\"later\":{\"command\":\"x\",\"disabled\":true}}}}");
            Http.Reply reloaded = http.post(gw.dashboard() + "/api/v1/mcp/reload", "{}");
            assertEquals(200, reloaded.status(), reloaded.body());
            assertEquals(List.of(Map.of("name", "later", "state", "disabled", "transport", "stdio", "tier", 1L,
                    "tools", List.of())), reloaded.object().get("servers"));
            assertEquals(reloaded.body(), http.get(gw.dashboard() + "/api/v1/mcp").body());

            Files.writeString(config, "{\"tools\":{\"mcpServers\":{\"bad\":{\"command\":\"x\",\"tier\":9}}}}");
            String error = http.post(gw.dashboard() + "/api/v1/mcp/reload", "{}").assertError(400);
            assertTrue(error.contains("tools.mcpServers.bad.tier must be 0-3, got 9"), error);
            assertEquals("disabled", state(gw, "/api/v1/status", "later"));
        }
    }

    /** What {@code gomikrobot status} prints about MCP, asking this gateway. */
    private String statusLines(LiveGateway gw) {
        Config config = new ConfigLoader(Map.of("GOMIKROBOT_HOME", gw.home.toString()), dir).load();
        GatewayConfig g = config.gateway();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        McpStatusLines.print(config.withGateway(new GatewayConfig("127.0.0.1", g.port(), gw.dashboardPort(),
                g.authToken(), g.corsOrigins())), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private String state(LiveGateway gw, String path, String server) {
        try {
            Object mcp = http.get(gw.dashboard() + path).object().get("mcp");
            return mcp instanceof Map<?, ?> servers && servers.get(server) instanceof Map<?, ?> s
                    ? String.valueOf(s.get("state")) : "absent";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
