package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.StreamHold;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real OpenAI clients against a real gateway with the fake LLM: the official {@code openai} npm package,
 * {@code curl -N} watching the first words arrive while the turn is still running, and a client that leaves
 * half way through a stream.
 */
class OpenAiClientsTest {
    private static final String TOKEN = "gateway-token-for-the-sdk-0042";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final Http http = new Http();

    @Test
    void theOfficialSdkListsTheModelAndCompletesWholeAndStreamedWithTheGatewaysToken() throws Exception {
        try (LiveGateway g = LiveGateway.start(dir, Map.of("MIKROBOT_GATEWAY_AUTH_TOKEN", TOKEN))) {
            g.llm.setStreamPause(Duration.ofMillis(5));

            JsonObject seen = OpenAiSdk.run(g.api() + "/v1", TOKEN);

            assertEquals(List.of("gomikrobot"), seen.strings("models"));
            JsonObject completion = seen.object("completion");
            assertEquals("echo: hello from the sdk", completion.string("content", ""));
            assertEquals("chat.completion", completion.string("object", ""));
            assertEquals("stop", completion.string("finish_reason", ""));
            assertEquals(FakeOpenAiServer.TOTAL_TOKENS, completion.integer("total_tokens", 0));
            JsonObject stream = seen.object("stream");
            assertEquals("echo: stream to me", String.join("", stream.strings("pieces")));
            assertTrue(stream.strings("pieces").size() >= 3, "streamed in pieces: " + stream);
            assertEquals(List.of("stop"), stream.strings("finish_reasons"));
            assertEquals(FakeOpenAiServer.TOTAL_TOKENS, stream.integer("total_tokens", 0));
            assertEquals(401, seen.object("wrongKey").integer("status", 0));
            assertEquals("AuthenticationError", seen.object("wrongKey").string("name", ""));
            assertEquals(404, seen.object("unknownModel").integer("status", 0));
            assertEquals("model_not_found", seen.object("unknownModel").string("code", ""));
            List<Object> tasks = http.get(g.dashboard() + "/api/v1/tasks?channel=openai", "Authorization",
                    "Bearer " + TOKEN).array();
            assertEquals(2, tasks.size());
            assertTrue(tasks.stream().allMatch(t -> ((Map<?, ?>) t).get("chat_id").equals("sdk-test")), tasks.toString());
        }
    }

    @Test
    void curlSeesTheFirstWordsWhileTheTurnIsStillRunning() throws Exception {
        try (LiveGateway g = LiveGateway.start(dir, Map.of())) {
            g.llm.setStreamPause(Duration.ofMillis(20));
            g.llm.enqueueText("The first words arrive early, the rest later.");
            StreamHold hold = g.llm.holdNextStream(3);
            Process curl = new ProcessBuilder("curl", "-sS", "-N", "-H", "Content-Type: application/json", "-d",
                    body("tell me"), g.api() + "/v1/chat/completions").redirectErrorStream(true).start();
            try {
                Lines lines = new Lines(curl.getInputStream());

                lines.await(line -> line.contains("\"content\":\"first \""), "the third word");
                hold.awaitReached(WAIT);
                assertEquals("processing", onlyTask(g).get("status"), "the turn has not ended yet");
                hold.release();
                lines.await(line -> line.equals("data: [DONE]"), "the end of the stream");

                assertTrue(curl.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
                Eventually.await(() -> "completed".equals(task(g).get("status")), "completed task");
                assertEquals("The first words arrive early, the rest later.", task(g).get("content_out"));
            } finally {
                hold.release();
                curl.destroyForcibly();
            }
        }
    }

    @Test
    void aClientThatLeavesHalfWayDoesNotStopTheTurn() throws Exception {
        try (LiveGateway g = LiveGateway.start(dir, Map.of())) {
            g.llm.enqueueText("one two three four");
            StreamHold hold = g.llm.holdNextStream(1);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), g.apiPort())) {
                socket.setSoTimeout((int) WAIT.toMillis());
                byte[] body = body("count").getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                new Lines(socket.getInputStream()).await(line -> line.contains("\"content\":\"one \""), "one");
            }
            hold.release();

            Eventually.await(() -> "completed".equals(task(g).get("status")), "completed task");
            assertEquals("one two three four", task(g).get("content_out"));
            Http.Reply next = http.post(g.api() + "/v1/chat/completions", body("still there?"));
            assertEquals(200, next.status(), next.body());
        }
    }

    private static String body(String text) {
        return Json.write(Json.object("model", "gomikrobot", "stream", true,
                "messages", List.of(Json.object("role", "user", "content", text))));
    }

    private Map<?, ?> onlyTask(LiveGateway g) throws Exception {
        List<Object> tasks = http.get(g.dashboard() + "/api/v1/tasks?channel=openai").array();
        assertEquals(1, tasks.size(), tasks.toString());
        return (Map<?, ?>) tasks.getFirst();
    }

    /** The openai task, read without failing while it is written (for {@link Eventually}). */
    private Map<?, ?> task(LiveGateway g) {
        try {
            return onlyTask(g);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Lines as they arrive from a process or socket, read on a thread of their own. */
    private static final class Lines {
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        Lines(InputStream in) {
            Thread.ofVirtual().start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    reader.lines().forEach(queue::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    // the other side closed: the lines read so far are all there is
                }
            });
        }

        /** Waits (at most 30 s) for a line that matches, skipping the others. */
        String await(Predicate<String> wanted, String what) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && wanted.test(line)) {
                    return line;
                }
            }
            throw new AssertionError("no line with " + what + " within " + WAIT.toSeconds() + " s");
        }
    }
}
