package gomikrobot.tools.mcp;

import gomikrobot.config.McpServerConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.observe.Log;
import gomikrobot.process.Child;
import gomikrobot.process.ChildEnvironment;
import gomikrobot.process.Command;
import gomikrobot.process.ProcessRunner;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * An MCP server as a child process, started through {@link ProcessRunner#start} in the workspace with the
 * scrubbed environment every child gets plus the server's own {@code env}: one JSON-RPC message per line on its
 * stdin and stdout. Its stderr goes to our log at debug level, up to {@value #STDERR_LOG_CAP} bytes per run,
 * and its last lines explain an exit. A line over {@value #LINE_CAP} bytes is dropped. When stdout ends the
 * transport is closed with the exit status.
 */
final class StdioTransport implements Transport {
    static final int LINE_CAP = 16 * 1024 * 1024;
    static final int STDERR_LOG_CAP = 64 * 1024;
    private static final int KEPT_STDERR_LINES = 3;
    private static final int STDERR_LINE_CHARS = 300;

    private final McpServerConfig.Stdio config;
    private final Path directory;
    private final ChildEnvironment environment;
    private final ProcessRunner runner;
    private final Log log;
    private final String server;
    private final Deque<String> lastStderr = new ArrayDeque<>();
    private Child child;
    private OutputStream stdin;

    StdioTransport(McpServerConfig.Stdio config, Path directory, ChildEnvironment environment, ProcessRunner runner,
                   Log log, String server) {
        this.config = config;
        this.directory = directory;
        this.environment = environment;
        this.runner = runner;
        this.log = log;
        this.server = server;
    }

    @Override
    public void open(Inbound inbound) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(config.command());
        argv.addAll(config.args());
        try {
            child = runner.start(Command.of(directory, environment.plus(config.env()), argv));
        } catch (IOException e) {
            throw new IOException("cannot start " + config.command() + ": " + e.getMessage(), e);
        }
        stdin = child.stdin();
        Thread.ofVirtual().name("mcp-" + server + "-stderr").start(() -> drainStderr(child.stderr()));
        Thread.ofVirtual().name("mcp-" + server + "-stdout").start(() -> readStdout(inbound));
    }

    @Override
    public synchronized void send(Map<String, Object> message) throws IOException {
        if (stdin == null) {
            throw new IOException("the server is not running");
        }
        stdin.write((Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    @Override
    public long pid() {
        return child == null ? 0 : child.pid();
    }

    @Override
    public void close() {
        if (child != null) {
            child.close();
        }
    }

    private void readStdout(Inbound inbound) {
        try (InputStream out = new BufferedInputStream(child.stdout())) {
            byte[] line;
            while ((line = line(out)) != null) {
                deliver(line, inbound);
            }
        } catch (IOException e) {
            log.debug("MCP server output ended", "server", server, "error", e);
        }
        inbound.closed(exitDescription());
    }

    private void deliver(byte[] line, Inbound inbound) {
        String text = new String(line, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        try {
            if (Json.parse(text) instanceof Map<?, ?> message) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) message;
                inbound.message(typed);
                return;
            }
        } catch (JsonException e) {
            // not JSON-RPC: a server that logs to stdout; reported below and otherwise ignored
        }
        log.debug("MCP server wrote a line that is not JSON-RPC", "server", server,
                "line", text.substring(0, Math.min(STDERR_LINE_CHARS, text.length())));
    }

    /** The next line without its newline; null at the end. A line over the cap is skipped whole. */
    private byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.size() < LINE_CAP) {
                line.write(c);
            } else {
                tooLong = true;
            }
        }
        if (c < 0 && line.size() == 0) {
            return null;
        }
        if (tooLong) {
            log.warn("MCP server message over the size cap dropped", "server", server, "cap_bytes", LINE_CAP);
            return new byte[0];
        }
        return line.toByteArray();
    }

    private void drainStderr(InputStream err) {
        long logged = 0;
        try (InputStream in = new BufferedInputStream(err)) {
            byte[] bytes;
            while ((bytes = line(in)) != null) {
                String text = new String(bytes, StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    continue;
                }
                String shown = text.length() > STDERR_LINE_CHARS ? text.substring(0, STDERR_LINE_CHARS) + "…" : text;
                keep(shown);
                if (logged < STDERR_LOG_CAP) {
                    logged += bytes.length;
                    log.debug("MCP server stderr", "server", server, "line", shown);
                    if (logged >= STDERR_LOG_CAP) {
                        log.debug("MCP server stderr cap reached; the rest is not logged", "server", server);
                    }
                }
            }
        } catch (IOException e) {
            // stderr closed with the child; its exit is reported from stdout's end
        }
    }

    private void keep(String line) {
        synchronized (lastStderr) { // not this: a send may block on a full stdin meanwhile
            if (lastStderr.size() == KEPT_STDERR_LINES) {
                lastStderr.removeFirst();
            }
            lastStderr.addLast(line);
        }
    }

    private String exitDescription() {
        String status = "its output ended";
        try {
            if (child.waitFor(Duration.ofSeconds(2))) {
                status = "exited with code " + child.exitCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String stderr;
        synchronized (lastStderr) {
            stderr = String.join(" / ", lastStderr);
        }
        return "the server " + status + (stderr.isEmpty() ? "" : " (stderr: " + stderr + ")");
    }
}
