package gomikrobot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path userHome;

    private Config load(Map<String, String> env) {
        return new ConfigLoader(env, userHome).load();
    }

    private Path writeConfig(String json) throws IOException {
        Path file = userHome.resolve(".gomikrobot/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }

    private String failure(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> load(env)).getMessage();
    }

    // ---- defaults and home ----

    @Test
    void defaultsApplyWithoutFileOrEnv() {
        Config c = load(Map.of());
        Path home = userHome.resolve(".gomikrobot");
        assertEquals(home, c.home());
        assertEquals(home.resolve("workspace"), c.paths().workspace());
        assertEquals(userHome.resolve("GoMikroBot-Workspace"), c.paths().workRepoPath());
        assertNull(c.paths().systemRepoPath());
        assertEquals(new ModelConfig("gpt-4o-mini", 8192, 0.7, 20, 4), c.model());
        assertEquals(new ProviderConfig("", "https://api.openai.com/v1"), c.providers().openai());
        assertEquals(new ProviderConfig("", "https://openrouter.ai/api/v1", ProviderConfig.PROJECT_URL,
                ProviderConfig.PROJECT_NAME), c.providers().openrouter());
        assertEquals(new LocalWhisperConfig(false, "base", ""), c.providers().localWhisper());
        assertEquals(new GatewayConfig("127.0.0.1", 18790, 18791, "", List.of()), c.gateway());
        assertEquals(new ExecToolConfig(Duration.ofSeconds(60), true, List.of()), c.tools().exec());
        assertEquals(new WhatsAppConfig(false, List.of(), false, false), c.channels().whatsapp());
        assertEquals(new PolicyConfig(2, 0, List.of(), List.of()), c.policy());
        assertEquals(new LogConfig("info", false), c.log());
    }

    @Test
    void loadCreatesNothing() {
        load(Map.of());
        assertFalse(Files.exists(userHome.resolve(".gomikrobot")));
    }

    @Test
    void gomikrobotHomeEnvMovesHomeAndItsFile(@TempDir Path other) throws IOException {
        Files.writeString(other.resolve("config.json"), "{\"gateway\": {\"port\": 20001}}");
        writeConfig("{\"gateway\": {\"port\": 20002}}");
        Config c = load(Map.of("GOMIKROBOT_HOME", " " + other + " "));
        assertEquals(other, c.home());
        assertEquals(20001, c.gateway().port());
        assertEquals(other.resolve("workspace"), c.paths().workspace());
        assertEquals(other.resolve("timeline.db"), c.databaseFile());
    }

    @Test
    void relativeGomikrobotHomeIsMadeAbsolute() {
        Path home = new ConfigLoader(Map.of("GOMIKROBOT_HOME", "rel/home"), userHome).home();
        assertTrue(home.isAbsolute(), home.toString());
        assertTrue(home.endsWith(Path.of("rel/home")), home.toString());
        assertEquals(userHome.resolve("bots/a"), new ConfigLoader(Map.of("GOMIKROBOT_HOME", "~/bots/a"), userHome).home());
    }

    // ---- precedence ----

    @Test
    void envBeatsFileBeatsDefault() throws IOException {
        writeConfig("""
                {"gateway": {"port": 20000, "host": "10.0.0.1"},
                 "model": {"name": "file-model", "maxTokens": 1000},
                 "log": {"level": "warn"}}
                """);
        Config c = load(Map.of(
                "MIKROBOT_PORT", "21000",                    // alias beats file
                "MIKROBOT_MODEL_NAME", "env-model",          // general form beats file
                "MIKROBOT_GATEWAY_DASHBOARD_PORT", "22000")); // env beats default
        assertEquals(21000, c.gateway().port());
        assertEquals("10.0.0.1", c.gateway().host());
        assertEquals("env-model", c.model().name());
        assertEquals(1000, c.model().maxTokens());
        assertEquals(22000, c.gateway().dashboardPort());
        assertEquals("warn", c.log().level());
        assertEquals(0.7, c.model().temperature());
    }

    @Test
    void generalEnvNameWinsOverAlias() {
        Config c = load(Map.of("MIKROBOT_GATEWAY_PORT", "20001", "MIKROBOT_PORT", "20002",
                "MIKROBOT_MODEL_MODEL", "second", "MIKROBOT_AGENTS_MODEL", "third"));
        assertEquals(20001, c.gateway().port());
        assertEquals("second", c.model().name());
    }

    @Test
    void everyAliasTheOriginalHonouredIsRead() {
        Config c = load(Map.ofEntries(
                Map.entry("MIKROBOT_HOST", "0.0.0.0"),
                Map.entry("MIKROBOT_DASHBOARD_PORT", "30001"),
                Map.entry("MIKROBOT_AGENTS_WORKSPACE", "/srv/ws"),
                Map.entry("MIKROBOT_AGENTS_WORK_REPO_PATH", "~/work"),
                Map.entry("MIKROBOT_AGENTS_SYSTEM_REPO_PATH", "/opt/system-repo"),
                Map.entry("MIKROBOT_AGENTS_MAX_TOKENS", "100"),
                Map.entry("MIKROBOT_AGENTS_TEMPERATURE", "0.2"),
                Map.entry("MIKROBOT_AGENTS_MAX_TOOL_ITERATIONS", "7"),
                Map.entry("MIKROBOT_OPENAI_API_BASE", "http://localhost:11434/v1"),
                Map.entry("MIKROBOT_OPENROUTER_API_KEY", "or-secret-key-1234"),
                Map.entry("MIKROBOT_CHANNELS_WHATSAPP_WHATSAPP_ENABLED", "yes"),
                Map.entry("MIKROBOT_TOOLS_EXEC_EXEC_RESTRICT_WORKSPACE", "0")));
        assertEquals("0.0.0.0", c.gateway().host());
        assertEquals(30001, c.gateway().dashboardPort());
        assertEquals(Path.of("/srv/ws"), c.paths().workspace());
        assertEquals(userHome.resolve("work"), c.paths().workRepoPath());
        assertEquals(Path.of("/opt/system-repo"), c.paths().systemRepoPath());
        assertEquals(new ModelConfig("gpt-4o-mini", 100, 0.2, 7, 4), c.model());
        assertEquals("http://localhost:11434/v1", c.providers().openai().apiBase());
        assertEquals("or-secret-key-1234", c.providers().openrouter().apiKey());
        assertTrue(c.channels().whatsapp().enabled());
        assertFalse(c.tools().exec().restrictToWorkspace());
    }

    @Test
    void generalFormCoversNestedKeys() {
        Config c = load(Map.of(
                "MIKROBOT_MODEL_MAX_TOOL_ITERATIONS", "5",
                "MIKROBOT_CHANNELS_WHATSAPP_DROP_UNAUTHORIZED", "TRUE",
                "MIKROBOT_CHANNELS_WHATSAPP_ALLOW_FROM", " 4915, 4916 ,,",
                "MIKROBOT_PROVIDERS_LOCAL_WHISPER_BINARY_PATH", "/usr/bin/whisper",
                "MIKROBOT_TOOLS_EXEC_TIMEOUT", "2m",
                "MIKROBOT_POLICY_DENY_TOOLS", "exec",
                "MIKROBOT_LOG_LEVEL", "DEBUG",
                "MIKROBOT_LOG_JSON", "1"));
        assertEquals(5, c.model().maxToolIterations());
        assertTrue(c.channels().whatsapp().dropUnauthorized());
        assertEquals(List.of("4915", "4916"), c.channels().whatsapp().allowFrom());
        assertEquals("/usr/bin/whisper", c.providers().localWhisper().binaryPath());
        assertEquals(Duration.ofMinutes(2), c.tools().exec().timeout());
        assertEquals(List.of("exec"), c.policy().denyTools());
        assertEquals(new LogConfig("debug", true), c.log());
    }

    @Test
    void emptyOrBlankEnvCountsAsUnset() throws IOException {
        writeConfig("{\"gateway\": {\"port\": 20000}}");
        Config c = load(Map.of("MIKROBOT_GATEWAY_PORT", "", "MIKROBOT_PORT", "  ", "MIKROBOT_HOST", " 0.0.0.0 "));
        assertEquals(20000, c.gateway().port());
        assertEquals("0.0.0.0", c.gateway().host());
    }

    @Test
    void bareOpenAiKeyIsOnlyALastFallback() throws IOException {
        assertEquals("sk-bare", load(Map.of("OPENAI_API_KEY", "sk-bare")).providers().openai().apiKey());
        assertEquals("sk-prefixed", load(Map.of("OPENAI_API_KEY", "sk-bare", "MIKROBOT_OPENAI_API_KEY", "sk-prefixed"))
                .providers().openai().apiKey());
        writeConfig("{\"providers\": {\"openai\": {\"apiKey\": \"sk-file\"}}}");
        assertEquals("sk-file", load(Map.of("OPENAI_API_KEY", "sk-bare")).providers().openai().apiKey());
        assertEquals("or-bare", load(Map.of("OPENROUTER_API_KEY", "or-bare")).providers().openrouter().apiKey());
    }

    // ---- file formats ----

    @Test
    void goNanosecondTimeoutAndDurationStringsAreAccepted() throws IOException {
        writeConfig("{\"tools\": {\"exec\": {\"timeout\": 90000000000}}}");
        assertEquals(Duration.ofSeconds(90), load(Map.of()).tools().exec().timeout());
        writeConfig("{\"tools\": {\"exec\": {\"timeout\": \"90s\"}}}");
        assertEquals(Duration.ofSeconds(90), load(Map.of()).tools().exec().timeout());
        writeConfig("{\"tools\": {\"exec\": {\"timeout\": \"1500ms\"}}}");
        assertEquals(Duration.ofMillis(1500), load(Map.of()).tools().exec().timeout());
    }

    @Test
    void legacyAgentsDefaultsAreMigratedWhenNewKeysAreAbsent() throws IOException {
        writeConfig("""
                {"agents": {"defaults": {"workspace": "/legacy/ws", "workRepoPath": "~/legacy-repo",
                  "systemRepoPath": "sys", "model": "legacy-model", "maxTokens": 1234, "temperature": 0.1,
                  "maxToolIterations": 9}},
                 "model": {"maxTokens": 4321}}
                """);
        Config c = load(Map.of());
        assertEquals(Path.of("/legacy/ws"), c.paths().workspace());
        assertEquals(userHome.resolve("legacy-repo"), c.paths().workRepoPath());
        assertEquals(c.home().resolve("sys"), c.paths().systemRepoPath());
        assertEquals(new ModelConfig("legacy-model", 4321, 0.1, 9, 4), c.model()); // new key beats legacy
    }

    @Test
    void pathsExpandTildeAndResolveRelativeAgainstHome() throws IOException {
        writeConfig("{\"paths\": {\"workspace\": \"ws\", \"workRepoPath\": \"~\", \"systemRepoPath\": \"~/sys/../id\"}}");
        Config c = load(Map.of());
        assertEquals(c.home().resolve("ws"), c.paths().workspace());
        assertEquals(userHome, c.paths().workRepoPath());
        assertEquals(userHome.resolve("id"), c.paths().systemRepoPath());
    }

    @Test
    void emptyPathInFileKeepsTheDefault() throws IOException {
        writeConfig("{\"paths\": {\"workspace\": \"\", \"systemRepoPath\": \"\"}}");
        Config c = load(Map.of());
        assertEquals(c.home().resolve("workspace"), c.paths().workspace());
        assertNull(c.paths().systemRepoPath());
    }

    @Test
    void dashboardPortZeroMeansDefault() throws IOException {
        writeConfig("{\"gateway\": {\"dashboardPort\": 0}}");
        assertEquals(18791, load(Map.of()).gateway().dashboardPort());
    }

    @Test
    void unknownKeysAndNullsAreIgnoredOnLoad() throws IOException {
        writeConfig("{\"orchestrator\": {\"enabled\": true}, \"gateway\": {\"tlsCert\": \"x\", \"port\": null}, \"tools\": null}");
        assertEquals(18790, load(Map.of()).gateway().port());
    }

    // ---- errors ----

    @Test
    void malformedFileNamesFileLineAndColumn() throws IOException {
        Path file = writeConfig("{\n  \"gateway\": {\n    \"port\": 1,\n  }\n}");
        String msg = failure(Map.of());
        assertTrue(msg.startsWith("config error: " + file + " line 4, column 3: "), msg);
        assertFalse(msg.contains("\n"), msg);
    }

    @Test
    void nonObjectDocumentIsRejected() throws IOException {
        Path file = writeConfig("[1, 2]");
        assertEquals("config error: " + file + ": must contain a JSON object", failure(Map.of()));
    }

    @Test
    void emptyFileIsRejectedWithItsName() throws IOException {
        Path file = writeConfig("");
        assertTrue(failure(Map.of()).startsWith("config error: " + file + " line 1, column 1: empty document"));
    }

    @Test
    void wrongJsonTypesNameTheKey() throws IOException {
        Path file = writeConfig("{\"gateway\": {\"port\": \"18790\"}}");
        assertEquals("config error: " + file + ": gateway.port must be an integer", failure(Map.of()));
        writeConfig("{\"channels\": {\"whatsapp\": {\"enabled\": \"yes\"}}}");
        assertEquals("config error: " + file + ": channels.whatsapp.enabled must be true or false", failure(Map.of()));
        writeConfig("{\"gateway\": {\"corsOrigins\": \"http://x\"}}");
        assertEquals("config error: " + file + ": gateway.corsOrigins must be an array of strings", failure(Map.of()));
        writeConfig("{\"channels\": {\"whatsapp\": 5}}");
        assertEquals("config error: " + file + ": channels.whatsapp must be an object", failure(Map.of()));
        writeConfig("{\"tools\": {\"exec\": {\"timeout\": \"soon\"}}}");
        assertEquals("config error: " + file + ": tools.exec.timeout: not a duration (like 60s, 2m, 1500ms): \"soon\"",
                failure(Map.of()));
    }

    @Test
    void whatsappMediaCapVoiceRepliesAndGroupsAreRead() throws IOException {
        Path file = writeConfig("{\"channels\": {\"whatsapp\": {\"voiceReplies\": true, \"groups\": \"Mention\"}}}");
        WhatsAppConfig w = load(Map.of("MIKROBOT_CHANNELS_WHATSAPP_MAX_MEDIA_BYTES", "1048576")).channels().whatsapp();
        assertEquals(new WhatsAppConfig(false, List.of(), false, false, 1_048_576, true, Groups.MENTION),
                w);
        writeConfig("{\"channels\": {\"whatsapp\": {\"groups\": \"all\"}}}");
        assertEquals("config error: " + file + ": channels.whatsapp.groups must be one of off, mention, got \"all\"",
                failure(Map.of()));
        assertEquals("config error: env MIKROBOT_CHANNELS_WHATSAPP_MAX_MEDIA_BYTES: channels.whatsapp.maxMediaBytes"
                + " must be 1-2147483647, got 0", failure(Map.of("MIKROBOT_CHANNELS_WHATSAPP_MAX_MEDIA_BYTES", "0")));
    }

    @Test
    void outOfRangeValuesAreNamedWithTheirSource() throws IOException {
        Path file = writeConfig("{\"gateway\": {\"port\": 99999}}");
        assertEquals("config error: " + file + ": gateway.port must be 1-65535, got 99999", failure(Map.of()));
        writeConfig("{\"model\": {\"temperature\": 2.5}}");
        assertEquals("config error: " + file + ": model.temperature must be 0-2, got 2.5", failure(Map.of()));
        writeConfig("{\"policy\": {\"externalMaxTier\": 4}}");
        assertEquals("config error: " + file + ": policy.externalMaxTier must be 0-3, got 4", failure(Map.of()));
        writeConfig("{\"tools\": {\"exec\": {\"timeout\": 0}}}");
        assertEquals("config error: " + file + ": tools.exec.timeout must be positive, got 0s", failure(Map.of()));
        writeConfig("{\"log\": {\"level\": \"verbose\"}}");
        assertEquals("config error: " + file + ": log.level must be one of debug, info, warn, error, got \"verbose\"",
                failure(Map.of()));
        writeConfig("{\"agents\": {\"defaults\": {\"maxToolIterations\": 500}}}");
        assertEquals("config error: " + file + " (agents.defaults.maxToolIterations): model.maxToolIterations "
                + "must be 1-100, got 500", failure(Map.of()));
    }

    @Test
    void badEnvValuesNameTheVariable() {
        assertEquals("config error: env MIKROBOT_PORT: not a number: \"abc\"", failure(Map.of("MIKROBOT_PORT", "abc")));
        assertEquals("config error: env MIKROBOT_LOG_JSON: not a boolean (true/false/1/0/yes/no): \"maybe\"",
                failure(Map.of("MIKROBOT_LOG_JSON", "maybe")));
        assertEquals("config error: env MIKROBOT_MODEL_TEMPERATURE: not a number: \"0x1p1\"",
                failure(Map.of("MIKROBOT_MODEL_TEMPERATURE", "0x1p1")));
        assertEquals("config error: env MIKROBOT_TOOLS_EXEC_TIMEOUT: not a duration (like 60s, 2m, 1500ms): \"60\"",
                failure(Map.of("MIKROBOT_TOOLS_EXEC_TIMEOUT", "60")));
        assertEquals("config error: env MIKROBOT_MODEL_MAX_CONCURRENT_CALLS: model.maxConcurrentCalls must be 1-64, "
                + "got 65", failure(Map.of("MIKROBOT_MODEL_MAX_CONCURRENT_CALLS", "65")));
        assertEquals("config error: env MIKROBOT_OPENAI_API_BASE: providers.openai.apiBase must be an http:// or "
                + "https:// URL, got \"ftp://x\"", failure(Map.of("MIKROBOT_OPENAI_API_BASE", "ftp://x")));
    }

    @Test
    void schedulerSettingsHaveDefaultsEnvNamesAndRules() {
        SchedulerConfig defaults = load(Map.of()).scheduler();
        assertEquals(new SchedulerConfig(Duration.ofHours(1), Duration.ofMinutes(30), "", ""), defaults);
        SchedulerConfig set = load(Map.of("MIKROBOT_SCHEDULER_CATCH_UP", "2h", "MIKROBOT_SCHEDULER_HEARTBEAT_INTERVAL",
                "0", "MIKROBOT_SCHEDULER_HEARTBEAT_TO", "webui:1", "MIKROBOT_SCHEDULER_QUIET_HOURS", "22:00-07:00"))
                .scheduler();
        assertEquals(new SchedulerConfig(Duration.ofHours(2), Duration.ZERO, "webui:1", "22:00-07:00"), set);
        assertEquals("config error: env MIKROBOT_SCHEDULER_HEARTBEAT_INTERVAL: scheduler.heartbeatInterval must be 0"
                + " (off) or at least 60s, got 30s", failure(Map.of("MIKROBOT_SCHEDULER_HEARTBEAT_INTERVAL", "30s")));
        assertEquals("config error: env MIKROBOT_SCHEDULER_CATCH_UP: scheduler.catchUp must be at least 60s, got 0s",
                failure(Map.of("MIKROBOT_SCHEDULER_CATCH_UP", "0")));
        assertEquals("config error: env MIKROBOT_SCHEDULER_QUIET_HOURS: scheduler.quietHours must be HH:MM-HH:MM,"
                + " e.g. 22:00-07:00, got \"24:00-07:00\"", failure(Map.of("MIKROBOT_SCHEDULER_QUIET_HOURS",
                "24:00-07:00")));
        assertTrue(failure(Map.of("MIKROBOT_SCHEDULER_HEARTBEAT_TO", "whatsapp")).contains("must be CHANNEL:CHAT"));
    }

    @Test
    void hugeNumbersAreRejectedNotWrapped() throws IOException {
        Path file = writeConfig("{\"gateway\": {\"port\": 4294985086}}");
        assertEquals("config error: " + file + ": gateway.port must be 1-65535, got 4294985086", failure(Map.of()));
        writeConfig("{\"model\": {\"maxTokens\": 99999999999999999999999}}");
        assertEquals("config error: " + file + ": model.maxTokens is out of range: 99999999999999999999999",
                failure(Map.of()));
    }

    // ---- approvals and tool tiers ----

    @Test
    void byDefaultNoToolHasAChosenTierAndTheOwnerHasFiveMinutesForTiersUpToTwo() {
        Config c = load(Map.of());
        assertEquals(Map.of(), c.tools().tiers());
        assertEquals(2, c.policy().maxApprovalTier());
        assertEquals(Duration.ofMinutes(5), c.policy().approvalTimeout());
    }

    @Test
    void tiersAndApprovalLimitsComeFromTheFileAndTheEnvironmentWins() throws IOException {
        writeConfig("{\"tools\": {\"tiers\": {\"exec\": 3, \"read_file\": 0}},"
                + " \"policy\": {\"maxApprovalTier\": 1, \"approvalTimeout\": \"90s\"}}");
        Config fromFile = load(Map.of());
        assertEquals(Map.of("exec", 3, "read_file", 0), fromFile.tools().tiers());
        assertEquals(1, fromFile.policy().maxApprovalTier());
        assertEquals(Duration.ofSeconds(90), fromFile.policy().approvalTimeout());

        Config fromEnv = load(Map.of("MIKROBOT_TOOLS_TIERS", " exec = 1 , mcp_files_read=0 ",
                "MIKROBOT_POLICY_APPROVAL_TIMEOUT", "2m"));
        assertEquals(Map.of("exec", 1, "mcp_files_read", 0), fromEnv.tools().tiers());
        assertEquals(Duration.ofMinutes(2), fromEnv.policy().approvalTimeout());
    }

    @Test
    void aBadTierIsNamedWithItsKeyAndSource() throws IOException {
        Path file = writeConfig("{\"tools\": {\"tiers\": {\"exec\": \"high\"}}}");
        assertEquals("config error: " + file + ": tools.tiers.exec must be an integer", failure(Map.of()));
        writeConfig("{\"tools\": {\"tiers\": {\"exec\": null}}}");
        assertEquals("config error: " + file + ": tools.tiers.exec must be an integer", failure(Map.of()));
        writeConfig("{\"tools\": {\"tiers\": [\"exec\"]}}");
        assertEquals("config error: " + file + ": tools.tiers must be an object of names to integers",
                failure(Map.of()));
        writeConfig("{\"tools\": {\"tiers\": {\"exec\": 7}}}");
        assertEquals("config error: " + file + ": tools.tiers values must be 0-3, got {exec=7}", failure(Map.of()));
        writeConfig("{}");
        assertEquals("config error: env MIKROBOT_TOOLS_TIERS: not a list of name=integer pairs (like"
                + " exec=3,read_file=0): \"exec:3\"", failure(Map.of("MIKROBOT_TOOLS_TIERS", "exec:3")));
        assertEquals("config error: env MIKROBOT_POLICY_MAX_APPROVAL_TIER: policy.maxApprovalTier must be 0-3, got 4",
                failure(Map.of("MIKROBOT_POLICY_MAX_APPROVAL_TIER", "4")));
        assertEquals("config error: env MIKROBOT_POLICY_APPROVAL_TIMEOUT: policy.approvalTimeout must be positive,"
                + " got 0s", failure(Map.of("MIKROBOT_POLICY_APPROVAL_TIMEOUT", "0")));
    }

    // ---- secrets ----

    @Test
    void secretsNeverAppearInToString() {
        Config c = load(Map.of("MIKROBOT_OPENAI_API_KEY", "sk-verysecretopenaikey",
                "OPENROUTER_API_KEY", "or-verysecretrouterkey", "MIKROBOT_GATEWAY_AUTH_TOKEN", "tok-verysecret"));
        String text = c.toString();
        assertFalse(text.contains("verysecret"), text);
        assertTrue(text.contains("sk-…ikey"), text);
        assertTrue(text.contains("authToken=(set)"), text);
        assertEquals("tok-verysecret", c.gateway().authToken());
    }
}
