package gomikrobot.bench;

import gomikrobot.testing.FakeOpenAiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One {@code agent -m} turn end to end, as a shell script calls it: wall time from process start to exit against
 * an instant LLM over plain http (the fake server, in this process), through the installed launcher (its JVM
 * defaults and the AOT cache) and with plain {@code java -jar}. The two run in turn, so a drift of the shared
 * machine's speed hits both alike; medians of {@value #RUNS} each after one warm-up. The fake is warmed first
 * (compiled by this JVM's JIT), so its own answer time is a millisecond, not a share of the figure. Also the
 * provider requests one such turn makes with an empty memory.
 *
 * <p>A bare JVM start ({@code java -version}) runs in the same turns, for scale: the shared machine's speed moves
 * every figure here by a fifth or more from one hour to the next, and this one moves with it.
 */
final class AgentBench implements Benchmarks.Benchmark {
    private static final int RUNS = 9;
    private static final int FAKE_WARMUP = 2_000;

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public void run(Benchmarks.Report report) throws Exception {
        Path root = Files.createTempDirectory("gmb-bench-agent");
        try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            Map<String, String> env = Machine.gatewayEnv(root, llm);
            List<String> launcher = Machine.launcher();
            List<String> plain = Machine.javaJar(List.of(Machine.NATIVE_ACCESS));
            List<String> bareJvm = List.of(Machine.java(), "-version");
            warm(llm);
            report.figure("load average before agent -m runs", Machine.loadAverage(), "");
            turn(launcher, root, env); // warm-up: page cache, the database, the launcher remembers its Java
            turn(plain, root, env);
            double[] viaLauncher = new double[RUNS];
            double[] viaJava = new double[RUNS];
            double[] bare = new double[RUNS];
            int before = llm.requests().size();
            for (int i = 0; i < RUNS; i++) {
                viaLauncher[i] = turn(launcher, root, env);
                viaJava[i] = turn(plain, root, env);
                bare[i] = Machine.timed(new ProcessBuilder(bareJvm));
            }
            double perTurn = (llm.requests().size() - before) / (2.0 * RUNS);
            report.figure("agent -m wall time, " + Machine.launcherName() + " (median of " + RUNS + ")",
                    new Stats(viaLauncher).median(), "ms", "at most 500 ms");
            report.figure("agent -m wall time, java -jar (median of " + RUNS + ")", new Stats(viaJava).median(), "ms",
                    "at most 700 ms");
            report.figure("bare JVM start for scale, java -version (median of " + RUNS + ")", new Stats(bare).median(),
                    "ms");
            report.figure("provider requests per agent -m turn, empty memory", perTurn, "", "exactly 1");
            report.figure("load average after agent -m runs", Machine.loadAverage(), "");
        } finally {
            TimelineFixture.deleteTree(root);
        }
    }

    /** Chat requests to the fake until this JVM has compiled its answering code. */
    private static void warm(FakeOpenAiServer llm) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest chat = HttpRequest.newBuilder(URI.create(llm.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"warm\"}]}")).build();
        for (int i = 0; i < FAKE_WARMUP; i++) {
            http.send(chat, HttpResponse.BodyHandlers.discarding());
        }
    }

    /** One {@code agent -m}: milliseconds from start to exit. */
    private static double turn(List<String> program, Path root, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Machine.withArgs(program, "agent", "-m", "hello"));
        pb.environment().keySet().removeIf(k -> k.startsWith("MIKROBOT_") || k.endsWith("_API_KEY")
                || k.equals("GOMIKROBOT_JAVA_OPTS"));
        pb.environment().putAll(env);
        pb.environment().put("GOMIKROBOT_HOME", root.resolve("home").toString());
        return Machine.timed(pb);
    }
}
