package gomikrobot.gateway;

import gomikrobot.agent.AgentCore;
import gomikrobot.agent.ContextBuilder;
import gomikrobot.agent.ReplyDispatcher;
import gomikrobot.approval.Approvals;
import gomikrobot.approval.ChannelOwner;
import gomikrobot.approval.InterruptedApprovals;
import gomikrobot.approval.OwnerReplies;
import gomikrobot.bus.Inbox;
import gomikrobot.channels.Channel;
import gomikrobot.channels.ChannelContext;
import gomikrobot.channels.ChannelPlugin;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.config.GatewayConfig;
import gomikrobot.delivery.DeliveryWorker;
import gomikrobot.delivery.Route;
import gomikrobot.gateway.openai.OpenAiApi;
import gomikrobot.git.Git;
import gomikrobot.git.RepoCommands;
import gomikrobot.git.Repos;
import gomikrobot.git.WorkRepo;
import gomikrobot.group.GroupNode;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.process.Sandbox;
import gomikrobot.provider.LlmProvider;
import gomikrobot.scheduler.HeartbeatRoute;
import gomikrobot.scheduler.Scheduler;
import gomikrobot.scheduler.Sleeper;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.GroupTables;
import gomikrobot.timeline.Timeline;
import gomikrobot.tools.mcp.McpHub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The gateway process's composition root: every part built with {@code new} in the order data flows (database,
 * stores, the agent, channels, delivery, replies, HTTP routes and servers) and started so that stopping in the
 * reverse order is the operations guide's shutdown: stop accepting, channels, the agent drains its work (until
 * the deadline), replies, delivery, bus, database. It starts everything or nothing: a failure (a port in use)
 * stops what had started. A new part is one {@code new} and one {@code life.start}; a new route one
 * {@code mount}; a new channel one {@link ChannelPlugin#createIfEnabled} and its delivery {@link Route}.
 */
public final class Gateway implements AutoCloseable {
    private static final Duration CHAT_TIMEOUT = Duration.ofMinutes(9); // inside the server's 10-minute answer limit
    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ROLLBACK_DEADLINE = Duration.ofSeconds(2);

    private final Lifecycle life;
    private final WebServer api;
    private final WebServer dashboard;
    private final Log log;

    private Gateway(Lifecycle life, WebServer api, WebServer dashboard, Log log) {
        this.life = life;
        this.api = api;
        this.dashboard = dashboard;
        this.log = log;
    }

    /** @param llm the configured provider, paid per call; every call goes through the daily quota */
    public static Gateway start(Config config, String version, LlmProvider llm, Path userHome, Optional<Path> webDir,
                                Clock clock, Log log) throws Exception {
        RequestGuard.requireSafeBinding(config.gateway());
        Lifecycle life = new Lifecycle(log);
        try {
            return wire(config, version, llm, userHome, webDir, clock, log, life);
        } catch (Exception | Error e) {
            life.stop(ROLLBACK_DEADLINE);
            throw e;
        }
    }

    private static Gateway wire(Config config, String version, LlmProvider llm, Path userHome, Optional<Path> webDir,
                                Clock clock, Log log, Lifecycle life) throws Exception {
        // storage and the agent; exec's sandbox is chosen (bubblewrap runs once, unless noted since boot) while
        // the database opens
        CompletableFuture<Sandbox> sandbox = Sandbox.chooseInBackground(config.tools().exec(), config.cacheDir());
        Ids ids = new Ids(clock);
        Metrics metrics = new Metrics();
        Database db = life.closing("database", Database.open(config.databaseFile(), log));
        Timeline t = Timeline.open(db, clock, ids);
        Repos repos = Repos.atStart(config, t.settings(), userHome, log);
        Approvals approvals = new Approvals(t.approvals(), config.policy().approvalTimeout(), ids, log);
        AgentCore agent = AgentCore.wire(config, t, llm, userHome, repos.workRepoHolder(), approvals, ids, clock, log,
                metrics, sandbox.join(), Thread.ofVirtual().name("turn-", 0).factory());
        Inbox inbox = new OwnerReplies(agent.intake(), approvals); // answers to approvals never reach the agent
        GroupTables groupTables = GroupTables.open(db);
        Optional<GroupNode> group = GroupNode.createIfEnabled(config, groupTables, t.events(), t.settings(), ids, clock,
                log, metrics);
        group.ifPresent(g -> agent.tools().replace(List.of(), g.tools()));
        if (!agent.execSandbox().confines()) {
            log.warn("exec is not sandboxed", "detail", agent.execSandbox().summary());
        }
        life.closing("message bus", agent.bus());
        // channels, and the way back to them
        ChannelContext context = new ChannelContext(config, inbox, t.settings(), agent.provider(),
                agent.events()::refused, log);
        Optional<Channel> whatsapp = ChannelPlugin.createIfEnabled("whatsapp", config.channels().whatsapp().enabled(),
                context);
        Optional<Channel> telegram = ChannelPlugin.createIfEnabled("telegram", config.channels().telegram().enabled(),
                context);
        List<Channel> channels = Stream.of(whatsapp, telegram).flatMap(Optional::stream).toList();
        channels.forEach(c -> approvals.addOwnerChannel(new ChannelOwner(c, log)));
        Map<String, Route> routes = Route.standard(t.webUsers(), channels, agent.events()::delivered);
        group.ifPresent(g -> {
            routes.put(g.channel(), g.route());
            g.attach(new GroupNode.Agent(agent.intake(), agent.memory(), agent.events()::delivered,
                    () -> offered(agent, config), channelNames(channels)));
        });
        DeliveryWorker delivery = new DeliveryWorker(t.tasks(), t.settings()::isSilentMode, HeartbeatRoute.around(
                routes, config.scheduler().quietHours(), ZoneId.systemDefault(), clock), clock, log, metrics);
        ReplyDispatcher replies = new ReplyDispatcher(agent.bus(), agent.intake(), delivery::deliverSoon, log);
        Scheduler scheduler = Scheduler.create(agent.jobs(), t, agent.intake(), config.scheduler(),
                config.paths().workspace(), Sleeper.system(), clock, ids, log);

        // the API server's routes, then the dashboard server's (OPERATIONS-GUIDE §7, API-CONTRACT §3-§6)
        GatewayConfig http = config.gateway();
        RequestGuard guard = new RequestGuard(http,
                path -> StaticHandler.isPublicPath(path) || StatusApi.isPublicPath(path));
        McpHub mcp = new McpHub(agent.tools(), config.paths().workspace(), System.getenv(), version, clock, log);
        LiveSections live = new LiveSections(() -> channelStates(channels), mcp::describe);
        HealthHandler health = new HealthHandler(readiness(db, agent), informational(channels), live);
        MetricsHandler metricsHandler = new MetricsHandler(metrics);
        Router apiRoutes = new Router();
        new ChatHandler(inbox, ids, clock, CHAT_TIMEOUT).mount(apiRoutes);
        mountOpenAi(apiRoutes, new OpenAiApi(inbox, t.tasks(), http.openai(), ids, clock, CHAT_TIMEOUT,
                OpenAiApi.KEEP_ALIVE, log));
        health.mount(apiRoutes);
        metricsHandler.mount(apiRoutes);

        Router router = new Router();
        StaticHandler pages = webDir.map(StaticHandler::fromDirectory)
                .orElseGet(() -> StaticHandler.fromClasspath(Gateway.class.getClassLoader(), "web"));
        pages.mount(router);
        new MediaHandler(config.paths().workspace().resolve("media")).mount(router);
        new TimelineApi(t.events()).mount(router);
        new TraceApi(t.events(), t.tasks(), t.policy(), groupTables.traces(), t.approvals(), clock.getZone())
                .mount(router);
        new ApprovalsApi(approvals).mount(router);
        new SettingsApi(t.settings(), agent.quota()::usedToday, repos::settingProblem,
                key -> log.debug("Setting changed", "key", key)).mount(router);
        Git git = new Git(GIT_TIMEOUT, log);
        WorkRepo workRepo = new WorkRepo(git, log);
        new WorkRepoApi(repos, workRepo, t.settings(), userHome, Path.of("").toAbsolutePath()).mount(router);
        new RepoApi(repos, new RepoCommands(git, workRepo)).mount(router);
        new WebUsersApi(t.webUsers()).mount(router);
        new WebChatApi(t.webUsers(), t.settings(), t.events(), inbox, new ChannelForwarder(whatsapp),
                new PartialAnswers(), ids, clock, log).mount(router);
        new TasksApi(t.tasks()).mount(router);
        new JobsApi(agent.jobs(), scheduler).mount(router);
        // once: without a group the default id is a hostname lookup, too slow to repeat per request
        String agentId = group.map(GroupNode::agentId).orElseGet(() -> GroupNode.agentIdOf(config.group()));
        new GroupApi(group, config.group(), agentId, groupTables, t.settings()).mount(router);
        new GroupWorkApi(group, groupTables).mount(router);
        new StatusApi(agentId, config.group().enabled(), version, http.host(), http.authToken(), agent.execSandbox(),
                clock.instant(), clock, live).mount(router);
        new McpApi(mcp, () -> new ConfigLoader(System.getenv(), userHome).forHome(config.home()).load().tools()
                .mcpServers()).mount(router);
        BackupApi.forConfig(config, clock, version).mount(router);
        health.mount(router);
        metricsHandler.mount(router);

        // started in data-flow order: stopping in reverse is the guide's shutdown order
        new InterruptedApprovals(t.approvals(), t.tasks(), t.policy(), log).settle(); // before Recovery reruns tasks
        life.start("delivery worker", delivery::start, delivery);
        life.start("reply dispatcher", replies::start, replies);
        life.closing("intake", agent.intake());
        life.start("mcp servers", () -> mcp.apply(config.tools().mcpServers()), mcp); // in the background
        life.start("agent loop", agent.loop()::start, agent.loop()::stop);
        life.closing("approvals", approvals); // stopping: waits end at once, before the loop drains
        agent.recovery().run(); // the loop runs already: the inbound queue is bounded
        life.start("scheduler", scheduler::start, scheduler); // after recovery: a crashed run's task is settled
        agent.memory().indexSoulFilesInBackground(config.paths().workspace(), ContextBuilder.SOUL_FILES);
        channels.forEach(life::start);
        if (group.isPresent()) {
            life.start("group", group.get()::start, group.get());
        }
        ensureWorkRepo(workRepo, repos.workRepoHolder().current(), log);
        WebServer apiServer = WebServer.start("api", http.host(), http.port(), apiRoutes, guard, log, metrics);
        life.stopping("api server", deadline -> apiServer.stop(seconds(deadline)));
        WebServer dashServer = WebServer.start("dashboard", http.host(), http.dashboardPort(), router, guard, log,
                metrics);
        life.stopping("dashboard server", deadline -> dashServer.stop(seconds(deadline)));
        return new Gateway(life, apiServer, dashServer, log);
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

    /** Stops in the reverse order of start; requests and messages in flight get until {@code deadline}. */
    public void stop(Duration deadline) {
        log.info("Shutting down");
        life.stop(deadline);
        log.info("Gateway stopped");
    }

    @Override
    public void close() {
        stop(ROLLBACK_DEADLINE);
    }

    /** The OpenAI-compatible API's routes ({@code /v1/…}). */
    static void mountOpenAi(Router routes, OpenAiApi openAi) {
        routes.exact(OpenAiApi.MODELS, openAi.models(), "GET")
                .prefix(OpenAiApi.MODELS + "/", openAi.models(), "GET")
                .exact(OpenAiApi.COMPLETIONS, openAi.completions(), "POST");
    }

    private static Map<String, BooleanSupplier> readiness(Database db, AgentCore agent) {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("database", db::isWritable);
        checks.put("agent", agent.loop()::isRunning);
        return checks;
    }

    /** Whether each running channel is connected (Telegram: polling works): shown, never deciding readiness. */
    private static Map<String, BooleanSupplier> informational(List<Channel> channels) {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        channels.forEach(c -> checks.put(c.name(), () -> c.status().connected()));
        return checks;
    }

    /** What {@code /readyz} and {@code /api/v1/status} say about each running channel's connection. */
    private static Map<String, Object> channelStates(List<Channel> channels) {
        Map<String, Object> states = new LinkedHashMap<>();
        channels.forEach(c -> states.put(c.name(), c.status().describe()));
        return states;
    }

    /** The tools this member offers the group: those its policy does not deny. */
    private static List<String> offered(AgentCore agent, Config config) {
        return agent.tools().names().stream().filter(n -> !config.policy().denyTools().contains(n)).toList();
    }

    private static List<String> channelNames(List<Channel> channels) {
        return Stream.concat(Stream.of("local", "webui"), channels.stream().map(Channel::name)).toList();
    }

    /** "Ensure work repo" (§4.4) at start: the folder and its git repository exist before anyone asks. */
    private static void ensureWorkRepo(WorkRepo workRepo, Path path, Log log) {
        workRepo.ensure(path, false).ifPresent(refusal ->
                log.warn("Work repo could not be prepared", "path", path, "reason", refusal.message()));
    }

    private static int seconds(Duration deadline) {
        return (int) Math.max(0, deadline.toSeconds());
    }

    private static String hostPort(WebServer server) {
        String host = server.address().getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
    }
}
