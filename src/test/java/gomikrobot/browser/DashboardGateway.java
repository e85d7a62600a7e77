package gomikrobot.browser;

import gomikrobot.json.Json;
import gomikrobot.testing.AnnouncedPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code gomikrobot gateway} process for browser tests, run from the test classpath: its own home
 * (database, workspace), a temp git work repo, the LLM at {@code llmBase}, and the dashboard served from the
 * {@code web/} folder on disk, so the tests check the files being edited. Output goes to files in the home.
 */
final class DashboardGateway implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path WEB = Path.of("web").toAbsolutePath().normalize();

    private final Process process;
    private final Path home;
    private final Path out;
    private final Path err;
    private final int dashboardPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DashboardGateway(Process process, Path home, Path out, Path err, int dashboardPort) {
        this.process = process;
        this.home = home;
        this.out = out;
        this.err = err;
        this.dashboardPort = dashboardPort;
    }

    /**
     * Starts the gateway with its home in {@code home}, both servers on ports the system picks and
     * {@code extraEnv} added to its environment (Telegram polling a fake Bot API, a group), and waits until it
     * prints where the dashboard listens.
     */
    static DashboardGateway start(Path home, Path workRepo, String llmBase, Map<String, String> extraEnv) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "gomikrobot.cli.Main", "gateway", "--port", "0",
                "--dashboard-port", "0");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("MIKROBOT_") || name.contains("API_KEY") || name.contains("TOKEN"));
        env.put("GOMIKROBOT_HOME", home.toString());
        env.put("HOME", home.toString());
        env.put("MIKROBOT_OPENAI_API_BASE", llmBase);
        env.put("MIKROBOT_OPENAI_API_KEY", "sk-browser-test-0000");
        env.put("MIKROBOT_PATHS_WORK_REPO_PATH", workRepo.toString());
        env.put("MIKROBOT_WEB_DIR", WEB.toString());
        env.putAll(extraEnv);
        Path out = home.resolve("gateway.out");
        Path err = home.resolve("gateway.err");
        try {
            Files.createDirectories(home);
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            return new DashboardGateway(process, home, out, err, awaitDashboardPort(process, out, err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the gateway started", e);
        }
    }

    /** {@code http://127.0.0.1:<dashboard port><path>} */
    String url(String path) {
        return "http://127.0.0.1:" + dashboardPort + path;
    }

    Path database() {
        return home.resolve("timeline.db");
    }

    Path workspace() {
        return home.resolve("workspace");
    }

    /** GET on the dashboard server, parsed as JSON; fails on a non-2xx answer. */
    Object getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.parse(response.body());
    }

    /** GET on the dashboard server, body as bytes. */
    HttpResponse<byte[]> getBytes(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What the gateway wrote to stderr so far: its log, for failure messages. */
    String log() {
        try {
            return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read the gateway log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.toHandle().destroy(); // SIGTERM: the gateway drains and exits 0
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int awaitDashboardPort(Process process, Path out, Path err) throws IOException, InterruptedException {
        var ports = AnnouncedPorts.await(out, process, START_TIMEOUT, AnnouncedPorts.GATEWAY_DASHBOARD);
        if (ports.isPresent()) {
            return ports.get().getFirst();
        }
        String why = process.isAlive() ? "gateway did not listen within " + START_TIMEOUT
                : "gateway exited with " + process.exitValue();
        process.destroyForcibly();
        String log = Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
        throw new IllegalStateException(why + ":\n" + log);
    }
}
