package gomikrobot.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Start-up as a user meets it, with and without the AOT cache ({@code make aot}): the jar size, the wall time
 * of {@code gomikrobot version}, and of {@code gomikrobot gateway} until both ports accept connections. Each a
 * median of 5 runs after one warm-up (page cache), each gateway run on a fresh home.
 */
final class StartupBench implements Benchmarks.Benchmark {
    static final Path JAR = Path.of("target/gomikrobot.jar");
    static final Path AOT = Path.of("target/gomikrobot.aot");
    private static final int RUNS = 5;

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public void run(Benchmarks.Report report) throws Exception {
        report.figure("jar size", Files.size(JAR) / 1024.0 / 1024.0, "MiB");
        for (boolean aot : new boolean[] {false, true}) {
            if (aot && !Files.isRegularFile(AOT)) {
                System.out.println("(no " + AOT + ": run make aot for the AOT figures)");
                continue;
            }
            String label = aot ? " with AOT cache" : " without AOT cache";
            report.figure("version wall time" + label + " (median of 5)", median(() -> version(aot)), "ms");
            report.figure("gateway start to both ports accepting" + label + " (median of 5)",
                    median(() -> gatewayReady(aot)), "ms");
        }
    }

    private interface Sample {
        double take() throws Exception;
    }

    private static double median(Sample sample) throws Exception {
        sample.take(); // warm the page cache
        double[] samples = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            samples[i] = sample.take();
        }
        return new Stats(samples).median();
    }

    private static double version(boolean aot) throws Exception {
        Process p = start(command(aot, "version"), Map.of("GOMIKROBOT_HOME",
                Files.createTempDirectory("gmb-bench-home").toString()));
        long start = System.nanoTime();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gomikrobot version exited " + p.exitValue());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double gatewayReady(boolean aot) throws Exception {
        Path home = Files.createTempDirectory("gmb-bench-gateway");
        int api = freePort();
        int dashboard = freePort();
        long start = System.nanoTime();
        Process p = start(command(aot, "gateway"), gatewayEnv(home, api, dashboard));
        try {
            while (!accepts(api) || !accepts(dashboard)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the gateway exited " + p.exitValue());
                }
                Thread.sleep(2);
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** What a gateway needs to start on its own ports and home, with an LLM that is never called. */
    static Map<String, String> gatewayEnv(Path home, int api, int dashboard) {
        return Map.of("GOMIKROBOT_HOME", home.resolve("home").toString(), "HOME", home.toString(),
                "MIKROBOT_PORT", Integer.toString(api), "MIKROBOT_DASHBOARD_PORT", Integer.toString(dashboard),
                "MIKROBOT_PATHS_WORK_REPO_PATH", home.resolve("repo").toString(),
                "MIKROBOT_OPENAI_API_BASE", "http://127.0.0.1:9/v1", "MIKROBOT_OPENAI_API_KEY", "sk-bench");
    }

    static List<String> command(boolean aot, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        if (aot) {
            cmd.addAll(List.of("-XX:AOTCache=" + AOT, "-Xlog:disable", "-Xlog:all=warning:stderr"));
        }
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Process start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("MIKROBOT_") || k.endsWith("_API_KEY"));
        pb.environment().putAll(env);
        if (command.contains("version")) {
            pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
        }
        return pb.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
