package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.ConfigFile;
import gomikrobot.json.JsonObject;
import gomikrobot.testing.FakeOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnboardCommandTest {
    private static final String KEY = "sk-test-onboard-1234567890";

    @TempDir
    Path tmp;
    private FakeOpenAiServer server;
    private Path home;
    private Path workRepo;

    @BeforeEach
    void start() {
        server = FakeOpenAiServer.start();
        server.expectKey(KEY);
        home = tmp.resolve("gmb-home");
        workRepo = tmp.resolve("work repo");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void wizardDrivenThroughItsPromptsWritesConfigSoulFilesRepoAndDatabase() throws IOException {
        String answers = String.join("\n", "3", server.baseUrl(), KEY, "gpt-4o-mini", "", workRepo.toString(), "y") + "\n";

        OnboardRun r = run(answers);

        assertEquals(0, r.code(), r.all());
        Path config = home.resolve("config.json");
        if (config.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        }
        JsonObject doc = ConfigFile.read(config);
        assertEquals(KEY, doc.object("providers").object("openai").string("apiKey", null));
        assertEquals(server.baseUrl(), doc.object("providers").object("openai").string("apiBase", null));
        assertEquals("gpt-4o-mini", doc.object("model").string("name", null));
        assertEquals(workRepo.toString(), doc.object("paths").string("workRepoPath", null));
        assertTrue(doc.object("channels").object("whatsapp").bool("enabled", false));
        for (String name : SoulFiles.NAMES) {
            assertEquals(SoulFiles.starter(name), Files.readString(home.resolve("workspace").resolve(name)), name);
        }
        assertTrue(Files.isRegularFile(home.resolve("timeline.db")), "database created");
        assertTrue(Files.isDirectory(workRepo.resolve("tasks")), "work repo folders created");
        assertTrue(r.out().contains("The API key works"), r.all());
        assertEquals(1, server.count("/models"), "exactly one cheap request checks the key");
        assertFalse(r.out().contains(KEY) || r.err().contains(KEY), "the key is never printed back");
    }

    @Test
    void rejectedKeyIsReportedPlainlyWithoutEchoingItAndExitsOne() {
        String wrong = "sk-wrong-key-0987654321";
        OnboardRun r = nonInteractive("--provider", "openai", "--api-base", server.baseUrl(), "--api-key", wrong);

        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("The API key does NOT work") && r.out().contains("HTTP 401"), r.all());
        assertFalse(r.all().contains(wrong), "the server echoes the key; we must not: " + r.all());
        assertTrue(Files.exists(home.resolve("config.json")), "the setup is still saved");
    }

    @Test
    void rerunAsksBeforeChangingConfigOrReplacingAnEditedSoulFile() throws IOException {
        assertEquals(0, nonInteractive("--provider", "openai", "--api-base", server.baseUrl(), "--api-key", KEY).code());
        Path soul = home.resolve("workspace/SOUL.md");
        Files.writeString(soul, "# Mine\nI wrote this.\n");
        String before = Files.readString(home.resolve("config.json"));

        // same provider, Enter keeps the key, a different model, then "no" to both questions
        OnboardRun declined = run(String.join("\n", "1", "", "gpt-4.1", "", workRepo.toString(), "n", "n", "n") + "\n");

        assertEquals(0, declined.code(), declined.all());
        assertEquals(before, Files.readString(home.resolve("config.json")), "config kept after a no");
        assertEquals("# Mine\nI wrote this.\n", Files.readString(soul), "edited soul file kept after a no");
        assertTrue(declined.out().contains("SOUL.md: kept (edited by you)"), declined.all());

        OnboardRun accepted = run(String.join("\n", "1", "", "gpt-4.1", "", workRepo.toString(), "n", "y", "y") + "\n");

        assertEquals(0, accepted.code(), accepted.all());
        assertEquals("gpt-4.1", ConfigFile.read(home.resolve("config.json")).object("model").string("name", null));
        assertEquals(SoulFiles.starter("SOUL.md"), Files.readString(soul));
    }

    @Test
    void nonInteractiveNeedsForceToChangeAnExistingConfigAndKeepsEditedSoulFiles() throws IOException {
        String[] base = {"--provider", "openai", "--api-base", server.baseUrl(), "--api-key", KEY,
                "--work-repo", workRepo.toString()};
        assertEquals(0, nonInteractive(base).code());
        Files.writeString(home.resolve("workspace/USER.md"), "Name: Ada\n");

        OnboardRun same = nonInteractive(base);
        assertEquals(0, same.code(), same.all());
        assertTrue(same.out().contains("already up to date"), same.all());

        OnboardRun refused = nonInteractive(with(base, "--model", "gpt-4.1"));
        assertEquals(1, refused.code(), refused.all());
        assertTrue(refused.out().contains("--force"), refused.all());
        assertEquals("gpt-4o-mini", ConfigFile.read(home.resolve("config.json")).object("model").string("name", null));

        OnboardRun forced = nonInteractive(with(base, "--model", "gpt-4.1", "--force"));
        assertEquals(0, forced.code(), forced.all());
        assertEquals("gpt-4.1", ConfigFile.read(home.resolve("config.json")).object("model").string("name", null));
        assertEquals("Name: Ada\n", Files.readString(home.resolve("workspace/USER.md")), "edited soul file kept");
    }

    @Test
    void apiKeyEnvReadsTheKeyFromTheEnvironment() {
        OnboardRun r = run(Map.of("GOMIKROBOT_HOME", home.toString(), "MY_KEY", KEY), "",
                "--non-interactive", "--provider", "openrouter", "--api-base", server.baseUrl(),
                "--api-key-env", "MY_KEY", "--work-repo", workRepo.toString());

        assertEquals(0, r.code(), r.all());
        JsonObject providers = ConfigFile.read(home.resolve("config.json")).object("providers");
        assertEquals(KEY, providers.object("openrouter").string("apiKey", null));
        assertEquals("", providers.object("openai").string("apiKey", null), "OpenRouter chosen: it must be the active one");
        assertEquals("openai/gpt-4o-mini", ConfigFile.read(home.resolve("config.json")).object("model").string("name", null));
    }

    @Test
    void aLocalServerWithoutAKeyIsReportedAsReachedWithoutOneNeverAsAWorkingKey() {
        try (FakeOpenAiServer local = FakeOpenAiServer.start()) {
            OnboardRun r = nonInteractive("--provider", "custom", "--api-base", local.baseUrl());

            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().contains("Reached " + local.baseUrl() + " without an API key"), r.all());
            assertFalse(r.out().contains("The API key works"), r.all());
        }
    }

    @Test
    void aServerThatWantsAKeyWhenNoneIsGivenSaysSoOnce() {
        OnboardRun r = nonInteractive("--provider", "custom", "--api-base", server.baseUrl());

        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains(server.baseUrl() + " needs an API key: it refused the request without one "
                + "(HTTP 401: Incorrect API key provided: (none) (type invalid_request_error))"), r.all());
        assertEquals(1, r.out().split("HTTP 401", -1).length - 1, "the status is named once: " + r.out());
    }

    @Test
    void badFlagsAreUsageErrorsAndWriteNothing() {
        assertEquals(2, run(env(), "", "--non-interactive", "--api-key-env", "UNSET_VAR").code());
        assertEquals(2, run(env(), "", "--non-interactive", "--provider", "azure").code());
        assertEquals(2, run(env(), "", "--non-interactive", "--provider", "custom", "--api-key", "x").code());
        assertEquals(2, run(env(), "", "--non-interactive", "--api-key", KEY, "--api-base", "ftp://host").code());
        assertEquals(2, run(env(), "", "--api-key", KEY).code(), "--api-key without --non-interactive");
        assertFalse(Files.exists(home.resolve("config.json")));
    }

    @Test
    void wizardAsksAgainAfterAWrongAnswer() {
        String answers = String.join("\n", "9", "custom", "ftp://nope", server.baseUrl(), KEY, "", "",
                workRepo.toString(), "") + "\n";

        OnboardRun r = run(answers);

        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("not a provider: 9"), r.all());
        assertTrue(r.out().contains("must be an http or https URL"), r.all());
        assertEquals("gpt-4o-mini", ConfigFile.read(home.resolve("config.json")).object("model").string("name", null),
                "a custom server keeps the default model name");
    }

    @Test
    void inputEndingBeforeTheLastQuestionWritesNothing() {
        OnboardRun r = run("1\n" + KEY + "\n");

        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("input ended"), r.all());
        assertFalse(Files.exists(home.resolve("config.json")));
    }

    @Test
    void malformedConfigIsReportedAndNeverOverwritten() throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.json"), "{ \"model\": ");

        OnboardRun r = nonInteractive("--api-key", KEY, "--force");

        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("config.json"), r.all());
        assertEquals("{ \"model\": ", Files.readString(home.resolve("config.json")));
    }

    // ---- helpers ----

    private Map<String, String> env() {
        return Map.of("GOMIKROBOT_HOME", home.toString());
    }

    private OnboardRun run(String stdin) {
        return run(env(), stdin);
    }

    private OnboardRun nonInteractive(String... args) {
        return run(env(), "", with(new String[] {"--non-interactive", "--work-repo", workRepo.toString()}, args));
    }

    private OnboardRun run(Map<String, String> env, String stdin, String... args) {
        return OnboardRun.run(new OnboardCommand(), env, tmp.resolve("user-home"), stdin, args);
    }

    private static String[] with(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
