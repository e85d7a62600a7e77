package gomikrobot.agent;

import gomikrobot.bus.MessageBus;
import gomikrobot.config.Config;
import gomikrobot.config.GroupConfig;
import gomikrobot.memory.Memory;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.policy.DecisionRecorder;
import gomikrobot.policy.OwnerApproval;
import gomikrobot.policy.PolicyEngine;
import gomikrobot.policy.ToolTiers;
import gomikrobot.process.Sandbox;
import gomikrobot.provider.BudgetedProvider;
import gomikrobot.provider.LlmProvider;
import gomikrobot.scheduler.CronTool;
import gomikrobot.scheduler.Jobs;
import gomikrobot.session.SessionStore;
import gomikrobot.timeline.JobStore;
import gomikrobot.timeline.Timeline;
import gomikrobot.tools.EditFileTool;
import gomikrobot.tools.ExecTool;
import gomikrobot.tools.ListDirTool;
import gomikrobot.tools.ReadFileTool;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolRegistry;
import gomikrobot.tools.WriteFileTool;
import gomikrobot.tools.web.WebTools;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The agent as every process that answers messages wires it (the gateway, {@code agent -m}), in the order data
 * flows: the daily quota in front of the paid provider, memory, the bus, the task ledger and the intake, policy
 * and tools, the turn runner, history and context, the agent loop. Construction only: each process's
 * composition root adds its channels and routes and starts and stops the parts. A new tool is one more entry
 * in {@link #tools}.
 *
 * <p>Each root also chooses the threads turns run on. The gateway's are virtual: thousands may wait on models at
 * once. {@code agent -m}'s are platform threads: a virtual thread that blocks in a socket read starts the JDK's
 * I/O poller, a thread that then sits in the kernel, and the JVM's exit waits up to 300 ms for such threads.
 */
public record AgentCore(TokenQuota quota, LlmProvider provider, Memory memory, MessageBus bus, EventRecorder events,
                        Intake intake, AgentLoop loop, Recovery recovery, Sandbox execSandbox, ToolRegistry tools,
                        Jobs jobs) {
    static final int QUEUE_CAPACITY = 1024;
    static final int HISTORY_LIMIT = 50;
    static final int CACHED_SESSIONS = 256;

    /**
     * @param paid     the provider every paid call goes to, behind the daily quota
     * @param userHome where {@code ~} in a tool's path argument points
     * @param workRepo the current work repo (it can change while running)
     */
    public static AgentCore wire(Config config, Timeline timeline, LlmProvider paid, Path userHome,
                                 Supplier<Path> workRepo, Ids ids, Clock clock, Log log, Metrics metrics) {
        return wire(config, timeline, paid, userHome, workRepo, OwnerApproval.NOBODY, ids, clock, log, metrics,
                Sandbox.choose(config.tools().exec(), config.cacheDir()),
                Thread.ofVirtual().name("turn-", 0).factory());
    }

    /**
     * As above, with {@code owner} to ask about calls above the sender's tier (the gateway's approvals),
     * {@code exec}'s sandbox already chosen (a caller may probe for it while it opens the database), and the
     * factory of the threads turns (and their time-boxed query embeddings) run on.
     *
     * @throws gomikrobot.config.ConfigException when {@code tools.tiers} names a tool there is not
     */
    public static AgentCore wire(Config config, Timeline timeline, LlmProvider paid, Path userHome,
                                 Supplier<Path> workRepo, OwnerApproval owner, Ids ids, Clock clock, Log log,
                                 Metrics metrics, Sandbox execSandbox, ThreadFactory turnThreads) {
        TokenQuota quota = new TokenQuota(timeline.settings(), timeline.tasks(), timeline.usage());
        LlmProvider provider = new BudgetedProvider(paid, quota);
        Memory memory = new Memory(timeline.db(), provider, null, config.model().embeddingTimeout(), turnThreads,
                clock, log);
        MessageBus bus = new MessageBus(QUEUE_CAPACITY);
        EventRecorder events = new EventRecorder(timeline.events(), ids, log);
        AgentMetrics figures = new AgentMetrics(metrics);
        TaskLedger ledger = new TaskLedger(timeline, events, figures, ids);
        Intake intake = new Intake(ledger, bus, log);
        PolicyEngine policy = new PolicyEngine(config.policy(), new ToolTiers(config.tools().tiers()),
                DecisionRecorder.into(timeline.policy()), owner, log);
        Jobs jobs = new Jobs(new JobStore(timeline.db(), clock), Jobs.answeringChannels(config), ZoneId.systemDefault(),
                clock);
        ToolRegistry tools = new ToolRegistry(tools(config, userHome, memory, execSandbox, jobs), policy, events, clock,
                log);
        List<String> joinLater = config.group().enabled() ? GroupConfig.TOOLS : List.of(); // as MCP tools do
        policy.requireKnownTools(Stream.concat(tools.names().stream(), joinLater.stream()).toList(),
                config.tools().mcpServers().keySet());
        TurnRunner turns = new TurnRunner(provider, tools, config.model(), quota,
                TurnObserver.atomically(timeline.db(), events, ledger, figures), clock);
        Path workspace = config.paths().workspace();
        SessionStore sessions = new SessionStore(workspace.resolve("sessions"), HISTORY_LIMIT, CACHED_SESSIONS, log);
        ContextBuilder context = new ContextBuilder(workspace, workRepo, sessions, memory::relevantTo, clock, log);
        AgentLoop loop = new AgentLoop(bus, ledger, context, turns, sessions, intake::callerOf, turnThreads, clock,
                log);
        Recovery recovery = new Recovery(timeline.tasks(), timeline.policy(), bus, clock, log);
        return new AgentCore(quota, provider, memory, bus, events, intake, loop, recovery, execSandbox, tools, jobs);
    }

    /** The tools offered to the model: files and shell, then memory, the web and scheduling (MCP servers' join later). */
    private static List<Tool> tools(Config config, Path userHome, Memory memory, Sandbox execSandbox, Jobs jobs) {
        List<Tool> tools = new ArrayList<>(List.of(new ReadFileTool(userHome), new ListDirTool(userHome),
                new WriteFileTool(userHome), new EditFileTool(userHome),
                new ExecTool(config.tools().exec(), execSandbox, config.home())));
        tools.addAll(memory.tools());
        tools.addAll(WebTools.create(config.tools().web()));
        tools.add(new CronTool(jobs));
        return tools;
    }
}
