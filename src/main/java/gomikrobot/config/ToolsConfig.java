package gomikrobot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tool settings: the shell, the web tools, the MCP servers whose tools join the agent's, by name, and
 * {@code tiers}, the tier a user gives a tool by name instead of its own ({@code tools.tiers}; names are checked
 * against the tools when the agent is built).
 */
public record ToolsConfig(ExecToolConfig exec, WebToolsConfig web, Map<String, McpServerConfig> mcpServers,
                          Map<String, Integer> tiers) {
    public ToolsConfig {
        mcpServers = Map.copyOf(mcpServers);
        tiers = Map.copyOf(tiers);
    }

    /** The search key and every MCP server's header and environment secrets: for the log's redaction. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        secrets.add(web.search().apiKey());
        mcpServers.values().forEach(server -> secrets.addAll(server.secrets()));
        return secrets;
    }
}
