package gomikrobot.tools.mcp;

import gomikrobot.config.McpServerConfig;
import gomikrobot.testing.McpEverything;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/** The MCP client with the reference server on Streamable HTTP, as a process of its own. */
class McpHttpTest extends McpServerContract {
    private int port;
    private Process server;

    @Override
    McpServerConfig serverConfig() throws Exception {
        port = McpEverything.freePort();
        server = McpEverything.startHttp(port);
        return new McpServerConfig("everything", new McpServerConfig.Http(URI.create("http://127.0.0.1:" + port + "/mcp"),
                Map.of("Authorization", "Bearer mcp-header-secret-42")), 1, McpServerConfig.DEFAULT_TIMEOUT, false);
    }

    @Override
    void crash() throws InterruptedException {
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    void recover() throws Exception {
        server = McpEverything.startHttp(port);
    }

    @AfterAll
    void stopHttpServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }
}
