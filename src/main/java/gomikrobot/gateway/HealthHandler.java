package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /healthz}: 200 {@code {"status":"ok"}} while the process serves HTTP at all. {@code /readyz}: 200
 * {@code {"status":"ready","checks":{…}}} when every required check passes, else 503 with status
 * {@code not_ready}; a check that throws counts as failed. Informational checks (WhatsApp connected) are
 * reported beside them but do not decide readiness: the gateway serves without WhatsApp. The channels' states
 * follow under {@code channels} ({@code {"whatsapp":{"state":"reconnecting","next_attempt_at":…}}}), the MCP
 * servers' under {@code mcp} (informational too: a server that fails to start does not make the gateway unready). Both
 * routes are exempt from the bearer token.
 */
final class HealthHandler implements HttpHandler {
    private final Map<String, BooleanSupplier> checks;
    private final Map<String, BooleanSupplier> informational;
    private final Supplier<Map<String, Object>> channels;
    private final Supplier<Map<String, Object>> mcp;

    /** Required checks by name, reported in the given order (e.g. "database", "agent"). */
    HealthHandler(Map<String, BooleanSupplier> checks) {
        this(checks, Map.of(), Map::of);
    }

    /** @param channels each channel's state by name ({@code ChannelStatus#describe}); empty when none runs */
    HealthHandler(Map<String, BooleanSupplier> checks, Map<String, BooleanSupplier> informational,
                  Supplier<Map<String, Object>> channels) {
        this(checks, informational, channels, Map::of);
    }

    /** @param mcp each MCP server's state by name (informational, under {@code mcp}); empty when none is configured */
    HealthHandler(Map<String, BooleanSupplier> checks, Map<String, BooleanSupplier> informational,
                  Supplier<Map<String, Object>> channels, Supplier<Map<String, Object>> mcp) {
        this.checks = new LinkedHashMap<>(checks);
        this.informational = new LinkedHashMap<>(informational);
        this.channels = channels;
        this.mcp = mcp;
    }

    void mount(Router router) {
        router.exact("/healthz", this, "GET");
        router.exact("/readyz", this, "GET");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/healthz")) {
            Responses.json(exchange, 200, Map.of("status", "ok"));
            return;
        }
        Map<String, Object> results = new LinkedHashMap<>();
        boolean ready = true;
        for (Map.Entry<String, BooleanSupplier> check : checks.entrySet()) {
            boolean passed = passes(check.getValue());
            results.put(check.getKey(), passed);
            ready &= passed;
        }
        informational.forEach((name, check) -> results.put(name, passes(check)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not_ready");
        body.put("checks", results);
        Map<String, Object> states = channels.get();
        if (!states.isEmpty()) {
            body.put("channels", states);
        }
        Map<String, Object> servers = mcp.get();
        if (!servers.isEmpty()) {
            body.put("mcp", servers);
        }
        Responses.json(exchange, ready ? 200 : 503, body);
    }

    private static boolean passes(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false; // a check that cannot even run is a failed check, and readiness must still answer
        }
    }
}
