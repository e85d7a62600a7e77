package gomikrobot.bench;

import gomikrobot.testing.FakeOpenAiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The gateway as users run it: time from process start until both ports accept connections and resident memory
 * after 3 s idle (median of 5; each in a fresh home, then restarted in it) through the installed launcher (its JVM defaults and the AOT cache),
 * with plain {@code java -jar} and with a few candidate options; {@code /api/v1/timeline?limit=100} latency over
 * 1,000,000 timeline rows; and {@code POST /chat} throughput with 64 concurrent clients and an instant fake LLM.
 * The machine is shared, so each section prints the 1-minute load average beside its figures.
 */
final class GatewayBench implements Benchmarks.Benchmark {
    private static final int RUNS = 5;
    private static final long IDLE_MILLIS = 3_000;
    private static final int TIMELINE_ROWS = 1_000_000;
    private static final int TIMELINE_WARMUP = 100;
    private static final int TIMELINE_REQUESTS = 500;
    private static final int CHAT_CLIENTS = 64;
    private static final int CHAT_PER_CLIENT = Integer.getInteger("bench.chatPerClient", 25);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public void run(Benchmarks.Report report) throws Exception {
        Path root = Files.createTempDirectory("gmb-bench-gateway");
        try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            Map<String, String> env = Machine.gatewayEnv(root, llm);
            startAndIdle(report, root, env);
            timeline(report, env);
            chat(report, root, env);
        } finally {
            TimelineFixture.deleteTree(root);
        }
    }

    /**
     * Each run starts the gateway in a fresh home, stops it, and starts it again in that home. The first start
     * pays what a home needs once (the launcher's search for Java, creating and migrating the database, copying
     * the SQLite library, the sandbox probe); the restart is what a user waits for every other time.
     */
    private void startAndIdle(Benchmarks.Report report, Path root, Map<String, String> env) throws Exception {
        report.figure("load average before start-up runs", Machine.loadAverage(), "");
        Files.createDirectories(Path.of("target", "bench-cache"));
        int variant = 0;
        for (Map.Entry<String, List<String>> v : variants().entrySet()) {
            variant++;
            once(v.getValue(), root.resolve("warmup-" + variant), env); // page cache; the CDS archive is written here
            double[] freshStart = new double[RUNS];
            double[] freshRss = new double[RUNS];
            double[] restart = new double[RUNS];
            double[] restartRss = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                Path home = root.resolve("start-" + variant + "-" + i);
                double[] fresh = once(v.getValue(), home, env);
                double[] again = once(v.getValue(), home, env);
                freshStart[i] = fresh[0];
                freshRss[i] = fresh[1];
                restart[i] = again[0];
                restartRss[i] = again[1];
            }
            boolean target = v.getKey().startsWith("installed launcher"); // the way the targets are meant
            String each = v.getKey() + " (median of " + RUNS + ")";
            report.figure("start to both ports accepting, fresh home, " + each, new Stats(freshStart).median(), "ms",
                    target ? "at most 400 ms" : "");
            report.figure("start to both ports accepting, restart, " + each, new Stats(restart).median(), "ms",
                    target ? "at most 400 ms" : "");
            report.figure("idle RSS after 3 s, fresh home, " + each, new Stats(freshRss).median(), "MiB",
                    target ? "at most 80 MiB" : "");
            report.figure("idle RSS after 3 s, restart, " + each, new Stats(restartRss).median(), "MiB",
                    target ? "at most 80 MiB" : "");
        }
        report.figure("load average after start-up runs", Machine.loadAverage(), "");
    }

    /** One start in {@code home}, stopped after 3 s idle: {start ms, idle RSS MiB}. */
    private static double[] once(List<String> program, Path home, Map<String, String> env) throws Exception {
        try (GatewayProcessHandle gw = GatewayProcessHandle.start(program, home, env)) {
            double started = gw.awaitPorts(60_000);
            Thread.sleep(IDLE_MILLIS);
            return new double[] {started, gw.memoryMiB("VmRSS")};
        }
    }

    private void timeline(Benchmarks.Report report, Map<String, String> env) throws Exception {
        double[] fillSeconds = new double[1];
        Path home = TimelineFixture.home(TIMELINE_ROWS, fillSeconds);
        if (fillSeconds[0] > 0) {
            report.figure("timeline fixture: 1,000,000 rows inserted in", fillSeconds[0], "s");
        }
        report.figure("load average before timeline queries", Machine.loadAverage(), "");
        try (GatewayProcessHandle gw = GatewayProcessHandle.start(Machine.launcher(), home, env)) {
            gw.awaitPorts(60_000);
            URI uri = URI.create("http://127.0.0.1:" + gw.dashboardPort + "/api/v1/timeline?limit=100");
            for (int i = 0; i < TIMELINE_WARMUP; i++) {
                get(uri);
            }
            double[] samples = new double[TIMELINE_REQUESTS];
            for (int i = 0; i < samples.length; i++) {
                long t = System.nanoTime();
                get(uri);
                samples[i] = (System.nanoTime() - t) / 1e6;
            }
            Stats stats = new Stats(samples);
            report.figure("timeline?limit=100 over 1M rows p50", stats.median(), "ms");
            report.figure("timeline?limit=100 over 1M rows p99", stats.percentile(99), "ms");
        }
    }

    private void chat(Benchmarks.Report report, Path root, Map<String, String> env) throws Exception {
        report.figure("load average before /chat load", Machine.loadAverage(), "");
        try (GatewayProcessHandle gw = GatewayProcessHandle.start(Machine.launcher(), root.resolve("chat-home"), env)) {
            gw.awaitPorts(60_000);
            chatLoad(gw, 2); // warm-up: JIT, connections, sessions
            long start = System.nanoTime();
            double[] latencies = chatLoad(gw, CHAT_PER_CLIENT);
            double seconds = (System.nanoTime() - start) / 1e9;
            Stats stats = new Stats(latencies);
            report.figure("POST /chat throughput (64 clients, instant fake LLM)", latencies.length / seconds, "req/s");
            report.figure("POST /chat latency p50", stats.median(), "ms");
            report.figure("POST /chat latency p99", stats.percentile(99), "ms");
            report.figure("RSS after /chat load", gw.memoryMiB("VmRSS"), "MiB");
            report.figure("peak RSS (VmHWM) after /chat load", gw.memoryMiB("VmHWM"), "MiB");
        }
        report.figure("load average after /chat load", Machine.loadAverage(), "");
    }

    /** {@value #CHAT_CLIENTS} clients, each its own session, {@code perClient} requests in a row; latencies in ms. */
    private double[] chatLoad(GatewayProcessHandle gw, int perClient) throws Exception {
        List<Future<double[]>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CHAT_CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    double[] mine = new double[perClient];
                    for (int i = 0; i < perClient; i++) {
                        mine[i] = gw.chat(http, "bench-" + client, "hello-" + i);
                    }
                    return mine;
                }));
            }
        }
        double[] all = new double[CHAT_CLIENTS * perClient];
        for (int c = 0; c < clients.size(); c++) {
            System.arraycopy(clients.get(c).get(), 0, all, c * perClient, perClient);
        }
        return all;
    }

    private void get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The installed launcher first, then plain {@code java -jar} and candidates that may start faster or smaller. */
    private static Map<String, List<String>> variants() throws IOException, InterruptedException {
        Map<String, List<String>> v = new LinkedHashMap<>();
        String access = Machine.NATIVE_ACCESS;
        String cds = Path.of("target", "bench-cache", "gateway-cds.jsa").toAbsolutePath().toString();
        List<String> launcher = Machine.launcher();
        v.put(Machine.launcherName(), launcher);
        v.put("java -jar, no JVM options", Machine.javaJar(List.of(access)));
        v.put("java -jar +TieredStopAtLevel=1", Machine.javaJar(List.of(access, "-XX:TieredStopAtLevel=1")));
        v.put("java -jar +AppCDS archive", Machine.javaJar(List.of(access, "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + cds)));
        return v;
    }
}
