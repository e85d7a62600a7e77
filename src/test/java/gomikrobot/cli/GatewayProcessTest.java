package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway as a real process: port conflicts and SIGTERM. */
class GatewayProcessTest {
    @TempDir
    Path dir;

    private Map<String, String> env(FakeOpenAiServer llm, String home) {
        Map<String, String> env = new HashMap<>();
        env.put("GOMIKROBOT_HOME", dir.resolve(home).toString());
        env.put("MIKROBOT_OPENAI_API_BASE", llm.baseUrl());
        env.put("MIKROBOT_OPENAI_API_KEY", "sk-test-process-1234");
        env.put("MIKROBOT_PATHS_WORK_REPO_PATH", dir.resolve(home + "-repo").toString());
        env.put("HOME", dir.toString());
        return env;
    }

    @Test
    void secondGatewayOnTheSamePortsExitsOneNamingThePort() throws Exception {
        try (FakeOpenAiServer llm = FakeOpenAiServer.start();
             GatewayProcess first = GatewayProcess.start(dir, "first", env(llm, "a"))) {
            assertTrue(first.awaitListening(Duration.ofSeconds(30)), first.stderr());
            int api = first.apiPort();
            try (GatewayProcess second = GatewayProcess.start(dir, "second", env(llm, "b"), api, first.dashboardPort())) {
                assertEquals(1, second.awaitExit(Duration.ofSeconds(30)));
                String err = second.stderr();
                assertTrue(err.contains("port " + api + " is already in use"), err);
                assertTrue(err.contains("make rerun"), err);
            }
        }
    }

    @Test
    void sigtermDuringASlowLlmCallExitsZeroAndLeavesNoProcessingTask() throws Exception {
        try (FakeOpenAiServer llm = FakeOpenAiServer.start();
             GatewayProcess gw = GatewayProcess.start(dir, "gw", env(llm, "h"))) {
            assertTrue(gw.awaitListening(Duration.ofSeconds(30)), gw.stderr());
            int api = gw.apiPort();
            llm.enqueueDelay(Duration.ofSeconds(3));
            llm.enqueueText("slow answer");
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> chat = http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api + "/chat?message=slow")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (llm.count("/chat/completions") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, llm.count("/chat/completions"), "the message reached the model");
            gw.process.toHandle().destroy(); // SIGTERM
            assertEquals(0, gw.awaitExit(Duration.ofSeconds(30)), gw.stderr());
            assertEquals("slow answer", chat.get(30, TimeUnit.SECONDS).body()); // in-flight work drained, not dropped
            assertTrue(gw.stderr().contains("Gateway stopped"), gw.stderr());
        }
        Log quiet = new Log(Log.Level.ERROR, false, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), Set.of());
        try (Database db = Database.open(dir.resolve("h").resolve("timeline.db"), quiet)) {
            List<Task> tasks = Timeline.open(db, Clock.systemUTC(), new Ids(Clock.systemUTC())).tasks().list(null, null, 100, 0);
            assertEquals(1, tasks.size());
            assertTrue(Set.of(Task.COMPLETED, Task.FAILED).contains(tasks.getFirst().status()), tasks.toString());
        }
    }
}
