package gomikrobot.gateway;

import gomikrobot.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The two HTTP servers: the API server ({@code POST /chat}) and the dashboard server (the SPA, media, and every
 * {@code /api/v1} route), both with health, readiness and metrics. If either cannot bind, nothing keeps
 * running: the one already started is stopped and the error names the port.
 */
public final class Gateway implements AutoCloseable {
    private static final Duration CHAT_TIMEOUT = Duration.ofMinutes(9); // inside the server's 10-minute answer limit

    private final WebServer api;
    private final WebServer dashboard;

    private Gateway(WebServer api, WebServer dashboard) {
        this.api = api;
        this.dashboard = dashboard;
    }

    /** Refuses to expose the gateway beyond loopback without {@code gateway.authToken}. */
    public static void requireSafeBinding(GatewayConfig config) {
        RequestGuard.requireSafeBinding(config);
    }

    public static Gateway start(GatewayParts p) throws IOException {
        GatewayConfig config = p.config().gateway();
        RequestGuard guard = new RequestGuard(config, DashboardRoutes::isPublicPath);
        HealthHandler health = new HealthHandler(readiness(p), informational(p), () -> channelStates(p));
        MetricsHandler metrics = new MetricsHandler(p.metrics());

        Router apiRoutes = new Router();
        new ChatHandler(p.pipeline(), p.ids(), p.clock(), CHAT_TIMEOUT).mount(apiRoutes);
        health.mount(apiRoutes);
        metrics.mount(apiRoutes);

        Router dashRoutes = DashboardRoutes.build(p, health, metrics);
        DashboardRoutes.ensureWorkRepo(p);

        WebServer apiServer = WebServer.start("api", config.host(), config.port(), apiRoutes, guard, p.log(), p.metrics());
        try {
            WebServer dashServer = WebServer.start("dashboard", config.host(), config.dashboardPort(), dashRoutes, guard,
                    p.log(), p.metrics());
            return new Gateway(apiServer, dashServer);
        } catch (IOException | RuntimeException e) {
            apiServer.stop(0);
            throw e;
        }
    }

    public String apiAddress() {
        return hostPort(api);
    }

    public String dashboardAddress() {
        return hostPort(dashboard);
    }

    public int apiPort() {
        return api.port();
    }

    public int dashboardPort() {
        return dashboard.port();
    }

    /** Stops accepting; requests in flight get until {@code drain} to finish. */
    public void stop(Duration drain) {
        int seconds = (int) Math.max(0, drain.toSeconds());
        Thread other = Thread.ofVirtual().start(() -> api.stop(seconds));
        dashboard.stop(seconds);
        try {
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static Map<String, BooleanSupplier> readiness(GatewayParts p) {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("database", p.timeline().db()::isWritable);
        checks.put("agent", p.pipeline()::isRunning);
        return checks;
    }

    private static Map<String, BooleanSupplier> informational(GatewayParts p) {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        p.whatsapp().ifPresent(w -> checks.put("whatsapp", () -> w.status().connected()));
        return checks;
    }

    /** What {@code /readyz} and {@code /api/v1/status} say about each running channel's connection. */
    static Map<String, Object> channelStates(GatewayParts p) {
        Map<String, Object> states = new LinkedHashMap<>();
        p.whatsapp().ifPresent(w -> states.put(w.name(), w.status().describe()));
        return states;
    }

    private static String hostPort(WebServer server) {
        String host = server.address().getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
    }

    static Path mediaRoot(GatewayParts p) {
        return p.config().paths().workspace().resolve("media");
    }
}
