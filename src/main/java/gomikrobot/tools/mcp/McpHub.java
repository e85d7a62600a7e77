package gomikrobot.tools.mcp;

import gomikrobot.config.McpServerConfig;
import gomikrobot.observe.Log;
import gomikrobot.process.ChildEnvironment;
import gomikrobot.process.ProcessRunner;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured MCP servers and their tools in the agent's {@link ToolRegistry}. {@link #apply} starts the
 * servers of a configuration in the background (the gateway does not wait for them) and, on a reload, stops
 * the ones that were removed or changed and starts the new ones; unchanged servers keep running. Each server's
 * tools join the registry when it is ready, under names unique across all tools, and are swapped whole when it
 * lists them again; they leave when the server is removed. Thread-safe.
 */
public final class McpHub implements AutoCloseable {
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ToolRegistry registry;
    private final Path workspace;
    private final ChildEnvironment environment;
    private final String clientVersion;
    private final Duration firstRetry;
    private final Clock clock;
    private final Log log;
    private final ProcessRunner runner = new ProcessRunner();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, McpServerLink> links = new TreeMap<>();
    private final Map<String, List<String>> toolNames = new TreeMap<>();

    /**
     * @param workspace          where stdio servers run
     * @param gatewayEnvironment the gateway's environment; children get only its allowlisted part (as exec)
     */
    public McpHub(ToolRegistry registry, Path workspace, Map<String, String> gatewayEnvironment, String clientVersion,
                  Clock clock, Log log) {
        this(registry, workspace, gatewayEnvironment, clientVersion, FIRST_RETRY, clock, log);
    }

    McpHub(ToolRegistry registry, Path workspace, Map<String, String> gatewayEnvironment, String clientVersion,
           Duration firstRetry, Clock clock, Log log) {
        this.registry = registry;
        this.workspace = workspace;
        this.environment = ChildEnvironment.of(gatewayEnvironment);
        this.clientVersion = clientVersion;
        this.firstRetry = firstRetry;
        this.clock = clock;
        this.log = log;
    }

    /** Makes the running servers those of {@code servers}; returns at once. */
    public synchronized void apply(Map<String, McpServerConfig> servers) {
        for (String name : List.copyOf(links.keySet())) {
            if (!links.get(name).config().equals(servers.get(name))) {
                remove(name);
            }
        }
        servers.forEach((name, config) -> {
            if (!links.containsKey(name)) {
                McpServerLink link = new McpServerLink(config, this::connect, tools -> toolsListed(name, tools), firstRetry,
                        clientVersion, clock, log);
                links.put(name, link);
                link.start();
            }
        });
    }

    /** Every configured server's state, by name. */
    public synchronized List<McpServerStatus> statuses() {
        List<McpServerStatus> statuses = new ArrayList<>();
        links.forEach((name, link) -> statuses.add(link.status(toolNames.getOrDefault(name, List.of()))));
        return statuses;
    }

    /** {@code {name: {state, transport, tier, tools (a count), detail?, next_attempt_at?, pid?}}}. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        statuses().forEach(status -> out.put(status.name(), status.describe(false)));
        return out;
    }

    @Override
    public synchronized void close() {
        for (String name : List.copyOf(links.keySet())) {
            remove(name);
        }
    }

    private void remove(String name) {
        McpServerLink link = links.remove(name);
        link.stop();
        registry.replace(toolNames.getOrDefault(name, List.of()), List.of());
        toolNames.remove(name);
    }

    /** A server listed its tools: they replace its earlier ones, named so no other tool's name is taken. */
    private synchronized void toolsListed(String server, List<McpSession.ToolSpec> specs) {
        McpServerLink link = links.get(server);
        if (link == null) {
            return; // removed while it was listing
        }
        List<String> previous = toolNames.getOrDefault(server, List.of());
        Set<String> taken = new HashSet<>(registry.names());
        previous.forEach(taken::remove);
        List<Tool> tools = new ArrayList<>();
        for (McpSession.ToolSpec spec : specs) {
            if (!McpTool.usable(spec)) {
                log.warn("MCP tool skipped: its input schema is not an object", "server", server, "tool", spec.name());
                continue;
            }
            String name = ToolNames.assign(server, spec.name(), taken);
            taken.add(name);
            tools.add(new McpTool(name, spec, link, clock));
        }
        registry.replace(previous, tools);
        toolNames.put(server, tools.stream().map(Tool::name).toList());
    }

    private Transport connect(McpServerConfig config) {
        return switch (config.transport()) {
            case McpServerConfig.Stdio stdio -> new StdioTransport(stdio, workspace, environment, runner, log,
                    config.name());
            case McpServerConfig.Http web -> new HttpTransport(web, http, config.timeout(), log, config.name());
        };
    }
}
