package gomikrobot.gateway;

import gomikrobot.agent.MemoryContext;
import gomikrobot.agent.Pipeline;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.provider.RetryPolicy;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The real message pipeline for API tests: temp home and workspace, real SQLite, real tools, the fake OpenAI
 * server on loopback. Close it to stop everything.
 */
final class PipelineHarness implements AutoCloseable {
    final Clock clock = Clock.systemUTC();
    final Ids ids = new Ids(clock);
    final FakeOpenAiServer llm = FakeOpenAiServer.start();
    final Path workspace;
    final Database db;
    final Timeline timeline;
    final Pipeline pipeline;

    PipelineHarness(Path root) throws Exception {
        this.workspace = Files.createDirectories(root.resolve("workspace"));
        Path repo = Files.createDirectories(root.resolve("repo"));
        Config config = new ConfigLoader(Map.of(
                "GOMIKROBOT_HOME", root.resolve("home").toString(),
                "MIKROBOT_OPENAI_API_BASE", llm.baseUrl(),
                "MIKROBOT_OPENAI_API_KEY", "sk-test-key-123456",
                "MIKROBOT_PATHS_WORKSPACE", workspace.toString(),
                "MIKROBOT_PATHS_WORK_REPO_PATH", repo.toString()), root).load();
        this.db = Database.open(config.databaseFile(), Log.quiet());
        this.timeline = Timeline.open(db, clock, ids);
        RetryPolicy noSleep = new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(5), d -> { }, new SplittableRandom(1));
        var provider = new OpenAiCompatibleProvider(config.providers().active(), HttpClient.newHttpClient(), noSleep,
                Duration.ofSeconds(5), Log.quiet());
        this.pipeline = new Pipeline(config, timeline, provider, root, new WorkRepoHolder(repo), List.of(),
                MemoryContext.NONE, clock, ids, Log.quiet(), new gomikrobot.observe.Metrics());
        pipeline.start(false);
    }

    /** The task of a trace once it has finished, waiting up to 20 s for the agent. */
    Task finishedTask(String traceId) throws InterruptedException {
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
