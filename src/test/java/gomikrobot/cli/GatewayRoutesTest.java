package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the operations guide's table (§7) and our additions, called on the real gateway with valid
 * input: each answers 2xx with the contract's fields (API-CONTRACT §2-§6). One gateway serves the whole class;
 * a {@code /chat} turn with a tool call at start gives the timeline, tasks and policy routes something to show.
 */
class GatewayRoutesTest {
    @TempDir
    static Path dir;
    static LiveGateway gw;
    static final Http http = new Http();
    static String traceId;
    static String taskId;
    static long userId;

    static final List<String> EVENT = List.of("id", "event_id", "trace_id", "span_id", "parent_span_id", "timestamp",
            "sender_id", "sender_name", "event_type", "content_text", "media_path", "vector_id", "classification",
            "authorized");
    static final List<String> TASK = List.of("id", "task_id", "channel", "chat_id", "status", "delivery_status",
            "prompt_tokens", "completion_tokens", "total_tokens", "delivery_attempts", "created_at", "updated_at");
    static final List<String> DECISION = List.of("id", "tool", "tier", "allowed", "created_at");
    static final List<String> REPO_ITEM = List.of("path", "name", "type", "depth", "size");
    static final List<String> WEB_USER = List.of("id", "name", "force_send", "created_at");
    static final List<String> JOB = List.of("id", "name", "schedule", "next_run_at", "last_status", "last_trace_id");
    static final List<String> STATUS = List.of("agent_id", "group_enabled", "mode", "orchestrator_enabled",
            "uptime_seconds", "version");

    @BeforeAll
    static void startGatewayAndHoldOneConversation() throws Exception {
        gw = LiveGateway.start(dir, Map.of());
        gw.llm.enqueueToolCall("list_dir", "{\"path\":\".\"}");
        gw.llm.enqueueText("listed");
        Http.Reply chat = http.post(gw.api() + "/chat?message=list%20the%20workspace", null);
        assertEquals(200, chat.status(), chat.body() + gw.log());
        traceId = chat.header("x-trace-id");
        taskId = (String) ((Map<?, ?>) http.get(gw.dashboard() + "/api/v1/tasks?channel=local").array().getFirst())
                .get("task_id");
        userId = (Long) http.post(gw.dashboard() + "/api/v1/webusers", "{\"name\":\"Alice\"}").object().get("id");
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    /** One call: where, what, and what the answer must hold ("{trace}", "{task}", "{user}" are filled in). */
    record Case(String method, boolean api, String path, String body, int status, Shape shape, List<String> fields) {
        @Override
        public String toString() {
            return method + " " + (api ? "api" : "dashboard") + " " + path;
        }

        String url() {
            return (api ? gw.api() : gw.dashboard()) + fill(path);
        }

        static String fill(String text) {
            return text == null ? null : text.replace("{trace}", traceId).replace("{task}", taskId)
                    .replace("{user}", Long.toString(userId));
        }
    }

    /** What the body is: an object with fields, an array whose first element has them, or something else. */
    enum Shape { OBJECT, ARRAY, TEXT, NONE }

    static Case get(String path, Shape shape, String... fields) {
        return new Case("GET", false, path, null, 200, shape, List.of(fields));
    }

    static Case post(String path, String body, String... fields) {
        return new Case("POST", false, path, body, 200, Shape.OBJECT, List.of(fields));
    }

    static Stream<Case> routes() {
        return Stream.of(
                new Case("GET", true, "/healthz", null, 200, Shape.OBJECT, List.of("status")),
                new Case("GET", true, "/readyz", null, 200, Shape.OBJECT, List.of("status", "checks")),
                new Case("GET", true, "/metrics", null, 200, Shape.TEXT, List.of("# TYPE")),
                new Case("POST", true, "/chat?message=hello&session=local:default", null, 200, Shape.TEXT,
                        List.of("echo: hello")),
                new Case("POST", true, "/chat", "{\"message\":\"from json\"}", 200, Shape.TEXT, List.of("echo: from json")),
                get("/healthz", Shape.OBJECT, "status"),
                get("/readyz", Shape.OBJECT, "status", "checks"),
                get("/metrics", Shape.TEXT, "# TYPE"),
                new Case("GET", false, "/", null, 302, Shape.NONE, List.of()),
                get("/timeline", Shape.TEXT, "<html"),
                get("/media/photo.jpg", Shape.NONE),
                get("/api/v1/status", Shape.OBJECT, STATUS.toArray(String[]::new)),
                get("/api/v1/auth/verify", Shape.OBJECT, "auth_required", "valid"),
                get("/api/v1/timeline", Shape.ARRAY, EVENT.toArray(String[]::new)),
                get("/api/v1/timeline?limit=100&offset=0&trace_id={trace}&authorized=true", Shape.ARRAY,
                        EVENT.toArray(String[]::new)),
                get("/api/v1/trace/{trace}", Shape.OBJECT, "policy_decisions", "spans", "task", "trace_id"),
                get("/api/v1/trace-graph/{trace}", Shape.OBJECT, "nodes", "edges", "task", "policy_decisions"),
                get("/api/v1/policy-decisions?trace_id={trace}", Shape.ARRAY, DECISION.toArray(String[]::new)),
                get("/api/v1/settings", Shape.OBJECT, "silent_mode"),
                get("/api/v1/settings?key=default_repo_search_path", Shape.OBJECT, "key", "value"),
                post("/api/v1/settings", "{\"key\":\"test_setting\",\"value\":\"on\"}", "status"),
                get("/api/v1/usage/today", Shape.OBJECT, "used", "limit"),
                get("/api/v1/workrepo", Shape.OBJECT, "path"),
                get("/api/v1/repo/tree", Shape.ARRAY, REPO_ITEM.toArray(String[]::new)),
                get("/api/v1/repo/tree?path=docs", Shape.ARRAY, REPO_ITEM.toArray(String[]::new)),
                get("/api/v1/repo/tree?repo=identity", Shape.ARRAY, REPO_ITEM.toArray(String[]::new)),
                get("/api/v1/repo/file?path=README.md", Shape.OBJECT, "content", "path"),
                get("/api/v1/repo/file?path=SOUL.md&repo=identity", Shape.OBJECT, "content", "path"),
                get("/api/v1/repo/status", Shape.OBJECT, "remote", "status"),
                get("/api/v1/repo/search", Shape.OBJECT, "repos", "root"),
                get("/api/v1/repo/gh-auth", Shape.OBJECT, "detail", "status"),
                get("/api/v1/repo/branches", Shape.OBJECT, "branches"),
                get("/api/v1/repo/log?limit=5", Shape.OBJECT, "commits"),
                get("/api/v1/repo/diff-file?path=README.md", Shape.OBJECT, "diff"),
                get("/api/v1/repo/diff", Shape.OBJECT, "diff"),
                get("/api/v1/repo/diff?path=docs", Shape.OBJECT, "diff"),
                post("/api/v1/repo/checkout", "{\"branch\":\"main\"}", "result"),
                post("/api/v1/repo/pull", null, "result"),
                post("/api/v1/repo/push", null, "result"),
                post("/api/v1/repo/init", "{}", "status"),
                post("/api/v1/repo/init?repo=identity", "{\"remote_url\":\"https://example.invalid/identity.git\"}", "status"),
                get("/api/v1/webusers", Shape.ARRAY, WEB_USER.toArray(String[]::new)),
                post("/api/v1/webusers", "{\"name\":\"Bob\"}", WEB_USER.toArray(String[]::new)),
                post("/api/v1/webusers/force", "{\"web_user_id\":{user},\"force_send\":false}", "status"),
                post("/api/v1/weblinks", "{\"web_user_id\":{user},\"whatsapp_jid\":\"4915550001\"}", "status"),
                get("/api/v1/weblinks?web_user_id={user}", Shape.OBJECT, "web_user_id", "whatsapp_jid"),
                post("/api/v1/webchat/send", "{\"web_user_id\":{user},\"message\":\"hello from the web\"}",
                        "status", "trace_id"),
                get("/api/v1/tasks", Shape.ARRAY, TASK.toArray(String[]::new)),
                get("/api/v1/tasks?status=completed&channel=local&limit=50&offset=0", Shape.ARRAY,
                        TASK.toArray(String[]::new)),
                get("/api/v1/tasks/{task}", Shape.OBJECT, TASK.toArray(String[]::new)),
                post("/api/v1/backup", null, "path", "manifest"),
                new Case("POST", false, "/api/v1/jobs", "{\"prompt\":\"Check the mail.\",\"every\":\"1h\","
                        + "\"channel\":\"webui\",\"chat_id\":\"{user}\"}", 201, Shape.OBJECT, JOB),
                get("/api/v1/jobs", Shape.ARRAY, JOB.toArray(String[]::new)),
                get("/api/v1/jobs/1", Shape.OBJECT, JOB.toArray(String[]::new)),
                post("/api/v1/jobs/1/pause", null, JOB.toArray(String[]::new)),
                post("/api/v1/jobs/1/resume", null, JOB.toArray(String[]::new)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void everyRouteAnswersWithTheContractFields(Case c) throws Exception {
        Http.Reply r = http.send(c.method(), c.url(), Case.fill(c.body()));
        assertEquals(c.status(), r.status(), r.body());
        switch (c.shape()) {
            case OBJECT -> {
                assertEquals("application/json", r.header("content-type"), c.toString());
                assertTrue(r.object().keySet().containsAll(c.fields()), r.body());
            }
            case ARRAY -> {
                assertEquals("application/json", r.header("content-type"), c.toString());
                assertFalse(r.array().isEmpty(), "expected at least one element: " + r.body());
                assertTrue(((Map<?, ?>) r.array().getFirst()).keySet().containsAll(c.fields()), r.body());
            }
            case TEXT -> c.fields().forEach(f -> assertTrue(r.body().contains(f), r.body()));
            case NONE -> assertNotNull(r.header("x-content-type-options"), c.toString());
        }
    }

    @Test
    void chatRecordsItsTurnUnderItsOwnTraceWithTaskAndPolicyDecision() throws Exception {
        Map<String, Object> trace = http.get(gw.dashboard() + "/api/v1/trace/" + traceId).object();
        assertEquals(traceId, trace.get("trace_id"));
        assertEquals(taskId, ((Map<?, ?>) trace.get("task")).get("task_id"));
        List<?> spans = (List<?>) trace.get("spans");
        assertTrue(spans.stream().anyMatch(s -> "INBOUND".equals(((Map<?, ?>) s).get("type"))), spans.toString());
        Map<?, ?> decision = (Map<?, ?>) http.get(gw.dashboard() + "/api/v1/policy-decisions?trace_id=" + traceId)
                .array().getFirst();
        assertEquals("list_dir", decision.get("tool"));
        assertEquals(true, decision.get("allowed"));
        Map<String, Object> task = http.get(gw.dashboard() + "/api/v1/tasks/" + taskId).object();
        assertEquals("completed", task.get("status"));
        assertEquals("local", task.get("channel"));
        assertEquals("listed", task.get("content_out"));
    }

    @Test
    void rootRedirectsToTheTimelinePageAndMediaIsSandboxed() throws Exception {
        assertEquals("/timeline", http.get(gw.dashboard() + "/").header("location"));
        Http.Reply media = http.get(gw.dashboard() + "/media/photo.jpg");
        assertEquals("image/jpeg", media.header("content-type"));
        assertEquals("sandbox", media.header("content-security-policy"));
        assertEquals(5, media.body().length());
    }

    @Test
    void commitThenPushReachesTheRemote() throws Exception {
        Files.writeString(gw.workRepo.resolve("docs/new.md"), "a new page\n");
        String diff = (String) http.get(gw.dashboard() + "/api/v1/repo/status").object().get("status");
        assertTrue(diff.contains("new.md"), diff);
        Http.Reply commit = http.post(gw.dashboard() + "/api/v1/repo/commit", "{\"message\":\"Add a page\"}");
        assertEquals(200, commit.status(), commit.body());
        assertTrue(((String) commit.object().get("result")).contains("Add a page"), commit.body());
        assertEquals(200, http.post(gw.dashboard() + "/api/v1/repo/push", null).status());
        List<?> commits = (List<?>) http.get(gw.dashboard() + "/api/v1/repo/log?limit=1").object().get("commits");
        assertTrue(((String) commits.getFirst()).endsWith("Add a page"), commits.toString());
    }

    @Test
    void workRepoSwitchesLiveAndBack() throws Exception {
        Path other = LiveGateway.newRepo(dir.resolve("other-repo"), "OTHER.md", "other\n");
        try {
            Map<String, Object> set = http.post(gw.dashboard() + "/api/v1/workrepo",
                    "{\"path\":\"" + other + "\"}").object();
            assertEquals(Map.of("path", other.toString(), "status", "ok"), set);
            assertEquals(other.toString(), http.get(gw.dashboard() + "/api/v1/workrepo").object().get("path"));
            assertEquals(200, http.get(gw.dashboard() + "/api/v1/repo/file?path=OTHER.md").status());
        } finally {
            http.post(gw.dashboard() + "/api/v1/workrepo", "{\"path\":\"" + gw.workRepo + "\"}");
        }
        assertEquals(gw.workRepo.toString(), http.get(gw.dashboard() + "/api/v1/workrepo").object().get("path"));
    }

    @Test
    void pullRequestNeedsGhAndSaysSoWhenItIsMissing() throws Exception {
        Http.Reply pr = http.post(gw.dashboard() + "/api/v1/repo/pr",
                "{\"title\":\"T\",\"body\":\"B\",\"base\":\"main\",\"head\":\"feature\",\"draft\":true}");
        if (pr.status() == 200) {
            assertTrue(pr.object().containsKey("result"), pr.body());
        } else { // 503: gh is not installed; 409: gh refused (no login, no GitHub remote)
            assertTrue(pr.status() == 503 || pr.status() == 409, pr.body());
            assertTrue(pr.assertError(pr.status()).startsWith(
                    "gh pr create --title T --body B --base main --head feature --draft"), pr.body());
        }
    }

    @Test
    void headAndOptionsAnswerWithoutABody() throws Exception {
        Http.Reply head = http.send("HEAD", gw.dashboard() + "/api/v1/status", null);
        assertEquals(200, head.status());
        assertEquals("", head.body());
        Http.Reply options = http.send("OPTIONS", gw.dashboard() + "/api/v1/settings", null);
        assertEquals(200, options.status());
        assertEquals("GET, HEAD, POST, OPTIONS", options.header("allow"));
    }
}
