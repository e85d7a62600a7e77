package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import gomikrobot.observe.Metrics;
import java.io.IOException;

/** GET {@code /metrics}: the registry in Prometheus text format 0.0.4 (behind the bearer token when one is set). */
final class MetricsHandler implements HttpHandler {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Metrics metrics;

    MetricsHandler(Metrics metrics) {
        this.metrics = metrics;
    }

    void mount(Router router) {
        router.exact("/metrics", this, "GET");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Responses.text(exchange, 200, CONTENT_TYPE, metrics.renderPrometheus());
    }
}
