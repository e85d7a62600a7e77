package gomikrobot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {
    private static final Map<String, String> GATEWAY = Map.ofEntries(
            Map.entry("PATH", "/usr/bin:/bin"), Map.entry("HOME", "/home/me"), Map.entry("LANG", "C.UTF-8"),
            Map.entry("LC_TIME", "en_GB.UTF-8"), Map.entry("TZ", "Europe/Vienna"),
            Map.entry("OPENAI_API_KEY", "sk-openai"), Map.entry("MIKROBOT_GATEWAY_AUTH_TOKEN", "gw-token"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "aws"), Map.entry("DATABASE_URL", "postgres://u:p@db/x"),
            Map.entry("GIT_DIR", "/elsewhere/.git"), Map.entry("GH_TOKEN", "ghp-value"),
            Map.entry("LC_API_TOKEN", "sneaky"));

    @Test
    void inheritsOnlyTheAllowlistNotEverythingThatLooksHarmless() {
        assertEquals(Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/me", "LANG", "C.UTF-8", "LC_TIME", "en_GB.UTF-8",
                "TZ", "Europe/Vienna"), ChildEnvironment.of(GATEWAY).toMap());
    }

    @Test
    void callerAdditionsAreKeptAsGivenEvenWhenTheyLookSecret() {
        Map<String, String> mcpServer = Map.of("GITHUB_TOKEN", "the-servers-own", "LANG", "de_AT.UTF-8");
        Map<String, String> env = ChildEnvironment.of(GATEWAY).plus(mcpServer).toMap();
        assertEquals("the-servers-own", env.get("GITHUB_TOKEN"));
        assertEquals("de_AT.UTF-8", env.get("LANG"));
        assertFalse(env.containsKey("OPENAI_API_KEY"));
    }

    @Test
    void passingGrantsOnlyTheNamedVariablesThatAreSet() {
        Map<String, String> env = ChildEnvironment.of(GATEWAY).passing(List.of("GH_TOKEN", "SSH_AUTH_SOCK")).toMap();
        assertEquals("ghp-value", env.get("GH_TOKEN"));
        assertFalse(env.containsKey("SSH_AUTH_SOCK"));
        assertFalse(env.containsKey("MIKROBOT_GATEWAY_AUTH_TOKEN"));
    }

    @Test
    void onlyNarrowsToTheNamedVariables() {
        assertEquals(Set.of("PATH", "LANG"), ChildEnvironment.of(GATEWAY).only(Set.of("PATH", "LANG", "X")).toMap()
                .keySet());
    }

    @Test
    void oneDefinitionOfASecretNameCoversEveryFormerFilter() {
        for (String name : List.of("OPENAI_API_KEY", "GITHUB_TOKEN", "CLIENT_SECRET", "PGPASSWORD", "MYSQL_PASSWD",
                "GOOGLE_APPLICATION_CREDENTIALS", "SSH_PRIVATE_PATH", "MIKROBOT_GATEWAY_AUTH_TOKEN", "lc_api_token")) {
            assertTrue(ChildEnvironment.looksSecret(name), name);
        }
        assertFalse(ChildEnvironment.looksSecret("LC_TIME"));
    }
}
