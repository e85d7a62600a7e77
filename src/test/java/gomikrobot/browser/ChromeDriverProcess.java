package gomikrobot.browser;

import gomikrobot.testing.AnnouncedPorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A chromedriver child process on a loopback port it picks itself. Its environment is scrubbed to PATH,
 * locale and a throwaway HOME (no API keys reach the browser, nothing is written to the real
 * home); its output goes to a log file whose tail explains a failed start.
 */
final class ChromeDriverProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");

    private final Process process;
    private final URI base;
    private final Path log;

    private ChromeDriverProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Finds an executable by name on PATH. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static ChromeDriverProcess start(Path chromedriver, Path workDir) {
        Path log = workDir.resolve("chromedriver.log");
        ProcessBuilder builder = new ProcessBuilder(chromedriver.toString(), "--port=0", "--allowed-ips=127.0.0.1")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", workDir.toString());
        env.put("LANG", "C.UTF-8");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new WebDriverException("cannot start " + chromedriver + ": " + e.getMessage(), e);
        }
        ChromeDriverProcess driver = new ChromeDriverProcess(process,
                URI.create("http://127.0.0.1:" + announcedPort(process, log) + "/"), log);
        driver.awaitReady();
        return driver;
    }

    URI base() {
        return base;
    }

    private void awaitReady() {
        WebDriverHttp http = new WebDriverHttp(base, Duration.ofSeconds(2));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new WebDriverException("chromedriver exited", "exit code " + process.exitValue() + ": " + logTail());
            }
            try {
                if (http.get("status") instanceof Map<?, ?> status && Boolean.TRUE.equals(status.get("ready"))) {
                    return;
                }
            } catch (WebDriverException notYet) {
                // Still starting: the port is not open yet.
            }
            sleep(Duration.ofMillis(100));
        }
        close();
        throw new WebDriverException("chromedriver not ready", "after " + START_TIMEOUT.toSeconds() + " s: " + logTail());
    }

    String logTail() {
        return readTail(log);
    }

    private static String readTail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops chromedriver and anything it left running (a browser whose session was not deleted). */
    @Override
    public void close() {
        // Listed first: once chromedriver is gone its children are re-parented and out of reach.
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The port chromedriver picked itself ({@code --port=0}) and printed. */
    private static int announcedPort(Process process, Path log) {
        try {
            return AnnouncedPorts.await(log, process, START_TIMEOUT, STARTED).map(List::getFirst)
                    .orElseThrow(() -> {
                        process.destroyForcibly();
                        return new WebDriverException("chromedriver did not start", readTail(log));
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new WebDriverException("interrupted", e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebDriverException("interrupted", e);
        }
    }
}
