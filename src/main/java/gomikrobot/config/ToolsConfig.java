package gomikrobot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tool settings: the shell, the web tools, and the MCP servers whose tools join the agent's, by name. */
public record ToolsConfig(ExecToolConfig exec, WebToolsConfig web, Map<String, McpServerConfig> mcpServers) {
    public ToolsConfig {
        mcpServers = Map.copyOf(mcpServers);
    }

    /** The search key and every MCP server's header and environment secrets: for the log's redaction. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        secrets.add(web.search().apiKey());
        mcpServers.values().forEach(server -> secrets.addAll(server.secrets()));
        return secrets;
    }
}
