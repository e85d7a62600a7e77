package gomikrobot.cli;

import static gomikrobot.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.channels.whatsapp.SessionLock;
import gomikrobot.channels.whatsapp.cobalt.PairedSessions;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.TempUserHome;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One WhatsApp session, one holder: a second gateway on the same home (real processes) says so in one line,
 * serves everything else and never opens the session, while the first keeps it; pairing is refused while a
 * gateway holds it. The gateways' sockets to WhatsApp go to a local recorder instead of the internet (the JDK's
 * https proxy settings), which shows who tried to connect.
 */
class WhatsAppSessionLockTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    @Test
    void secondGatewayOnTheSameHomeLeavesTheSessionToTheFirstAndServesEverythingElse() throws Exception {
        Path home = dir.resolve("home");
        PairedSessions.write(home.resolve("whatsapp"));
        try (FakeOpenAiServer llm = FakeOpenAiServer.start();
             ConnectRecorder firstWhatsApp = new ConnectRecorder();
             ConnectRecorder secondWhatsApp = new ConnectRecorder();
             GatewayProcess first = GatewayProcess.start(dir, "first", env(llm, home, firstWhatsApp))) {
            assertTrue(first.awaitListening(Duration.ofSeconds(30)), first.stderr());
            await(() -> !firstWhatsApp.requests.isEmpty(), "the first gateway connecting to WhatsApp");
            assertTrue(firstWhatsApp.requests.getFirst().startsWith("CONNECT web.whatsapp.com:443"), firstWhatsApp.requests.toString());

            try (GatewayProcess second = GatewayProcess.start(dir, "second", env(llm, home, secondWhatsApp))) {
                assertTrue(second.awaitListening(Duration.ofSeconds(30)), second.stderr());
                String logged = second.stdout() + second.stderr();
                assertEquals(1, logged.lines().filter(l -> l.contains("WhatsApp session is in use by a gomikrobot gateway (pid "
                        + first.process.pid())).count(), logged);
                JsonObject secondState = whatsapp(second);
                assertEquals("session_in_use", secondState.string("state", ""), secondState.toString());
                assertEquals(200, get(second, "/healthz").statusCode(), "it serves everything else");
            }
            assertEquals(List.of(), secondWhatsApp.requests, "the second never opened the session");
            String firstState = whatsapp(first).string("state", "");
            assertTrue(List.of("connecting", "reconnecting").contains(firstState), "the first still owns it: " + firstState);
            assertTrue(first.process.isAlive());
        }
    }

    @Test
    void pairingWhileAGatewayHoldsTheSessionIsRefusedInOneLine() throws Exception {
        Path sessionDir = dir.resolve(".gomikrobot").resolve("whatsapp");
        try (SessionLock held = assertInstanceOf(SessionLock.Outcome.Acquired.class,
                SessionLock.tryAcquire(sessionDir, "gateway")).lock()) {
            CliRun r = CliRun.run(dir, "whatsapp-auth", "--force");

            assertEquals(1, r.exit, r.out + r.err);
            List<String> lines = r.err.lines().toList();
            assertEquals(1, lines.size(), r.err);
            assertTrue(lines.getFirst().contains("the WhatsApp session is in use by a gomikrobot gateway (pid "
                    + ProcessHandle.current().pid()), lines.getFirst());
        }
    }

    private Map<String, String> env(FakeOpenAiServer llm, Path home, ConnectRecorder whatsapp) {
        Map<String, String> env = new HashMap<>();
        env.put("GOMIKROBOT_HOME", home.toString());
        env.put("HOME", dir.toString());
        env.put("MIKROBOT_OPENAI_API_BASE", llm.baseUrl());
        env.put("MIKROBOT_OPENAI_API_KEY", "sk-test-lock-1234");
        env.put("MIKROBOT_PATHS_WORK_REPO_PATH", dir.resolve("repo").toString());
        env.put("MIKROBOT_CHANNELS_WHATSAPP_ENABLED", "true");
        env.put("JAVA_TOOL_OPTIONS", "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + whatsapp.port());
        return env;
    }

    private static JsonObject whatsapp(GatewayProcess gateway) throws Exception {
        HttpResponse<String> ready = get(gateway, "/readyz");
        return JsonObject.of((Map<?, ?>) Json.parse(ready.body())).object("channels").object("whatsapp");
    }

    private static HttpResponse<String> get(GatewayProcess gateway, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.apiPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stands where WhatsApp's server would be: notes the first line of each connection and closes it. */
    private static final class ConnectRecorder implements AutoCloseable {
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final ServerSocket server;

        ConnectRecorder() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                    StringBuilder line = new StringBuilder();
                    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                        line.append((char) c);
                    }
                    requests.add(line.toString().strip());
                } catch (IOException e) {
                    // closed, or a client that went away: either way the next accept decides
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
