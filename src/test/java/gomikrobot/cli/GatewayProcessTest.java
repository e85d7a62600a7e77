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
        int api = GatewayProcess.freePort();
        int dash = GatewayProcess.freePort();
        try (FakeOpenAiServer llm = FakeOpenAiServer.start();
             GatewayProcess first = GatewayProcess.start(dir, "first", env(llm, "a"), api, dash)) {
            assertTrue(first.awaitListening(Duration.ofSeconds(30)), first.stderr());
            try (GatewayProcess second = GatewayProcess.start(dir, "second", env(llm, "b"), api, dash)) {
                assertEquals(1, second.awaitExit(Duration.ofSeconds(30)));
                String err = second.stderr();
                assertTrue(err.contains("port " + api + " is already in use"), err);
                assertTrue(err.contains("make rerun"), err);
            }
        }
    }

    @Test
    void sigtermDuringASlowLlmCallExitsZeroAndLeavesNoProcessingTask() throws Exception {
        int api = GatewayProcess.freePort();
        try (FakeOpenAiServer llm = FakeOpenAiServer.start();
             GatewayProcess gw = GatewayProcess.start(dir, "gw", env(llm, "h"), api, GatewayProcess.freePort())) {
            assertTrue(gw.awaitListening(Duration.ofSeconds(30)), gw.stderr());
            llm.enqueueDelay(Duration.ofSeconds(3));
            llm.enqueueText("slow answer");
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> chat = http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api + "/chat?message=slow")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            while (llm.count("/chat/completions") == 0) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            gw.process.toHandle().destroy(); // SIGTERM
            int exit = gw.awaitExit(Duration.ofSeconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(0, exit, gw.stderr());
            assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "shutdown took " + took);
            assertEquals("slow answer", chat.get().body()); // in-flight work drained, not dropped
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
