package gomikrobot.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference MCP server {@code @modelcontextprotocol/server-everything}, installed once from npm into
 * {@code target/npm} (shared by every test class and kept between runs) and run with {@code node}: on stdio by the
 * client under test, or over Streamable HTTP as a process of its own ({@link #startHttp}). A test that needs it
 * is skipped, saying why, only when npm cannot install it (no registry).
 */
public final class McpEverything {
    public static final String PACKAGE = "@modelcontextprotocol/server-everything@2026.8.31";
    private static final Path PREFIX = Path.of("target", "npm").toAbsolutePath();
    private static final Path ENTRY = PREFIX.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");

    private McpEverything() {
    }

    /** The server's {@code dist/index.js}, installing it first when needed; skips the test when that fails. */
    public static synchronized Path entry() throws IOException, InterruptedException {
        if (!Files.exists(ENTRY)) {
            Files.createDirectories(PREFIX);
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "install", "--prefix", PREFIX.toString(), "--no-audit", "--no-fund",
                        "--loglevel=error", PACKAGE).redirectErrorStream(true).start();
            } catch (IOException e) {
                Assumptions.abort("npm is not installed, so " + PACKAGE + " cannot be: " + e.getMessage());
                throw e;
            }
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = npm.waitFor(5, TimeUnit.MINUTES);
            Assumptions.assumeTrue(done && npm.exitValue() == 0 && Files.exists(ENTRY),
                    "npm could not install " + PACKAGE + " (no registry?): " + output.strip());
        }
        return ENTRY;
    }

    /** {@code node <entry> stdio}, as a server entry's command and args. */
    public static List<String> stdioCommand() throws IOException, InterruptedException {
        return List.of("node", entry().toString(), "stdio");
    }

    /** A free loopback port (closed again at once: the server binds it next). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts the server on Streamable HTTP at {@code http://127.0.0.1:<port>/mcp}; returns once it accepts. */
    public static Process startHttp(int port) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", entry().toString(), "streamableHttp")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        builder.directory(new File(System.getProperty("java.io.tmpdir")));
        Process server = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.destroyForcibly();
        throw new IOException("the MCP server did not listen on port " + port + " within 20 s");
    }
}
