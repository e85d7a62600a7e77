package gomikrobot.cli;

import gomikrobot.testing.AnnouncedPorts;
import gomikrobot.testing.ProgramRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code gomikrobot gateway} process started from the test's own classpath, with its own home and
 * environment; stdout and stderr go to files the test can read. Unless told otherwise it binds port 0 for both
 * servers and {@link #awaitListening} reads the ports the system picked from the lines it prints.
 */
final class GatewayProcess implements AutoCloseable {
    final Process process;
    final Path out;
    final Path err;
    private int apiPort;
    private int dashboardPort;

    private GatewayProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** A gateway on ports the system picks. */
    static GatewayProcess start(Path dir, String name, Map<String, String> env) throws IOException {
        return start(dir, name, env, 0, 0);
    }

    static GatewayProcess start(Path dir, String name, Map<String, String> env, int apiPort, int dashboardPort)
            throws IOException {
        return start(dir, name, env, apiPort, dashboardPort, List.of());
    }

    /** A gateway on ports the system picks, its JVM started with {@code jvmOptions} too. */
    static GatewayProcess start(Path dir, String name, Map<String, String> env, List<String> jvmOptions)
            throws IOException {
        return start(dir, name, env, 0, 0, jvmOptions);
    }

    private static GatewayProcess start(Path dir, String name, Map<String, String> env, int apiPort,
                                        int dashboardPort, List<String> jvmOptions) throws IOException {
        ProcessBuilder pb = ProgramRun.processBuilder(jvmOptions, env, "gateway", "--port", Integer.toString(apiPort),
                "--dashboard-port", Integer.toString(dashboardPort));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new GatewayProcess(pb.start(), out, err);
    }

    /** Waits until the gateway printed where it listens (it is serving) or exited; false if it never did. */
    boolean awaitListening(Duration timeout) throws InterruptedException {
        Optional<List<Integer>> ports = AnnouncedPorts.await(out, process, timeout, AnnouncedPorts.GATEWAY_API,
                AnnouncedPorts.GATEWAY_DASHBOARD);
        ports.ifPresent(p -> {
            apiPort = p.get(0);
            dashboardPort = p.get(1);
        });
        return ports.isPresent();
    }

    int apiPort() {
        return requireListening(apiPort);
    }

    int dashboardPort() {
        return requireListening(dashboardPort);
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

    /** kill -9: no shutdown hook, no drain, as a crash or a power cut. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int requireListening(int port) {
        if (port == 0) {
            throw new IllegalStateException("the gateway has not announced its ports yet (call awaitListening)");
        }
        return port;
    }
}
