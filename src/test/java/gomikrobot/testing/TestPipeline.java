package gomikrobot.testing;

import gomikrobot.agent.MemoryContext;
import gomikrobot.agent.Pipeline;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.memory.Memory;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The real message pipeline for tests of any package: a temp home, workspace and work repo, real SQLite, the
 * real tools (and semantic memory on request), the fake OpenAI server on loopback, retries without sleeping.
 * Close it to stop everything.
 */
public final class TestPipeline implements AutoCloseable {
    public static final String KEY = "sk-test-key-123456";

    public final Clock clock = Clock.systemUTC();
    public final Ids ids = new Ids(clock);
    public final FakeOpenAiServer llm = FakeOpenAiServer.start();
    public final Path workspace;
    public final Path repo;
    public final Config config;
    public final Database db;
    public final Timeline timeline;
    public final OpenAiCompatibleProvider provider;
    public final Memory memory; // null unless asked for
    public final Pipeline pipeline;

    private TestPipeline(Path root, Map<String, String> extraEnv, boolean recover, boolean withMemory, Log log)
            throws Exception {
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
        this.provider = new OpenAiCompatibleProvider(config.providers().active(), HttpClient.newHttpClient(), noSleep,
                Duration.ofSeconds(5), log);
        this.memory = withMemory ? new Memory(db, provider, null, clock, log) : null;
        this.pipeline = new Pipeline(config, timeline, provider, root, () -> repo,
                withMemory ? memory.tools() : List.of(), withMemory ? memory::relevantTo : MemoryContext.NONE,
                clock, ids, log, new Metrics());
        pipeline.start(recover);
    }

    /** Owns the task table (recovers leftovers at start), as the gateway does. */
    public static TestPipeline start(Path root) throws Exception {
        return new TestPipeline(root, Map.of(), true, false, quietLog());
    }

    public static TestPipeline start(Path root, Map<String, String> extraEnv, boolean recover, boolean withMemory,
                                     Log log) throws Exception {
        return new TestPipeline(root, extraEnv, recover, withMemory, log);
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

    public OutboundMessage ask(InboundMessage m) throws Exception {
        return pipeline.ask(m, Duration.ofSeconds(20));
    }

    /** The task of a trace once it has finished, waiting up to 20 s for the agent. */
    public Task finishedTask(String traceId) throws InterruptedException {
        Instant deadline = clock.instant().plusSeconds(20);
        while (clock.instant().isBefore(deadline)) {
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
        pipeline.stop(Duration.ofSeconds(5));
        db.close();
        llm.close();
    }
}
