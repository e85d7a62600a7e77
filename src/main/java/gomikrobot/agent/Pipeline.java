package gomikrobot.agent;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.MessageBus;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.config.Config;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.policy.Decision;
import gomikrobot.policy.PolicyEngine;
import gomikrobot.process.Sandbox;
import gomikrobot.provider.LlmProvider;
import gomikrobot.session.SessionStore;
import gomikrobot.timeline.Timeline;
import gomikrobot.tools.EditFileTool;
import gomikrobot.tools.ExecTool;
import gomikrobot.tools.ListDirTool;
import gomikrobot.tools.ReadFileTool;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolRegistry;
import gomikrobot.tools.WriteFileTool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The message pipeline wired from the configuration, in the order data flows: bus (with the task ledger as
 * its journal) -> agent loop -> context, memory, LLM, policy, tools -> timeline. The gateway and
 * {@code agent -m} both run exactly this.
 */
public final class Pipeline implements AutoCloseable {
    /** Channels whose answer is delivered the moment it is published (the caller is waiting for it). */
    public static final Set<String> INLINE_CHANNELS = Set.of("cli", "local");
    private static final int QUEUE_CAPACITY = 1024;
    private static final int HISTORY_LIMIT = 50;

    private final MessageBus bus;
    private final AgentLoop loop;
    private final EventRecorder events;
    private final ToolRegistry tools;
    private final Sandbox execSandbox;

    /**
     * @param userHome   where {@code ~} in a tool's path argument points
     * @param workRepo   the current work repo (it can change while running)
     * @param extraTools tools beyond the file and shell tools (memory)
     */
    public Pipeline(Config config, Timeline timeline, LlmProvider provider, Path userHome, Supplier<Path> workRepo,
                    List<Tool> extraTools, MemoryContext memory, Clock clock, Ids ids, Log log,
                    Metrics metrics) {
        this.events = new EventRecorder(timeline.events(), ids, log);
        this.execSandbox = Sandbox.choose(config.tools().exec());
        PipelineMetrics figures = new PipelineMetrics(metrics);
        TaskLedger ledger = new TaskLedger(timeline, events, figures, INLINE_CHANNELS, ids, clock);
        this.bus = new MessageBus(QUEUE_CAPACITY, ledger);
        PolicyEngine policy = new PolicyEngine(config.policy(), (req, decision) -> timeline.policy().record(
                req.traceId(), req.taskId(), req.tool(), req.tier(), req.sender(), req.channel(),
                decision instanceof Decision.Allow, decision.reason()), log);
        List<Tool> all = new ArrayList<>(List.of(new ReadFileTool(userHome), new ListDirTool(userHome),
                new WriteFileTool(userHome), new EditFileTool(userHome),
                new ExecTool(config.tools().exec(), execSandbox, config.home())));
        all.addAll(extraTools);
        this.tools = new ToolRegistry(all, policy, events, clock, log);
        TokenQuota quota = new TokenQuota(timeline.settings()::dailyTokenLimit, timeline.tasks()::tokensUsedToday);
        TurnRunner turns = new TurnRunner(provider, tools, config.model(), quota, TurnObserver.atomically(timeline.db(),
                TurnObserver.both(events, TurnObserver.both(ledger, figures))), clock);
        Path workspace = config.paths().workspace();
        SessionStore sessions = new SessionStore(workspace.resolve("sessions"), HISTORY_LIMIT, log);
        ContextBuilder context = new ContextBuilder(workspace, workRepo, clock, log);
        this.loop = new AgentLoop(bus, ledger, sessions, context, turns, memory, () -> workspace, workRepo, clock, log);
    }

    /** Starts the loop; {@code recover} settles tasks a previous run left (gateway only). */
    public void start(boolean recover) throws InterruptedException {
        loop.start(recover);
    }

    /** Sends one message through the pipeline and waits for its answer. */
    public OutboundMessage ask(InboundMessage message, Duration timeout)
            throws InterruptedException, TimeoutException {
        try {
            return bus.request(message).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return OutboundMessage.failure(message, "Error: the gateway is shutting down");
        }
    }

    public MessageBus bus() {
        return bus;
    }

    public EventRecorder events() {
        return events;
    }

    public ToolRegistry tools() {
        return tools;
    }

    /** How {@code exec} is confined on this machine, decided as the pipeline was built. */
    public Sandbox execSandbox() {
        return execSandbox;
    }

    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Drains in-flight work until the deadline, then closes the bus. */
    public void stop(Duration deadline) throws InterruptedException {
        loop.stop(deadline);
        bus.close();
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(10));
    }
}
