package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.PersonText;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Ids;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.TestPipeline;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.Timeline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every accepted message gets an answer, even across a crash: a real gateway is killed with SIGKILL while it
 * works on web UI and local messages, some of which have already written a file; a new gateway on the same
 * home runs again what had not written anything, tells the users of the others to send their message again,
 * and within one delivery interval no task is left undelivered.
 */
class CrashRecoveryTest {
    private static final int MESSAGES = 12;

    @TempDir
    Path dir;
    private final Http http = new Http();

    @Test
    void afterKillNineEveryInterruptedMessageIsAnsweredOrItsUserToldAndNoneStaysPending() throws Exception {
        Path workspace = dir.resolve("h").resolve("workspace");
        try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            // a first round takes a while; a round after a tool ran lasts until the crash: that task has written
            llm.setDefaultDelay(request -> afterATool(request) ? Duration.ofSeconds(60) : Duration.ofMillis(700));
            llm.setDefaultToolCall(CrashRecoveryTest::writeWhenAskedTo);
            try (GatewayProcess first = GatewayProcess.start(dir, "first", env(llm))) {
                assertTrue(first.awaitListening(Duration.ofSeconds(30)), first.stderr());
                sendWebChats(first);
                awaitNoteWritten(workspace, first);
                sendLocalChats(first, llm); // their first rounds are in flight, nothing written yet
                first.kill();
            }
            llm.setDefaultDelay(Duration.ZERO);
            try (GatewayProcess second = GatewayProcess.start(dir, "second", env(llm))) {
                assertTrue(second.awaitListening(Duration.ofSeconds(30)), second.stderr());
                awaitAllSettled(second);
                second.process.toHandle().destroy();
                assertEquals(0, second.awaitExit(Duration.ofSeconds(30)), second.stderr());
            }
            assertEveryTaskAnsweredOrItsUserTold(firstRoundsAsked(llm));
        }
    }

    private static boolean afterATool(JsonObject request) {
        return request.array("messages").getLast() instanceof Map<?, ?> m && "tool".equals(m.get("role"));
    }

    /** The model writes a note for every "write note N" message, then answers; anything else it just answers. */
    private static Optional<FakeOpenAiServer.Call> writeWhenAskedTo(JsonObject request) {
        List<Object> messages = request.array("messages");
        Object last = messages.getLast();
        if (last instanceof Map<?, ?> m && "user".equals(m.get("role")) && m.get("content") instanceof String text
                && text.startsWith("write note ")) {
            String n = text.substring("write note ".length());
            return Optional.of(new FakeOpenAiServer.Call("write_file",
                    Json.write(Json.object("path", "note-" + n + ".txt", "content", "note " + n))));
        }
        return Optional.empty();
    }

    private Map<String, String> env(FakeOpenAiServer llm) {
        Map<String, String> env = new HashMap<>();
        env.put("GOMIKROBOT_HOME", dir.resolve("h").toString());
        env.put("HOME", dir.toString());
        env.put("MIKROBOT_OPENAI_API_BASE", llm.baseUrl());
        env.put("MIKROBOT_OPENAI_API_KEY", "sk-test-crash-1234");
        env.put("MIKROBOT_PATHS_WORK_REPO_PATH", dir.resolve("repo").toString());
        env.put("MIKROBOT_POLICY_EXTERNAL_MAX_TIER", "1"); // web users may write: a side effect to protect
        return env;
    }

    /** Web UI messages of one user (one session, answered in order), half of them asking for a note. */
    private void sendWebChats(GatewayProcess gw) throws Exception {
        String dashboard = "http://127.0.0.1:" + gw.dashboardPort();
        long user = ((Number) http.post(dashboard + "/api/v1/webusers", "{\"name\":\"crash\"}").object().get("id"))
                .longValue();
        for (int i = 0; i < MESSAGES; i++) {
            String text = i % 2 == 0 ? "write note " + i : "hello " + i;
            Http.Reply queued = http.post(dashboard + "/api/v1/webchat/send",
                    Json.write(Json.object("web_user_id", user, "message", text)));
            assertEquals(200, queued.status(), queued.body());
        }
    }

    /** Local API messages in sessions of their own, whose callers die with the gateway; returns once each is with the model. */
    private static void sendLocalChats(GatewayProcess gw, FakeOpenAiServer llm) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.apiPort() + "/chat?message=local+"
                    + i + "&session=crash-" + i)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (firstRoundsAsked(llm).keySet().stream().filter(text -> text.startsWith("local ")).count() < 3) {
            assertTrue(System.nanoTime() < deadline, "the local messages never reached the model: " + gw.stderr());
            Thread.sleep(5);
        }
    }

    /** A note on disk means a task has run its tier-1 tool and is now waiting on the model: time to crash. */
    private static void awaitNoteWritten(Path workspace, GatewayProcess gw) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(workspace)) {
                try (Stream<Path> files = Files.list(workspace)) {
                    if (files.anyMatch(p -> p.getFileName().toString().startsWith("note-"))) {
                        return;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no note was written: " + gw.stderr());
    }

    /** How often the model was asked each message's first round: twice means the message was run again. */
    private static Map<String, Long> firstRoundsAsked(FakeOpenAiServer llm) {
        return llm.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))
                .map(r -> r.json().array("messages").getLast())
                .filter(m -> m instanceof Map<?, ?> message && "user".equals(message.get("role")))
                .collect(Collectors.groupingBy(m -> String.valueOf(((Map<?, ?>) m).get("content")), Collectors.counting()));
    }

    /** Waits (bounded) until every task has ended and been delivered one way or another. */
    private void awaitAllSettled(GatewayProcess gw) throws Exception {
        String url = "http://127.0.0.1:" + gw.dashboardPort() + "/api/v1/tasks?limit=1000";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Object> tasks = List.of();
        while (System.nanoTime() < deadline) {
            tasks = http.get(url).array();
            if (tasks.size() == MESSAGES + 3 && tasks.stream().map(t -> (Map<?, ?>) t).allMatch(t ->
                    Set.of(Task.COMPLETED, Task.FAILED).contains(t.get("status"))
                            && !Task.DELIVERY_PENDING.equals(t.get("delivery_status")))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("tasks not settled: " + tasks + "\n" + gw.stderr());
    }

    private void assertEveryTaskAnsweredOrItsUserTold(Map<String, Long> firstRoundsAsked) {
        try (Database db = Database.open(dir.resolve("h").resolve("timeline.db"), TestPipeline.quietLog())) {
            Timeline t = Timeline.open(db, Clock.systemUTC(), new Ids(Clock.systemUTC()));
            int interrupted = 0;
            int ranAgain = 0;
            for (Task task : t.tasks().list(null, null, 1000, 0)) {
                assertTrue(task.status().equals(Task.COMPLETED) || task.errorText().equals("interrupted"), task.toString());
                assertFalse(task.deliveryStatus().equals(Task.DELIVERY_PENDING), task.toString());
                long asked = firstRoundsAsked.getOrDefault(task.contentIn(), 0L);
                if (task.status().equals(Task.FAILED)) {
                    interrupted++;
                    assertTrue(t.policy().allowedAtOrAbove(task.taskId(), 1), "only a task that may have written is"
                            + " not run again: " + task);
                    assertEquals(1, asked, "an interrupted task is not run again: " + task);
                    if (task.channel().equals("webui")) {
                        assertTrue(t.events().byTrace(task.traceId(), 100).stream().anyMatch(e ->
                                e.classification().startsWith("WEBUI_OUTBOUND")
                                        && e.contentText().equals(PersonText.INTERRUPTED)), "its user was told: " + task);
                    }
                } else if (asked == 2) {
                    ranAgain++;
                }
            }
            assertTrue(interrupted >= 1, "a task that had written a note ends interrupted");
            assertTrue(ranAgain >= 1, "a task that had not written anything ran again to completion");
        }
    }
}
