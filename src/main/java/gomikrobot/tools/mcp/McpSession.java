package gomikrobot.tools.mcp;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One initialised conversation with an MCP server: {@code initialize} (we ask for {@value #PROTOCOL_VERSION} and
 * accept the versions whose tool calls we speak), {@code notifications/initialized}, then {@code tools/list}
 * (following its pages) and {@code tools/call}. We offer the server no client features (no roots, sampling or
 * elicitation). Closing it closes the transport (ends the child or the HTTP session).
 */
final class McpSession implements AutoCloseable {
    static final String PROTOCOL_VERSION = "2025-06-18";
    static final Set<String> SUPPORTED = Set.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
    static final Duration INITIALIZE_TIMEOUT = Duration.ofSeconds(60); // npx may first download the server
    static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PAGES = 100;
    private static final int MAX_TOOLS = 1000;

    /** A tool as the server describes it. */
    record ToolSpec(String name, String description, Map<String, Object> inputSchema) {
    }

    private final Transport transport;
    private final RpcPeer rpc;
    private final String server;

    private McpSession(Transport transport, RpcPeer rpc, String server) {
        this.transport = transport;
        this.rpc = rpc;
        this.server = server;
    }

    /**
     * Opens the transport and initialises the session.
     *
     * @param onToolsChanged runs when the server says its tool list changed
     * @param onClosed       runs once, with the reason, when the connection ends
     */
    static McpSession open(Transport transport, String clientVersion, Runnable onToolsChanged,
                           Consumer<String> onClosed, Log log, String server) throws McpException {
        RpcPeer rpc = new RpcPeer(transport, method -> {
            if (method.equals("notifications/tools/list_changed")) {
                onToolsChanged.run();
            }
        }, onClosed, log, server);
        McpSession session = new McpSession(transport, rpc, server);
        try {
            transport.open(rpc);
            session.initialize(clientVersion);
            return session;
        } catch (IOException e) {
            session.close();
            throw new McpException(e.getMessage());
        } catch (McpException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    List<ToolSpec> listTools() throws McpException {
        List<ToolSpec> tools = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES && tools.size() < MAX_TOOLS; page++) {
            JsonObject result = JsonObject.of(rpc.call("tools/list",
                    cursor == null ? Map.of() : Json.object("cursor", cursor), LIST_TIMEOUT));
            for (Object item : result.array("tools")) {
                if (item instanceof Map<?, ?> map && map.get("name") instanceof String name && !name.isBlank()) {
                    JsonObject tool = JsonObject.of(map);
                    String description = tool.raw("description") instanceof String d ? d
                            : tool.raw("title") instanceof String t ? t : "";
                    @SuppressWarnings("unchecked")
                    Map<String, Object> schema = tool.raw("inputSchema") instanceof Map<?, ?> s
                            ? (Map<String, Object>) s : Map.of();
                    tools.add(new ToolSpec(name, description, schema));
                }
            }
            cursor = result.raw("nextCursor") instanceof String next && !next.isEmpty() ? next : null;
            if (cursor == null) {
                break;
            }
        }
        return tools.size() > MAX_TOOLS ? tools.subList(0, MAX_TOOLS) : tools;
    }

    Map<String, Object> callTool(String name, Map<String, Object> arguments, Duration timeout) throws McpException {
        return rpc.call("tools/call", Json.object("name", name, "arguments", arguments), timeout);
    }

    boolean isClosed() {
        return rpc.isClosed();
    }

    long pid() {
        return transport.pid();
    }

    @Override
    public void close() {
        transport.close();
    }

    private void initialize(String clientVersion) throws McpException {
        JsonObject result = JsonObject.of(rpc.call("initialize", Json.object("protocolVersion", PROTOCOL_VERSION,
                "capabilities", Map.of(), "clientInfo", Json.object("name", "gomikrobot", "version", clientVersion)),
                INITIALIZE_TIMEOUT));
        String version = result.raw("protocolVersion") instanceof String v ? v : "";
        if (!SUPPORTED.contains(version)) {
            throw new McpException("the server speaks MCP version \"" + version + "\", which this client does not"
                    + " (it speaks " + String.join(", ", SUPPORTED.stream().sorted().toList()) + ")");
        }
        transport.negotiated(version);
        rpc.notify("notifications/initialized", null);
    }

    @Override
    public String toString() {
        return "MCP session with " + server;
    }
}
