package gomikrobot.cli;

import static gomikrobot.cli.ClassLoadLog.matching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.Eventually;
import gomikrobot.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a gateway does not need it does not load. With no group configured nothing of Kafka is loaded into the
 * gateway process (the class-load log of a real gateway that served requests shows none of its classes); with a
 * group configured the same log shows them, so the first check could fail. A gateway whose model is a plain
 * {@code http://} server, with no MCP server and no channel, sets no TLS up at all.
 */
class GatewayClassLoadingTest {
    private static final String KAFKA = " org.apache.kafka.";
    private static final String TLS = " sun.security.ssl.";

    @TempDir
    Path dir;

    private final Http http = new Http();

    @Test
    void withoutAGroupNoKafkaClassIsLoaded() throws Exception {
        try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            Path classes = dir.resolve("classes-off.log");
            try (GatewayProcess gateway = GatewayProcess.start(dir, "off", env(llm, Map.of()),
                    List.of(ClassLoadLog.option(classes)))) {
                assertTrue(gateway.awaitListening(Duration.ofSeconds(30)), gateway.stderr());
                String dashboard = "http://127.0.0.1:" + gateway.dashboardPort();
                assertEquals(false, http.get(dashboard + "/api/v1/group/status").object().get("active"));
                assertEquals(false, http.get(dashboard + "/api/v1/status").object().get("group_enabled"));
                assertEquals("echo: hello", http.post("http://127.0.0.1:" + gateway.apiPort() + "/chat",
                        "{\"message\":\"hello\"}").body().strip());

                assertEquals(List.of(), matching(classes, KAFKA), "no Kafka class loaded without a group");
                assertEquals(List.of(), matching(classes, TLS), "no TLS set up for an http:// model");
            }
        }
    }

    @Test
    void withAGroupKafkasClientIsLoaded() throws Exception {
        try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            Path classes = dir.resolve("classes-on.log");
            Map<String, String> group = Map.of("MIKROBOT_GROUP_ENABLED", "true", "MIKROBOT_GROUP_GROUP_NAME", "team",
                    "MIKROBOT_GROUP_KAFKA_BROKERS", "127.0.0.1:9", "MIKROBOT_GROUP_SECRET", "classes-test-secret-0123");
            try (GatewayProcess gateway = GatewayProcess.start(dir, "on", env(llm, group),
                    List.of(ClassLoadLog.option(classes)))) {
                assertTrue(gateway.awaitListening(Duration.ofSeconds(30)), gateway.stderr());

                Eventually.await(Eventually.WAIT, () -> !matching(classes, KAFKA).isEmpty(),
                        "Kafka's client loaded to join the group");
            }
        }
    }

    private Map<String, String> env(FakeOpenAiServer llm, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("GOMIKROBOT_HOME", dir.resolve("home").toString());
        env.put("HOME", dir.toString());
        env.put("MIKROBOT_OPENAI_API_BASE", llm.baseUrl());
        env.put("MIKROBOT_OPENAI_API_KEY", "sk-test-group-classes-1234");
        env.put("MIKROBOT_PATHS_WORK_REPO_PATH", dir.resolve("repo").toString());
        env.putAll(extra);
        return env;
    }
}
