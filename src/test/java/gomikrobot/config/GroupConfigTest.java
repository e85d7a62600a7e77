package gomikrobot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group's keys: off by default, the environment names the issue gives, and what an enabled group needs. */
class GroupConfigTest {
    private static final String SECRET = "group-config-secret-0123456789";

    @TempDir
    Path userHome;

    @Test
    void defaultsAreOff() {
        GroupConfig g = load(Map.of());
        assertFalse(g.enabled());
        assertEquals("localhost:9092", g.kafkaBrokers());
        assertEquals(Duration.ofSeconds(10), g.heartbeatInterval());
        assertEquals(Duration.ofMinutes(5), g.taskTimeout());
        assertEquals("PLAINTEXT", g.securityProtocol());
    }

    @Test
    void theIssuesEnvironmentNamesSetTheGroup() {
        GroupConfig g = load(enabled(Map.of("MIKROBOT_GROUP_AGENT_ID", "laptop",
                "MIKROBOT_GROUP_TRUSTED_MEMBERS", "home,vm", "MIKROBOT_GROUP_HEARTBEAT_INTERVAL", "2s")));
        assertTrue(g.enabled());
        assertEquals("team", g.groupName());
        assertEquals("laptop", g.agentId());
        assertEquals("kafka.example:9093", g.kafkaBrokers());
        assertEquals(SECRET, g.secret());
        assertEquals(List.of("home", "vm"), g.trustedMembers());
        assertTrue(g.trusts("vm") && !g.trusts("stranger"));
        assertEquals(Duration.ofSeconds(2), g.heartbeatInterval());
        assertEquals("gomikrobot.team.laptop", g.consumerGroupFor("laptop"));
        assertFalse(g.toString().contains(SECRET), "the secret never shows in the record's text");
    }

    @Test
    void anEnabledGroupNeedsAValidNameALongEnoughSecretAndSaslCredentials() {
        assertProblem("group.groupName", Map.of("MIKROBOT_GROUP_GROUP_NAME", "a.b"));
        assertProblem("group.secret", Map.of("MIKROBOT_GROUP_SECRET", "short"));
        assertProblem("group.agentId", Map.of("MIKROBOT_GROUP_AGENT_ID", "has space"));
        assertProblem("group.saslUsername", Map.of("MIKROBOT_GROUP_SECURITY_PROTOCOL", "sasl_ssl"));
    }

    private void assertProblem(String key, Map<String, String> wrong) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(enabled(wrong)));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    private static Map<String, String> enabled(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("MIKROBOT_GROUP_ENABLED", "true",
                "MIKROBOT_GROUP_GROUP_NAME", "team", "MIKROBOT_GROUP_KAFKA_BROKERS", "kafka.example:9093",
                "MIKROBOT_GROUP_SECRET", SECRET));
        env.putAll(more);
        return env;
    }

    private GroupConfig load(Map<String, String> env) {
        return new ConfigLoader(env, userHome).load().group();
    }
}
