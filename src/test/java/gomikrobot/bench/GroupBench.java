package gomikrobot.bench;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * The Kafka group's cost, through the installed launcher against a real broker in this JVM: what kafka-clients
 * adds to the jar; the gateway's start-up and idle RSS without a group (before the broker starts) and with one
 * (joined before the idle pause; the broker shares the cores); median of 5 fresh homes; and the overhead of one delegation: member a's {@code POST /chat} whose
 * (fake, instant) model calls {@code delegate} to member b, minus the same turn calling a local tool instead, so
 * a's model calls cancel out and what is left is the hops over Kafka and b's own turn.
 */
final class GroupBench implements Benchmarks.Benchmark {
    private static final int RUNS = 5;
    private static final long IDLE_MILLIS = 3_000;
    private static final long JOIN_MILLIS = 60_000;
    private static final int WARMUP = 20;
    private static final int ROUND_TRIPS = 200;
    private static final String SECRET = "bench-group-secret-0123456789";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public String name() {
        return "group";
    }

    @Override
    public void run(Benchmarks.Report report) throws Exception {
        jar(report);
        Path root = Files.createTempDirectory("gmb-bench-group");
        try (FakeOpenAiServer llmA = FakeOpenAiServer.start(); FakeOpenAiServer llmB = FakeOpenAiServer.start()) {
            Map<String, String> plain = Machine.gatewayEnv(root, llmB);
            startAndIdle(report, root, "without a group", plain, Map.of()); // before the broker takes its share
            try (KafkaClusterTestKit cluster = KafkaBroker.start()) {
                startAndIdle(report, root, "with a group (joined)", plain, group("solo", cluster));
                llmA.setDefaultToolCall(GroupBench::toolFor);
                delegation(report, root, cluster, llmA, llmB);
            }
        } finally {
            TimelineFixture.deleteTree(root);
        }
    }

    private static void jar(Benchmarks.Report report) throws IOException {
        long kafka = 0;
        try (JarFile jar = new JarFile(Machine.JAR.toFile())) {
            for (ZipEntry e : Collections.list(jar.entries())) {
                kafka += e.getName().startsWith("org/apache/kafka/") ? e.getCompressedSize() : 0;
            }
        }
        report.figure("jar size", Files.size(Machine.JAR) / 1024.0 / 1024.0, "MiB");
        report.figure("of which kafka-clients (compressed)", kafka / 1024.0 / 1024.0, "MiB");
    }

    private void startAndIdle(Benchmarks.Report report, Path root, String label, Map<String, String> env,
                              Map<String, String> group) throws Exception {
        report.figure("load average before start-up runs " + label, Machine.loadAverage(), "");
        Map<String, String> all = new HashMap<>(env);
        all.putAll(group);
        double[] start = new double[RUNS];
        double[] joined = new double[RUNS];
        double[] rss = new double[RUNS];
        for (int i = -1; i < RUNS; i++) { // run -1 warms the page cache
            try (GatewayProcessHandle gw = GatewayProcessHandle.start(Machine.launcher(),
                    root.resolve(label.replace(' ', '-') + i), all)) {
                double started = gw.awaitPorts(JOIN_MILLIS);
                double inGroup = group.isEmpty() ? started : awaitJoined(gw);
                Thread.sleep(IDLE_MILLIS);
                if (i >= 0) {
                    start[i] = started;
                    joined[i] = inGroup;
                    rss[i] = gw.memoryMiB("VmRSS");
                }
            }
        }
        report.figure("start to both ports accepting, " + label + " (median of 5)", new Stats(start).median(), "ms",
                group.isEmpty() ? "at most 400 ms, as before the group" : "");
        if (!group.isEmpty()) {
            report.figure("start to joined (roster shows itself), " + label + " (median of 5)",
                    new Stats(joined).median(), "ms");
        }
        report.figure("idle RSS after 3 s, " + label + " (median of 5)", new Stats(rss).median(), "MiB",
                group.isEmpty() ? "at most 80 MiB, as before the group" : "");
    }

    private void delegation(Benchmarks.Report report, Path root, KafkaClusterTestKit cluster, FakeOpenAiServer llmA,
                            FakeOpenAiServer llmB) throws Exception {
        Map<String, String> envA = new HashMap<>(Machine.gatewayEnv(root.resolve("a"), llmA));
        envA.putAll(group("a", cluster));
        Map<String, String> envB = new HashMap<>(Machine.gatewayEnv(root.resolve("b"), llmB));
        envB.putAll(group("b", cluster));
        try (GatewayProcessHandle a = GatewayProcessHandle.start(Machine.launcher(), root.resolve("a/home"), envA);
             GatewayProcessHandle b = GatewayProcessHandle.start(Machine.launcher(), root.resolve("b/home"), envB)) {
            a.awaitPorts(JOIN_MILLIS);
            b.awaitPorts(JOIN_MILLIS);
            awaitUntil(() -> get(a, "/api/v1/group/members").contains("\"agent_id\":\"b\""), "a seeing b", a);
            for (int i = 0; i < WARMUP; i++) {
                chat(a, "delegate:warm-" + i);
                chat(a, "local:warm-" + i);
            }
            report.figure("load average before delegation round trips", Machine.loadAverage(), "");
            double[] delegated = new double[ROUND_TRIPS];
            double[] local = new double[ROUND_TRIPS];
            for (int i = 0; i < ROUND_TRIPS; i++) {
                delegated[i] = chat(a, "delegate:" + i);
                local[i] = chat(a, "local:" + i);
            }
            requireDelegated(a, WARMUP + ROUND_TRIPS);
            Stats d = new Stats(delegated);
            Stats l = new Stats(local);
            report.figure("delegated turn p50 (a -> b over Kafka, fake LLM)", d.median(), "ms");
            report.figure("delegated turn p99", d.percentile(99), "ms");
            report.figure("same turn with a local tool p50", l.median(), "ms");
            report.figure("delegation overhead p50 (delegated minus local)", d.median() - l.median(), "ms");
            report.figure("delegation overhead p99 (delegated minus local)", d.percentile(99) - l.percentile(99),
                    "ms");
            report.figure("load average after delegation round trips", Machine.loadAverage(), "");
        }
    }

    /** a's model: "delegate:x" asks b, "local:x" lists the workspace; after the tool's result it answers. */
    private static Optional<FakeOpenAiServer.Call> toolFor(JsonObject request) {
        List<Object> messages = request.array("messages");
        if (!(messages.getLast() instanceof Map<?, ?> last) || !"user".equals(last.get("role"))) {
            return Optional.empty();
        }
        String text = String.valueOf(last.get("content"));
        if (text.startsWith("delegate:")) {
            return Optional.of(new FakeOpenAiServer.Call("delegate", Json.write(Map.of("task", text, "to", "b"))));
        }
        return text.startsWith("local:") ? Optional.of(new FakeOpenAiServer.Call("list_dir", "{\"path\":\".\"}"))
                : Optional.empty();
    }

    /** One {@code POST /chat} in a session of its own; its latency in ms. */
    private double chat(GatewayProcessHandle gw, String message) throws Exception {
        return gw.chat(http, message.replace(':', '-'), message);
    }

    /** Every delegated turn really went to b: a lists that many completed outgoing tasks. */
    private void requireDelegated(GatewayProcessHandle a, int expected) throws Exception {
        Object tasks = Json.parse(get(a, "/api/v1/group/tasks?direction=outgoing&status=completed&limit=1000"));
        if (!(tasks instanceof List<?> done) || done.size() != expected) {
            throw new IllegalStateException("expected " + expected + " completed delegations: " + tasks);
        }
    }

    private double awaitJoined(GatewayProcessHandle gw) throws Exception {
        awaitUntil(() -> get(gw, "/api/v1/group/status").contains("\"active\":true"), "joining the group", gw);
        return (System.nanoTime() - gw.startedNanos) / 1e6;
    }

    private static void awaitUntil(Check check, String what, GatewayProcessHandle gw) throws Exception {
        long deadline = System.nanoTime() + JOIN_MILLIS * 1_000_000;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + JOIN_MILLIS + " ms: " + gw.output());
            }
            Thread.sleep(5);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private String get(GatewayProcessHandle gw, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.dashboardPort + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Map<String, String> group(String agentId, KafkaClusterTestKit cluster) {
        return Map.of("MIKROBOT_GROUP_ENABLED", "true", "MIKROBOT_GROUP_GROUP_NAME", "bench",
                "MIKROBOT_GROUP_AGENT_ID", agentId, "MIKROBOT_GROUP_KAFKA_BROKERS", cluster.bootstrapServers(),
                "MIKROBOT_GROUP_SECRET", SECRET);
    }
}
