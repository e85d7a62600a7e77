package gomikrobot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tools.web and tools.mcpServers: the shape users copy from other MCP clients, and errors that name the key. */
class ToolsConfigTest {
    @TempDir
    Path userHome;

    private Path write(String json) throws IOException {
        Path file = userHome.resolve(".gomikrobot/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }

    private Config load(Map<String, String> env) {
        return new ConfigLoader(env, userHome).load();
    }

    private String failure(String json) throws IOException {
        Path file = write(json);
        String message = assertThrows(ConfigException.class, () -> load(Map.of())).getMessage();
        assertTrue(message.contains(file.toString()), message);
        return message;
    }

    @Test
    void serversAreReadInTheUsualShapeWithOurDefaults() throws IOException {
        write("""
                {"tools": {"mcpServers": {
                  "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"],
                            "env": {"DEBUG": "true", "API_TOKEN": "tok-123456789"}, "autoApprove": ["read"]},
                  "remote": {"type": "http", "url": "https://mcp.example.test/mcp", "tier": 0, "timeout": 120,
                             "headers": {"Authorization": "Bearer abc-secret-123"}},
                  "off": {"command": "x", "disabled": true}}}}""");
        Map<String, McpServerConfig> servers = load(Map.of()).tools().mcpServers();
        assertEquals(new McpServerConfig("files", new McpServerConfig.Stdio("npx",
                List.of("-y", "@modelcontextprotocol/server-filesystem", "/tmp"),
                Map.of("DEBUG", "true", "API_TOKEN", "tok-123456789")), 1, Duration.ofSeconds(60), false),
                servers.get("files"));
        assertEquals(new McpServerConfig("remote", new McpServerConfig.Http(URI.create("https://mcp.example.test/mcp"),
                Map.of("Authorization", "Bearer abc-secret-123")), 0, Duration.ofSeconds(120), false),
                servers.get("remote"));
        assertTrue(servers.get("off").disabled());
        List<String> secrets = load(Map.of()).tools().secrets();
        assertTrue(secrets.containsAll(List.of("tok-123456789", "Bearer abc-secret-123", "abc-secret-123")), secrets.toString());
        assertTrue(!secrets.contains("true"), "plain words are no secrets: " + secrets);
    }

    @Test
    void badEntriesAreErrorsNamingTheKey() throws IOException {
        assertTrue(failure("{\"tools\":{\"mcpServers\":{\"a\":{\"args\":[]}}}}")
                .endsWith("tools.mcpServers.a needs either \"command\" (stdio) or \"url\" (Streamable HTTP)"));
        assertTrue(failure("{\"tools\":{\"mcpServers\":{\"a\":{\"command\":\"x\",\"args\":\"-y\"}}}}")
                .endsWith("tools.mcpServers.a: field 'args' must be an array"));
        assertTrue(failure("{\"tools\":{\"mcpServers\":{\"a\":{\"command\":\"x\",\"env\":{\"N\":1}}}}}")
                .endsWith("tools.mcpServers.a.env.N must be a string"));
        assertTrue(failure("{\"tools\":{\"mcpServers\":{\"a\":{\"url\":\"http://h/mcp\",\"type\":\"sse\"}}}}")
                .contains("the old SSE transport is not supported"));
        assertTrue(failure("{\"tools\":{\"mcpServers\":{\"a\":{\"url\":\"ftp://h/mcp\"}}}}")
                .endsWith("tools.mcpServers.a.url must be an http:// or https:// URL, got \"ftp://h/mcp\""));
        assertTrue(failure("{\"tools\":{\"mcpServers\":{\"a\":{\"command\":\"x\",\"tier\":4}}}}")
                .endsWith("tools.mcpServers.a.tier must be 0-3, got 4"));
        assertTrue(failure("{\"tools\":{\"mcpServers\":{\"a\":{\"url\":\"http://h/\",\"headers\":{\"Host\":\"x\"}}}}}")
                .endsWith("tools.mcpServers.a.headers: \"Host\" cannot be set here"));
        assertTrue(failure("{\"tools\":{\"mcpServers\":[]}}").endsWith("tools.mcpServers must be an object"));
    }

    @Test
    void serversCanComeFromTheEnvironmentAsJson() {
        Map<String, McpServerConfig> servers = load(Map.of("MIKROBOT_TOOLS_MCP_SERVERS",
                "{\"e\": {\"command\": \"node\", \"args\": [\"server.js\"]}}")).tools().mcpServers();
        assertEquals("stdio", servers.get("e").transportName());
        String message = assertThrows(ConfigException.class,
                () -> load(Map.of("MIKROBOT_TOOLS_MCP_SERVERS", "[1]"))).getMessage();
        assertTrue(message.contains("env MIKROBOT_TOOLS_MCP_SERVERS: not a JSON object"), message);
    }

    @Test
    void webSearchNeedsWhatItsProviderNeeds() throws IOException {
        assertEquals(WebToolsConfig.none(), load(Map.of()).tools().web());
        assertTrue(failure("{\"tools\":{\"web\":{\"search\":{\"provider\":\"brave\"}}}}")
                .endsWith("tools.web.search.apiKey must be set for provider brave"));
        assertTrue(failure("{\"tools\":{\"web\":{\"search\":{\"provider\":\"searxng\"}}}}")
                .endsWith("tools.web.search.baseUrl must name the SearXNG instance"));
        assertTrue(failure("{\"tools\":{\"web\":{\"search\":{\"provider\":\"google\"}}}}")
                .endsWith("tools.web.search.provider must be one of brave, tavily, searxng or empty, got \"google\""));
        WebSearchConfig tavily = load(Map.of("MIKROBOT_TOOLS_WEB_SEARCH_PROVIDER", "tavily",
                "MIKROBOT_TOOLS_WEB_SEARCH_API_KEY", "tvly-key-1234")).tools().web().search();
        assertEquals(new WebSearchConfig(WebSearchConfig.Provider.TAVILY, "tvly-key-1234", "", 5), tavily);
    }
}
