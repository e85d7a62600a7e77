package gomikrobot.testing;

import gomikrobot.agent.AgentCore;
import gomikrobot.agent.ReplyDispatcher;
import gomikrobot.approval.Approvals;
import gomikrobot.approval.OwnerReplies;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Inbox;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.memory.Memory;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.policy.OwnerApproval;
import gomikrobot.process.Sandbox;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.provider.RetryPolicy;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real agent for tests of any package, wired as the gateway wires it ({@link AgentCore}): a temp home,
 * workspace and work repo, real SQLite, the real tools and memory, the fake OpenAI server on loopback, retries
 * without sleeping. Replies nobody waits for are collected in {@link #delivered} instead of a delivery worker.
 * Close it to stop everything.
 */
public final class TestPipeline implements AutoCloseable {
    public static final String KEY = "sk-test-key-123456";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    public final Clock clock;
    public final Ids ids;
    public final FakeOpenAiServer llm = FakeOpenAiServer.start();
    public final Path workspace;
    public final Path repo;
    public final Config config;
    public final Database db;
    public final Timeline timeline;
    public final AgentCore agent;
    public final Memory memory;
    /** The gateway's approvals over this pipeline's database; the agent asks them only when started with them. */
    public final Approvals approvals;
    /** The intake, behind the approvals' interception of owner replies when started with approvals. */
    public final Inbox inbox;
    /** Replies that went to the channel's delivery because no caller waited for them. */
    public final List<OutboundMessage> delivered = new CopyOnWriteArrayList<>();
    private final ReplyDispatcher replies;

    private TestPipeline(Path root, Map<String, String> extraEnv, boolean recover, boolean withApprovals, Log log,
                         Clock clock) throws Exception {
        this.clock = clock;
        this.ids = new Ids(clock);
        this.workspace = Files.createDirectories(root.resolve("workspace"));
        this.repo = Files.createDirectories(root.resolve("repo"));
        Map<String, String> env = new HashMap<>(Map.of(
                "GOMIKROBOT_HOME", root.resolve("home").toString(),
                "MIKROBOT_OPENAI_API_BASE", llm.baseUrl(),
                "MIKROBOT_OPENAI_API_KEY", KEY,
                "MIKROBOT_PATHS_WORKSPACE", workspace.toString(),
                "MIKROBOT_PATHS_WORK_REPO_PATH", repo.toString()));
        env.putAll(extraEnv);
        this.config = new ConfigLoader(env, root).load();
        this.db = Database.open(config.databaseFile(), log);
        this.timeline = Timeline.open(db, clock, ids);
        RetryPolicy noSleep = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), d -> { },
                new SplittableRandom(1));
        var provider = new OpenAiCompatibleProvider(config.providers().active(), HttpClient.newHttpClient(), noSleep,
                Duration.ofSeconds(5), log);
        this.approvals = new Approvals(timeline.approvals(), config.policy().approvalTimeout(), ids, log);
        this.agent = AgentCore.wire(config, timeline, provider, root, () -> repo,
                withApprovals ? approvals : OwnerApproval.NOBODY, ids, clock, log, new Metrics(),
                Sandbox.choose(config.tools().exec(), config.cacheDir()), Thread.ofVirtual().factory());
        this.memory = agent.memory();
        this.inbox = withApprovals ? new OwnerReplies(agent.intake(), approvals) : agent.intake();
        this.replies = new ReplyDispatcher(agent.bus(), agent.intake(), delivered::add, log);
        replies.start();
        agent.loop().start();
        if (recover) {
            agent.recovery().run();
        }
    }

    /** Owns the task table (settles leftovers at start), as the gateway does. */
    public static TestPipeline start(Path root) throws Exception {
        return new TestPipeline(root, Map.of(), true, false, quietLog(), Clock.systemUTC());
    }

    public static TestPipeline start(Path root, Map<String, String> extraEnv, boolean recover, Log log)
            throws Exception {
        return new TestPipeline(root, extraEnv, recover, false, log, Clock.systemUTC());
    }

    /** As {@link #start(Path, Map, boolean, Log)}, on {@code clock} (a {@link MutableClock} a test moves). */
    public static TestPipeline start(Path root, Map<String, String> extraEnv, boolean recover, Log log, Clock clock)
            throws Exception {
        return new TestPipeline(root, extraEnv, recover, false, log, clock);
    }

    /** As the gateway runs it: calls above the sender's tier wait for the owner, whose answers the inbox takes. */
    public static TestPipeline withApprovals(Path root, Map<String, String> extraEnv) throws Exception {
        return new TestPipeline(root, extraEnv, true, true, quietLog(), Clock.systemUTC());
    }

    public static Log quietLog() {
        return new Log(Log.Level.ERROR, false, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), Set.of());
    }

    /** The owner on the CLI channel. */
    public InboundMessage owner(String text) {
        return InboundMessage.of("cli", "default", "cli:default", "CLI", text, true, clock.instant())
                .withTrace(ids.loopTraceId());
    }

    /** Someone else (not the owner), on the local channel. */
    public InboundMessage stranger(String text) {
        return InboundMessage.of("local", "stranger", "stranger", "Stranger", text, false, clock.instant())
                .withTrace(ids.loopTraceId());
    }

    /** Sends a message and waits (up to 20 s) for its reply. */
    public Reply ask(InboundMessage m) throws InterruptedException {
        return inbox.ask(m, ANSWER_TIMEOUT);
    }

    /** Sends a message on a virtual thread of its own; the future completes with its reply. */
    public CompletableFuture<Reply> askLater(InboundMessage m) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                reply.complete(ask(m));
            } catch (InterruptedException | RuntimeException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    /** Sends a message and returns the answer's text; fails the test when the reply is a failure. */
    public String answer(InboundMessage m) throws InterruptedException {
        return textOf(ask(m));
    }

    public static String textOf(Reply reply) {
        return switch (reply) {
            case Reply.Answer answer -> answer.text();
            case Reply.Failure failure -> throw new AssertionError("expected an answer, got " + failure);
        };
    }

    /** The reply's failure; fails the test when it is an answer. */
    public static Reply.Failure failureOf(Reply reply) {
        return switch (reply) {
            case Reply.Answer answer -> throw new AssertionError("expected a failure, got the answer " + answer.text());
            case Reply.Failure failure -> failure;
        };
    }

    /** The task of a trace once it has finished, waiting up to 20 s for the agent. */
    public Task finishedTask(String traceId) throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos(); // not the clock: a test may hold it still
        while (System.nanoTime() < deadline) {
            Optional<Task> task = timeline.tasks().byTrace(traceId);
            if (task.isPresent() && (task.get().status().equals(Task.COMPLETED) || task.get().status().equals(Task.FAILED))) {
                return task.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("task of trace " + traceId + " did not finish: " + timeline.tasks().byTrace(traceId));
    }

    @Override
    public void close() throws Exception {
        try {
            approvals.close();
            agent.loop().stop(Duration.ofSeconds(5));
            agent.intake().close();
            replies.close();
            agent.bus().close();
            db.close();
        } finally {
            llm.close();
        }
    }
}
