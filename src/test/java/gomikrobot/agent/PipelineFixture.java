package gomikrobot.agent;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.provider.RetryPolicy;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.timeline.Database;
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
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A real pipeline on a temp home: real SQLite, real tools in a temp workspace, the fake OpenAI server on
 * loopback, retries without real sleeping. Close it to stop everything.
 */
final class PipelineFixture implements AutoCloseable {
    final FakeOpenAiServer llm = FakeOpenAiServer.start();
    final Path home;
    final Path workspace;
    final Config config;
    final Database db;
    final Timeline timeline;
    final Pipeline pipeline;
    final Ids ids = new Ids(Clock.systemUTC());

    PipelineFixture(Path root, Map<String, String> extraEnv, boolean recover) throws Exception {
        this.home = root.resolve("home");
        this.workspace = Files.createDirectories(root.resolve("workspace"));
        Map<String, String> env = new HashMap<>(Map.of(
                "GOMIKROBOT_HOME", home.toString(),
                "MIKROBOT_OPENAI_API_BASE", llm.baseUrl(),
                "MIKROBOT_OPENAI_API_KEY", "sk-test-key-123456",
                "MIKROBOT_PATHS_WORKSPACE", workspace.toString(),
                "MIKROBOT_PATHS_WORK_REPO_PATH", Files.createDirectories(root.resolve("repo")).toString()));
        env.putAll(extraEnv);
        this.config = new ConfigLoader(env, root).load();
        Log log = new Log(Log.Level.WARN, false, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), Set.of());
        this.db = Database.open(config.databaseFile(), log);
        this.timeline = Timeline.open(db, Clock.systemUTC(), ids);
        RetryPolicy noSleep = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), d -> { }, new SplittableRandom(1));
        var provider = new OpenAiCompatibleProvider(config.providers().active(), HttpClient.newHttpClient(), noSleep,
                Duration.ofSeconds(5), log);
        this.pipeline = new Pipeline(config, timeline, provider, root, () -> config.paths().workRepoPath(), List.of(),
                MemoryContext.NONE, Clock.systemUTC(), ids, log, new gomikrobot.observe.Metrics());
        pipeline.start(recover);
    }

    PipelineFixture(Path root) throws Exception {
        this(root, Map.of(), true);
    }

    /** The owner on the CLI channel. */
    InboundMessage owner(String text) {
        return InboundMessage.of("cli", "default", "cli:default", "CLI", text, true, Clock.systemUTC().instant())
                .withTrace(ids.loopTraceId());
    }

    /** Someone else, e.g. a web UI user. */
    InboundMessage stranger(String text) {
        return InboundMessage.of("local", "stranger", "stranger", "Stranger", text, false, Clock.systemUTC().instant())
                .withTrace(ids.loopTraceId());
    }

    OutboundMessage ask(InboundMessage m) throws Exception {
        return pipeline.ask(m, Duration.ofSeconds(20));
    }

    @Override
    public void close() throws Exception {
        pipeline.stop(Duration.ofSeconds(5));
        db.close();
        llm.close();
    }
}
