package gomikrobot.agent;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.ConfigException;
import gomikrobot.testing.TestPipeline;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tools.tiers} may name the group's tools when a group is configured, though they join the agent later. */
class GroupToolTiersTest {
    private static final Map<String, String> TIERS = Map.of("MIKROBOT_TOOLS_TIERS", "delegate=2,share=2");

    @TempDir
    Path tmp;

    @Test
    void withAGroupItsToolsMayBeGivenTiers() throws Exception {
        Map<String, String> env = new HashMap<>(TIERS);
        env.putAll(Map.of("MIKROBOT_GROUP_ENABLED", "true", "MIKROBOT_GROUP_GROUP_NAME", "team",
                "MIKROBOT_GROUP_KAFKA_BROKERS", "127.0.0.1:9", "MIKROBOT_GROUP_SECRET", "tiers-test-secret-0123"));
        try (TestPipeline pipeline = TestPipeline.start(tmp, env, false, TestPipeline.quietLog())) {
            assertTrue(pipeline.agent.tools().names().contains("exec"), "wired");
        }
    }

    @Test
    void withoutAGroupTheyAreUnknownTools() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TestPipeline.start(tmp, TIERS, false, TestPipeline.quietLog()).close());
        assertTrue(e.getMessage().contains("there is no tool named \"delegate\""), e.getMessage());
    }
}
