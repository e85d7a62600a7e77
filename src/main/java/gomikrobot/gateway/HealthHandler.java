package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}: 200 {@code {"status":"ok"}} while the process serves HTTP at all. {@code /readyz}: 200
 * {@code {"status":"ok","checks":{…}}} when every named check passes, else 503 with status
 * {@code unavailable}; a check that throws counts as failed. Both are exempt from the bearer token.
 */
final class HealthHandler implements HttpHandler {
    private final Map<String, BooleanSupplier> checks;

    /** Checks by name, reported in the given order (e.g. "database", "agent_loop"). */
    HealthHandler(Map<String, BooleanSupplier> checks) {
        this.checks = new LinkedHashMap<>(checks);
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ok" : "unavailable");
        body.put("checks", results);
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
