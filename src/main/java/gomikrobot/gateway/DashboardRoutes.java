package gomikrobot.gateway;

import gomikrobot.timeline.Timeline;
import java.nio.file.Path;
import java.time.Duration;

/** Every route of the dashboard server (OPERATIONS-GUIDE §7, API-CONTRACT §3-§6), mounted on one router. */
final class DashboardRoutes {
    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(60);

    private DashboardRoutes() {
    }

    static Router build(GatewayParts p, HealthHandler health, MetricsHandler metrics) {
        Router router = new Router();
        Timeline t = p.timeline();
        StaticHandler pages = p.webDir().map(StaticHandler::fromDirectory)
                .orElseGet(() -> StaticHandler.fromClasspath(DashboardRoutes.class.getClassLoader(), "web"));
        pages.mount(router);
        new MediaHandler(Gateway.mediaRoot(p)).mount(router);
        new TimelineApi(t.events()).mount(router);
        new TraceApi(t.events(), t.tasks(), t.policy(), p.clock().getZone()).mount(router);
        new SettingsApi(t.settings(), t.tasks(), key -> p.log().debug("Setting changed", "key", key)).mount(router);
        GitRunner git = new GitRunner(GIT_TIMEOUT, p.log());
        WorkRepo workRepo = new WorkRepo(git, p.log());
        new WorkRepoApi(p.repos().workRepoHolder(), workRepo, t.settings(), p.userHome(),
                Path.of("").toAbsolutePath()).mount(router);
        new RepoApi(p.repos(), git, workRepo).mount(router);
        new WebUsersApi(t.webUsers()).mount(router);
        new WebChatApi(t.webUsers(), t.settings(), t.events(), p.pipeline().bus(), new ChannelForwarder(p.whatsapp()),
                p.ids(), p.clock(), p.log()).mount(router);
        new TasksApi(t.tasks()).mount(router);
        new StatusApi(StatusApi.defaultAgentId(), p.version(), p.config().gateway().host(),
                p.config().gateway().authToken(), p.clock().instant(), p.clock(), () -> Gateway.channelStates(p))
                .mount(router);
        BackupApi.forConfig(p.config(), p.clock(), p.version()).mount(router);
        health.mount(router);
        metrics.mount(router);
        return router;
    }

    /** What the dashboard server serves without a token: the page and its assets, status, auth verify. */
    static boolean isPublicPath(String path) {
        return StaticHandler.isPublicPath(path) || StatusApi.isPublicPath(path);
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
