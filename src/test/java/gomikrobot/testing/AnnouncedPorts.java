package gomikrobot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ports a child process chose itself and announced in its output. Tests start servers on port 0 and read
 * the port back here, rather than probing for a free port and hoping nobody takes it before the server binds.
 */
public final class AnnouncedPorts {
    /** The lines {@code gomikrobot gateway} prints once both servers listen. */
    public static final Pattern GATEWAY_API = Pattern.compile("API server listening on http://\\S+:(\\d+)");
    public static final Pattern GATEWAY_DASHBOARD = Pattern.compile("Dashboard listening on http://\\S+:(\\d+)/");

    private AnnouncedPorts() {
    }

    /**
     * Waits until {@code output} (the process's redirected output) announces a port for every pattern (its
     * first group), the process ends, or {@code timeout} passes; the ports in pattern order, or empty.
     */
    public static Optional<List<Integer>> await(Path output, Process process, Duration timeout, Pattern... patterns)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<List<Integer>> ports = find(read(output), patterns);
            if (ports.isPresent() || !process.isAlive()) {
                return ports;
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    private static Optional<List<Integer>> find(String text, Pattern... patterns) {
        List<Integer> ports = new ArrayList<>();
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(text);
            if (!m.find()) {
                return Optional.empty();
            }
            ports.add(Integer.parseInt(m.group(1)));
        }
        return Optional.of(ports);
    }

    private static String read(Path output) {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + output, e);
        }
    }
}
