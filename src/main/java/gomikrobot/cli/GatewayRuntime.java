package gomikrobot.cli;

import gomikrobot.agent.ContextBuilder;
import gomikrobot.memory.Memory;
import gomikrobot.agent.Pipeline;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.Channel;
import gomikrobot.channels.ChannelContext;
import gomikrobot.channels.ChannelPlugin;
import gomikrobot.config.Config;
import gomikrobot.delivery.DeliveryLog;
import gomikrobot.delivery.DeliveryWorker;
import gomikrobot.delivery.Route;
import gomikrobot.delivery.WebUiRoute;
import gomikrobot.delivery.WhatsAppRoute;
import gomikrobot.gateway.Gateway;
import gomikrobot.gateway.GatewayParts;
import gomikrobot.git.Repos;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.provider.LlmProvider;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The running gateway, wired in the order data flows: database -> stores -> pipeline (recovering what a
 * previous run left) -> delivery worker -> HTTP servers. {@link #shutdown} undoes it in the guide's order: stop
 * accepting -> channels -> agent drains in-flight work (deadline) -> delivery -> bus -> database.
 */
final class GatewayRuntime {
    private final Database db;
    private final Pipeline pipeline;
    private final DeliveryWorker delivery;
    private final Optional<Channel> whatsapp;
    private final Thread outbound;
    private final Gateway gateway;
    private final Log log;

    private GatewayRuntime(Database db, Pipeline pipeline, DeliveryWorker delivery, Optional<Channel> whatsapp,
                           Thread outbound, Gateway gateway, Log log) {
        this.db = db;
        this.pipeline = pipeline;
        this.delivery = delivery;
        this.whatsapp = whatsapp;
        this.outbound = outbound;
        this.gateway = gateway;
        this.log = log;
    }

    /** Starts everything or nothing: a failure (a port in use) stops what had started and rethrows. */
    static GatewayRuntime start(Config config, LlmProvider provider, Path userHome, Optional<Path> webDir, Clock clock,
                                Log log) throws IOException, InterruptedException {
        Gateway.requireSafeBinding(config.gateway());
        Database db = Database.open(config.databaseFile(), log);
        Pipeline pipeline = null;
        DeliveryWorker delivery = null;
        Optional<Channel> whatsapp = Optional.empty();
        try {
            Ids ids = new Ids(clock);
            Metrics metrics = new Metrics();
            Timeline timeline = Timeline.open(db, clock, ids);
            Repos repos = Repos.atStart(config, timeline.settings(), userHome, log);
            Memory memory = new Memory(db, provider, null, clock, log);
            pipeline = new Pipeline(config, timeline, provider, userHome, repos.workRepoHolder(), memory.tools(),
                    memory::relevantTo, clock, ids, log, metrics);
            if (!pipeline.execSandbox().confines()) {
                log.warn("exec is not sandboxed", "detail", pipeline.execSandbox().summary());
            }
            indexSoulFilesInBackground(memory, config.paths().workspace(), log);
            whatsapp = config.channels().whatsapp().enabled()
                    ? Optional.of(plugin("whatsapp").create(new ChannelContext(config, pipeline.bus(),
                            timeline.settings(), provider, refusedRecorder(pipeline), log)))
                    : Optional.empty();
            delivery = deliveryWorker(timeline, whatsapp, pipeline, clock, log, metrics);
            pipeline.start(true);
            delivery.start();
            whatsapp.ifPresent(Channel::start); // connects in the background; unpaired is a status, not a failure
            Pipeline running = pipeline;
            DeliveryWorker worker = delivery;
            Thread outbound = Thread.ofVirtual().name("outbound-dispatcher").start(() -> dispatch(running, worker));
            Gateway gateway = Gateway.start(new GatewayParts(config, Version.current(), userHome, timeline, pipeline,
                    repos, webDir, whatsapp, ids, clock, log, metrics));
            return new GatewayRuntime(db, pipeline, delivery, whatsapp, outbound, gateway, log);
        } catch (IOException | RuntimeException | InterruptedException e) {
            whatsapp.ifPresent(Channel::close);
            if (pipeline != null) {
                pipeline.stop(Duration.ofSeconds(2));
            }
            if (delivery != null) {
                delivery.close();
            }
            db.close();
            throw e;
        }
    }

    String apiAddress() {
        return gateway.apiAddress();
    }

    String dashboardAddress() {
        return gateway.dashboardAddress();
    }

    int apiPort() {
        return gateway.apiPort();
    }

    int dashboardPort() {
        return gateway.dashboardPort();
    }

    void shutdown(Duration deadline) throws InterruptedException {
        log.info("Shutting down");
        gateway.stop(deadline);
        whatsapp.ifPresent(Channel::close);
        pipeline.stop(deadline);
        outbound.join(Duration.ofSeconds(2));
        delivery.close();
        db.close();
        log.info("Gateway stopped");
    }

    /** Soul files into memory, off the start-up path; searching while it runs is safe. */
    private static void indexSoulFilesInBackground(Memory memory, Path workspace, Log log) {
        Thread.ofVirtual().name("soul-indexer").start(() -> {
            try {
                Memory.IndexReport report = memory.indexSoulFiles(workspace, ContextBuilder.SOUL_FILES);
                log.info("Soul files indexed", "added", report.added(), "unchanged", report.unchanged(),
                        "removed", report.removed());
            } catch (RuntimeException e) {
                log.warn("Soul file indexing failed; memory answers from what it has", "error", e);
            }
        });
    }

    /** A message a channel refused is still recorded, with {@code authorized=false}. */
    private static BiConsumer<InboundMessage, String> refusedRecorder(Pipeline p) {
        return (message, classification) -> p.events().inbound(message, false, classification);
    }

    private static ChannelPlugin plugin(String name) {
        return ChannelPlugin.find(name).orElseThrow(() -> new IllegalStateException("channels." + name
                + ".enabled is true, but this build has no " + name + " support (the JBang script leaves it out;"
                + " use the jar)"));
    }

    /** Answers for WhatsApp and the web UI: each channel's route, each attempt recorded as an outbound event. */
    private static DeliveryWorker deliveryWorker(Timeline timeline, Optional<Channel> whatsapp, Pipeline pipeline,
                                                 Clock clock, Log log, Metrics metrics) {
        DeliveryLog record = (task, classification, status, recipient) -> pipeline.events().outbound(
                new OutboundMessage(task.channel(), task.chatId(), task.deliverableText(), task.traceId(), task.taskId(),
                        false), classification, status, recipient);
        Map<String, Route> routes = new HashMap<>();
        routes.put("webui", new WebUiRoute(timeline.webUsers(), whatsapp, record));
        whatsapp.ifPresent(w -> routes.put("whatsapp", new WhatsAppRoute(w, record)));
        return new DeliveryWorker(timeline.tasks(), timeline.settings()::isSilentMode, routes, clock, log, metrics);
    }

    /** Answers nobody waits for in-line go to the delivery worker the moment they are published. */
    private static void dispatch(Pipeline pipeline, DeliveryWorker delivery) {
        try {
            pipeline.bus().dispatchOutbound(answer -> delivery.deliverNow(answer.taskId()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
