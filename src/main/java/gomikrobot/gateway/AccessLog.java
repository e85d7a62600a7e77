package gomikrobot.gateway;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import java.io.IOException;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The outermost filter: one debug line per request and the request count and duration per server, route,
 * method and status. Routes are labelled by their pattern (never the raw path) and unknown methods as
 * {@code OTHER}, so the number of metric series stays bounded whatever clients send. Query strings are not
 * logged: they may carry file paths a user would rather keep out of logs.
 */
final class AccessLog extends Filter {
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final String server;
    private final Log log;
    private final UnaryOperator<String> routeLabel;
    private final Metrics.Counter requests;
    private final Metrics.Histogram durations;

    AccessLog(String server, Log log, Metrics metrics, UnaryOperator<String> routeLabel) {
        this.server = server;
        this.log = log;
        this.routeLabel = routeLabel;
        this.requests = metrics.counter("gomikrobot_http_requests_total", "HTTP requests answered.",
                "server", "route", "method", "status");
        this.durations = metrics.histogram("gomikrobot_http_request_duration_seconds",
                "Time from receiving a request to finishing its response.", Metrics.DEFAULT_BUCKETS, "server", "route");
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(exchange);
        } finally {
            record(exchange, System.nanoTime() - start);
        }
    }

    @Override
    public String description() {
        return "access log and request metrics";
    }

    private void record(HttpExchange exchange, long nanos) {
        String path = exchange.getRequestURI().getPath();
        String route = routeLabel.apply(path);
        String method = KNOWN_METHODS.contains(exchange.getRequestMethod()) ? exchange.getRequestMethod() : "OTHER";
        int status = exchange.getResponseCode();
        requests.inc(server, route, method, Integer.toString(status));
        durations.observe(nanos / 1e9, server, route);
        log.debug("http request", "server", server, "method", method, "path", path, "status", status,
                "duration_ms", nanos / 1_000_000);
    }
}
