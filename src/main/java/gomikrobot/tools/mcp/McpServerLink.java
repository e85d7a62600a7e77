package gomikrobot.tools.mcp;

import gomikrobot.config.McpServerConfig;
import gomikrobot.observe.Log;
import gomikrobot.tools.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Our link to one configured MCP server, kept up on a virtual thread of its own: connect and initialise, list the
 * tools and hand them to the hub, wait until the connection ends (a crashed child, a lost session), then try
 * again after a backoff that doubles from the first retry up to {@link #MAX_BACKOFF} (and starts over once a
 * connection lasted {@link #STABLE}). Calls are served only while it is ready; otherwise they fail at once
 * saying why and when the next attempt is. Start never waits for the server. Thread-safe.
 */
final class McpServerLink {
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration STABLE = Duration.ofSeconds(60);

    /** Opens a transport to the server; a fresh one for every attempt. */
    @FunctionalInterface
    interface Connector {
        Transport connect(McpServerConfig config);
    }

    private final McpServerConfig config;
    private final Connector connector;
    private final Consumer<List<McpSession.ToolSpec>> onTools;
    private final Duration firstRetry;
    private final String clientVersion;
    private final Clock clock;
    private final Log log;
    private final List<String> secrets;
    private volatile McpSession session;
    private volatile McpServerStatus.State state = McpServerStatus.State.STARTING;
    private volatile String detail = "";
    private volatile Instant nextAttemptAt;
    private volatile boolean stopped;
    private Thread keeper;

    McpServerLink(McpServerConfig config, Connector connector, Consumer<List<McpSession.ToolSpec>> onTools,
                  Duration firstRetry, String clientVersion, Clock clock, Log log) {
        this.config = config;
        this.connector = connector;
        this.onTools = onTools;
        this.firstRetry = firstRetry;
        this.clientVersion = clientVersion;
        this.clock = clock;
        this.log = log;
        this.secrets = config.secrets();
    }

    synchronized void start() {
        if (config.disabled()) {
            state = McpServerStatus.State.DISABLED;
            return;
        }
        keeper = Thread.ofVirtual().name("mcp-" + config.name()).start(this::keepUp);
    }

    /** Ends the connection and stops trying; the hub removes the tools. */
    synchronized void stop() {
        stopped = true;
        if (keeper != null) {
            keeper.interrupt();
        }
        McpSession current = session;
        if (current != null) {
            current.close();
        }
        state = config.disabled() ? McpServerStatus.State.DISABLED : McpServerStatus.State.STOPPED;
        nextAttemptAt = null;
    }

    Map<String, Object> callTool(String tool, Map<String, Object> arguments, Duration timeout) throws McpException {
        McpSession current = session;
        if (current == null || state != McpServerStatus.State.READY) {
            throw new McpException(unavailable());
        }
        return current.callTool(tool, arguments, timeout);
    }

    McpServerStatus status(List<String> toolNames) {
        McpSession current = session;
        return new McpServerStatus(config.name(), config.transportName(), config.tier(), state, scrub(detail),
                toolNames, nextAttemptAt, current == null ? 0 : current.pid());
    }

    String name() {
        return config.name();
    }

    int tier() {
        return config.tier();
    }

    Duration timeout() {
        return config.timeout();
    }

    McpServerConfig config() {
        return config;
    }

    /** The text with this server's configured secrets (env and header values) replaced. */
    String scrub(String text) {
        String clean = text;
        for (String secret : secrets) {
            if (secret.length() >= 4) {
                clean = clean.replace(secret, "[REDACTED]");
            }
        }
        return clean;
    }

    ToolResult scrubbed(ToolResult result) {
        return switch (result) {
            case ToolResult.Ok ok -> new ToolResult.Ok(scrub(ok.forModel()));
            case ToolResult.Failed failed -> new ToolResult.Failed(scrub(failed.reason()));
            case ToolResult.Denied denied -> denied;
        };
    }

    private void keepUp() {
        Duration backoff = firstRetry;
        while (!stopped) {
            state = McpServerStatus.State.STARTING;
            nextAttemptAt = null;
            Instant connectedAt = null;
            try {
                CompletableFuture<String> ended = new CompletableFuture<>();
                session = McpSession.open(connector.connect(config), clientVersion, this::refreshTools,
                        ended::complete, log, config.name());
                List<McpSession.ToolSpec> tools = session.listTools();
                onTools.accept(tools);
                connectedAt = clock.instant();
                state = McpServerStatus.State.READY;
                detail = "";
                log.info("MCP server ready", "server", config.name(), "tools", tools.size());
                detail = ended.get();
            } catch (McpException e) {
                detail = e.getMessage();
            } catch (ExecutionException e) {
                detail = String.valueOf(e.getCause());
            } catch (InterruptedException e) {
                break; // stopped
            } catch (RuntimeException e) {
                log.unexpected("MCP server link failed", e, "server", config.name());
                detail = "unexpected error: " + e;
            } finally {
                closeSession();
            }
            if (stopped) {
                break;
            }
            boolean lasted = connectedAt != null && !connectedAt.plus(STABLE).isAfter(clock.instant());
            backoff = lasted ? firstRetry : backoff;
            state = McpServerStatus.State.FAILED;
            nextAttemptAt = clock.instant().plus(backoff);
            log.warn("MCP server not available", "server", config.name(), "error", scrub(detail),
                    "retry_in_ms", backoff.toMillis());
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** The server said its tools changed: list them again, off the transport's thread. */
    private void refreshTools() {
        Thread.ofVirtual().name("mcp-" + config.name() + "-tools").start(() -> {
            McpSession current = session;
            if (current == null || stopped) {
                return;
            }
            try {
                onTools.accept(current.listTools());
            } catch (McpException e) {
                log.warn("MCP tool list not refreshed", "server", config.name(), "error", scrub(e.getMessage()));
            }
        });
    }

    private void closeSession() {
        McpSession current = session;
        session = null;
        if (current != null) {
            current.close();
        }
    }

    private String unavailable() {
        return switch (state) {
            case STARTING -> "the server is starting; try again in a few seconds";
            case FAILED -> "the server is not running (" + scrub(detail) + ")"
                    + (nextAttemptAt == null ? "" : "; it is restarted at " + nextAttemptAt);
            case DISABLED -> "the server is disabled in the configuration";
            case STOPPED -> "the server was stopped";
            case READY -> "the server's connection just ended; try again";
        };
    }
}
