package gomikrobot.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code gomikrobot gateway} process started from the test's own classpath, with its own home, ports and
 * environment; stdout and stderr go to files the test can read.
 */
final class GatewayProcess implements AutoCloseable {
    final Process process;
    final Path out;
    final Path err;
    final int apiPort;
    final int dashboardPort;

    private GatewayProcess(Process process, Path out, Path err, int apiPort, int dashboardPort) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.apiPort = apiPort;
        this.dashboardPort = dashboardPort;
    }

    static GatewayProcess start(Path dir, String name, Map<String, String> env, int apiPort, int dashboardPort)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "gomikrobot.cli.Main", "gateway");
        pb.environment().keySet().removeIf(k -> k.startsWith("MIKROBOT_") || k.endsWith("_API_KEY"));
        pb.environment().putAll(env);
        pb.environment().put("MIKROBOT_PORT", Integer.toString(apiPort));
        pb.environment().put("MIKROBOT_DASHBOARD_PORT", Integer.toString(dashboardPort));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new GatewayProcess(pb.start(), out, err, apiPort, dashboardPort);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until the gateway printed its dashboard line (it is serving) or exited. */
    boolean awaitListening(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdout().contains("Dashboard listening")) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    String stdout() throws IOException {
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    }

    String stderr() throws IOException {
        return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Integer.MIN_VALUE;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
