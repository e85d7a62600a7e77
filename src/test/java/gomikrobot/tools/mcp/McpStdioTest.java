package gomikrobot.tools.mcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.McpServerConfig;
import gomikrobot.testing.McpEverything;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MCP client with the reference server as a child on stdio. */
class McpStdioTest extends McpServerContract {
    private static final String SECRET = "mcp-env-secret-0123456789";

    @Override
    McpServerConfig serverConfig() throws Exception {
        List<String> command = McpEverything.stdioCommand();
        return new McpServerConfig("everything", new McpServerConfig.Stdio(command.getFirst(),
                command.subList(1, command.size()), Map.of("GMB_MCP_TOKEN", SECRET)), 1,
                McpServerConfig.DEFAULT_TIMEOUT, false);
    }

    @Override
    void crash() {
        ProcessHandle.of(hub.statuses().getFirst().pid()).orElseThrow().destroyForcibly();
    }

    @Override
    void recover() {
        // the link starts a new child by itself
    }

    @Test
    void theChildGetsItsOwnEnvButNeverTheGatewaysKeysAndItsSecretsDoNotComeBack() throws InterruptedException {
        String env = ok(call("mcp_everything_get-env", "{}"));
        assertTrue(env.contains("\"GMB_MCP_TOKEN\": \"[REDACTED]\""), env);
        assertFalse(env.contains(SECRET), env);
        assertFalse(env.contains("OPENAI_API_KEY"), env);
        assertFalse(env.contains("sk-gateway-key"), env);
    }
}
