package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.gateway.Gateway;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.testing.TempUserHome;
import gomikrobot.testing.FakeOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in-process with WhatsApp enabled but never paired (empty session folder): it starts, keeps
 * serving the API with WhatsApp reported as not connected, answers chat through the fake LLM, and stops
 * cleanly.
 */
class WhatsAppUnpairedGatewayTest {
    @TempDir
    Path userHome;
    @RegisterExtension
    final TempUserHome userHomeSandbox = new TempUserHome();

    @Test
    void unpairedWhatsAppIsReportedNotConnectedWhileTheApiServes() throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            Path home = userHome.resolve(".gomikrobot");
            Config config = LiveGateway.anyFreePorts(new ConfigLoader(Map.of(
                    "GOMIKROBOT_HOME", home.toString(),
                    "MIKROBOT_OPENAI_API_BASE", llm.baseUrl(),
                    "MIKROBOT_OPENAI_API_KEY", "sk-test-unpaired-1234",
                    "MIKROBOT_PATHS_WORK_REPO_PATH", userHome.resolve("repo").toString(),
                    "MIKROBOT_CHANNELS_WHATSAPP_WHATSAPP_ENABLED", "true"), userHome).load());
            Files.createDirectories(config.whatsappDir());
            Log log = new Log(Log.Level.INFO, false, new PrintStream(logged, true, StandardCharsets.UTF_8),
                    Clock.systemUTC(), Set.of());
            llm.enqueueText("hello from the fake model");

            Gateway runtime = Gateway.start(config, "test", Wiring.provider(config, log), userHome,
                    Optional.empty(), Clock.systemUTC(), log);
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                String api = "http://" + runtime.apiAddress();

                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(api + "/readyz")).GET()
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode(), ready.body());
                JsonObject checks = JsonObject.of((Map<?, ?>) Json.parse(ready.body())).object("checks");
                assertEquals(Optional.of(false), checks.bool("whatsapp"), ready.body());

                HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create(api + "/chat?message=hi"))
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, chat.statusCode(), chat.body());
                assertTrue(chat.body().contains("hello from the fake model"), chat.body());
            } finally {
                Thread stopping = Thread.ofVirtual().start(() -> runtime.stop(Duration.ofSeconds(5)));
                assertTrue(stopping.join(Duration.ofSeconds(60)), "the gateway stops, not hangs");
            }
            String log0 = logged.toString(StandardCharsets.UTF_8);
            assertTrue(log0.contains("WhatsApp is enabled but not paired"), log0);
            assertTrue(log0.contains("Gateway stopped"), log0);
            assertFalse(log0.contains("level=ERROR"), log0);
            assertEquals(List.of(), files(config.whatsappDir()), "an unpaired start creates no session");
            assertEquals(List.of(), files(userHomeSandbox.path()), "nothing written into the home folder");
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
