package gomikrobot.gateway;

import java.time.Duration;

/** Every route of the dashboard server (OPERATIONS-GUIDE §7, API-CONTRACT §3-§6), mounted on one router. */
final class DashboardRoutes {
    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(60);

    private DashboardRoutes() {
    }

    static Router build(GatewayParts p, HealthHandler health, MetricsHandler metrics) {
        Router router = new Router();
        StaticHandler pages = p.webDir().map(StaticHandler::fromDirectory)
                .orElseGet(() -> StaticHandler.fromClasspath(DashboardRoutes.class.getClassLoader(), "web"));
        pages.mount(router);
        new MediaHandler(Gateway.mediaRoot(p)).mount(router);
        GitRunner git = new GitRunner(GIT_TIMEOUT, p.log());
        WorkRepo workRepo = new WorkRepo(git, p.log());
        new RepoApi(p.repos(), git, workRepo).mount(router);
        health.mount(router);
        metrics.mount(router);
        return router;
    }

    /** "Ensure work repo" (§4.4) at start: the folder and its git repository exist before anyone asks. */
    static void ensureWorkRepo(GatewayParts p) {
        try {
            new WorkRepo(new GitRunner(GIT_TIMEOUT, p.log()), p.log()).ensure(p.repos().workRepoHolder().current());
        } catch (java.io.IOException | RuntimeException e) {
            p.log().warn("Work repo could not be prepared", "path", p.repos().workRepoHolder().current(), "error", e);
        }
    }
}
