package gomikrobot.group;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.gateway.Gateway;
import gomikrobot.json.Json;
import gomikrobot.observe.Log;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.testing.Eventually;
import gomikrobot.testing.FakeOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One member of a test group: a whole gateway in this JVM ({@link Gateway#start}, as {@code gomikrobot gateway}
 * wires it) with its own home, workspace and fake LLM, joined to the group on the test broker.
 */
final class Member implements AutoCloseable {
    static final String SECRET = "test-group-secret-0123456789abcdef";
    static final Duration WAIT = Duration.ofSeconds(45);

    final String id;
    final FakeOpenAiServer llm;
    final Gateway gateway;
    private final ByteArrayOutputStream logged;
    private final HttpClient http = HttpClient.newHttpClient();

    private Member(String id, FakeOpenAiServer llm, Gateway gateway, ByteArrayOutputStream logged) {
        this.id = id;
        this.llm = llm;
        this.gateway = gateway;
        this.logged = logged;
    }

    static Member start(Path dir, String id, String group, String brokers, Map<String, String> extraEnv)
            throws Exception {
        Path root = Files.createDirectories(dir.resolve(id));
        FakeOpenAiServer llm = FakeOpenAiServer.start();
        Map<String, String> env = new HashMap<>();
        env.put("GOMIKROBOT_HOME", root.resolve("home").toString());
        env.put("MIKROBOT_OPENAI_API_BASE", llm.baseUrl());
        env.put("MIKROBOT_OPENAI_API_KEY", "sk-test-group-member-0001");
        env.put("MIKROBOT_PATHS_WORKSPACE", Files.createDirectories(root.resolve("workspace")).toString());
        env.put("MIKROBOT_PATHS_WORK_REPO_PATH", Files.createDirectories(root.resolve("repo")).toString());
        env.put("MIKROBOT_GROUP_ENABLED", "true");
        env.put("MIKROBOT_GROUP_GROUP_NAME", group);
        env.put("MIKROBOT_GROUP_AGENT_ID", id);
        env.put("MIKROBOT_GROUP_KAFKA_BROKERS", brokers);
        env.put("MIKROBOT_GROUP_SECRET", SECRET);
        env.put("MIKROBOT_GROUP_HEARTBEAT_INTERVAL", "1s");
        env.putAll(extraEnv);
        Config loaded = new ConfigLoader(env, root).load();
        Config config = loaded.withGateway(loaded.gateway().withPorts(0, 0));
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Log log = new Log(Log.Level.WARN, false, new PrintStream(logged, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), Set.of(SECRET));
        try {
            Gateway gateway = Gateway.start(config, "test", OpenAiCompatibleProvider.create(config.providers()
                    .active(), log), root, Optional.empty(), Clock.systemUTC(), log);
            return new Member(id, llm, gateway, logged);
        } catch (Exception | Error e) {
            llm.close();
            throw e;
        }
    }

    String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** A JSON array or object from a GET. */
    Object getJson(String path) throws IOException, InterruptedException {
        return Json.parse(get(path));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String path) throws IOException, InterruptedException {
        return (List<Map<String, Object>>) getJson(path);
    }

    String post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    /** {@code POST /chat} on the API port: the agent's answer. */
    String chat(String message) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.apiPort() + "/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("message", message)))).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    /** Waits up to {@link #WAIT}, not {@link Eventually#WAIT}: a group converges over heartbeats and a broker. */
    static void await(Eventually.Condition<Exception> condition, String what) throws Exception {
        Eventually.await(WAIT, condition, what);
    }

    @Override
    public void close() {
        gateway.stop(Duration.ofSeconds(2));
        llm.close();
    }

    private String send(HttpRequest r) throws IOException, InterruptedException {
        return http.send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.dashboardPort() + path);
    }
}
