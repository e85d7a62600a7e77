package gomikrobot.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code <program> gateway} as a real process ({@link Machine#javaJar} or {@link Machine#launcher}) with its own
 * home, ports and environment (inherited MIKROBOT_* settings, API keys and JVM options removed), and what a
 * benchmark asks of it: when both ports accept connections, and its resident memory.
 */
final class GatewayProcessHandle implements AutoCloseable {
    final Process process;
    final int apiPort;
    final int dashboardPort;
    final long startedNanos;
    private final Path log;

    private GatewayProcessHandle(Process process, int apiPort, int dashboardPort, long startedNanos, Path log) {
        this.process = process;
        this.apiPort = apiPort;
        this.dashboardPort = dashboardPort;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /** Starts {@code program gateway}; its output goes to {@code home/gateway.log}. */
    static GatewayProcessHandle start(List<String> program, Path home, Map<String, String> env) throws IOException {
        List<String> command = Machine.withArgs(program, "gateway");
        int api = freePort();
        int dashboard = freePort();
        Files.createDirectories(home);
        Path log = home.resolve("gateway.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MIKROBOT_") || k.endsWith("_API_KEY")
                || k.equals("GOMIKROBOT_JAVA_OPTS") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        pb.environment().putAll(env);
        pb.environment().put("GOMIKROBOT_HOME", home.toString());
        pb.environment().put("MIKROBOT_PORT", Integer.toString(api));
        pb.environment().put("MIKROBOT_DASHBOARD_PORT", Integer.toString(dashboard));
        long started = System.nanoTime();
        return new GatewayProcessHandle(pb.start(), api, dashboard, started, log);
    }

    /** One {@code POST /chat} in {@code session}; its latency in ms. An answer other than 200 throws with its body. */
    double chat(HttpClient http, String session, String message) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + apiPort + "/chat?session=" + session + "&message=" + message);
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/chat answered " + r.statusCode() + ": " + r.body());
        }
        return ms;
    }

    /** Polls until both ports accept a TCP connection; returns the milliseconds since the process was started. */
    double awaitPorts(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = startedNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean api = false;
        boolean dashboard = false;
        while (!(api && dashboard)) {
            api = api || accepts(apiPort);
            dashboard = dashboard || accepts(dashboardPort);
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("gateway did not start: " + output());
            }
            if (!(api && dashboard)) {
                Thread.sleep(2);
            }
        }
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    /** Resident set size in MiB, from {@code /proc/<pid>/status} ({@code field} VmRSS or VmHWM). */
    double memoryMiB(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException(field + " not found for pid " + process.pid());
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** SIGTERM, then waits for the orderly shutdown (forcibly after 20 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
