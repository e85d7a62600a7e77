package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}: 200 {@code {"status":"ok"}} while the process serves HTTP at all. {@code /readyz}: 200
 * {@code {"status":"ready","checks":{…}}} when every required check passes, else 503 with status
 * {@code not_ready}; a check that throws counts as failed. Informational checks (WhatsApp connected) are
 * reported beside them but do not decide readiness: the gateway serves without WhatsApp. The {@link LiveSections}
 * follow (informational too: an MCP server that fails to start does not make the gateway unready). Both routes are
 * exempt from the bearer token.
 */
final class HealthHandler implements HttpHandler {
    private final Map<String, BooleanSupplier> checks;
    private final Map<String, BooleanSupplier> informational;
    private final LiveSections sections;

    /** Required checks by name, reported in the given order (e.g. "database", "agent"). */
    HealthHandler(Map<String, BooleanSupplier> checks) {
        this(checks, Map.of(), LiveSections.NONE);
    }

    HealthHandler(Map<String, BooleanSupplier> checks, Map<String, BooleanSupplier> informational,
                  LiveSections sections) {
        this.checks = new LinkedHashMap<>(checks);
        this.informational = new LinkedHashMap<>(informational);
        this.sections = sections;
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
        sections.addTo(body);
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
