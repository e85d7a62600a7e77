package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.observe.Log;
import gomikrobot.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRunnerTest {
    @TempDir
    Path dir;

    private final GitRunner runner = new GitRunner(Duration.ofSeconds(20), Log.quiet());

    @Test
    void successReturnsRawCombinedOutput() throws Exception {
        GitFixture.init(dir);
        GitRunner.Outcome outcome = runner.run(dir, "git", "status", "-sb");
        assertTrue(assertInstanceOf(GitRunner.Succeeded.class, outcome).output().startsWith("## "));
    }

    @Test
    void failureUsesTheContractsErrorString() {
        GitRunner.Failed failed = assertInstanceOf(GitRunner.Failed.class, runner.run(dir, "git", "status", "-sb"));
        assertTrue(failed.error().startsWith("git status -sb failed: fatal: not a git repository"), failed.error());
        assertFalse(failed.error().endsWith("\n"));
    }

    @Test
    void missingProgramOrFolderIsAFailureNotAnException() {
        GitRunner.Failed noProgram = assertInstanceOf(GitRunner.Failed.class,
                runner.run(dir, "no-such-program-gomikrobot", "x"));
        assertTrue(noProgram.error().startsWith("no-such-program-gomikrobot x failed: cannot run"), noProgram.error());
        GitRunner.Failed noFolder = assertInstanceOf(GitRunner.Failed.class,
                runner.run(dir.resolve("missing"), "git", "status"));
        assertTrue(noFolder.error().startsWith("git status failed: "), noFolder.error());
    }

    @Test
    void slowCommandIsKilledAtTheTimeout() {
        GitRunner quick = new GitRunner(Duration.ofMillis(300), Log.quiet());
        long start = System.nanoTime();
        GitRunner.Failed failed = assertInstanceOf(GitRunner.Failed.class, quick.run(dir, "sleep", "30"));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "must not wait for the command");
        assertEquals("sleep 30 failed: timed out after 300 ms", failed.error());
    }

    @Test
    void secretsAreRemovedFromTheChildEnvironmentButGhCredentialsKept() {
        Map<String, String> env = new HashMap<>(Map.of(
                "PATH", "/usr/bin", "HOME", "/home/u", "OPENAI_API_KEY", "sk-1", "MIKROBOT_GATEWAY_AUTH_TOKEN", "t",
                "DB_PASSWORD", "p", "client_secret", "s", "GH_TOKEN", "gh", "GITHUB_TOKEN", "ghp",
                "SSH_AUTH_SOCK", "/tmp/agent", "GIT_DIR", "/elsewhere/.git"));
        GitRunner.scrub(env);
        assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/home/u", "GH_TOKEN", "gh", "GITHUB_TOKEN", "ghp",
                "SSH_AUTH_SOCK", "/tmp/agent", "GIT_TERMINAL_PROMPT", "0", "GH_PROMPT_DISABLED", "1"), env);
    }

    @Test
    void childSeesTheScrubbedEnvironment() throws Exception {
        GitRunner.Outcome outcome = runner.run(dir, "env");
        String output = assertInstanceOf(GitRunner.Succeeded.class, outcome).output();
        assertTrue(output.contains("GIT_TERMINAL_PROMPT=0"), output);
        for (String name : System.getenv().keySet()) {
            if (GitRunner.isSecretName(name)) {
                assertFalse(output.contains(name + "="), name + " leaked to the child");
            }
        }
    }

    @Test
    void hugeOutputIsCapped() throws Exception {
        Path big = Files.writeString(dir.resolve("big.txt"), "y".repeat(GitRunner.MAX_OUTPUT_BYTES + 1000));
        String output = assertInstanceOf(GitRunner.Succeeded.class, runner.run(dir, "cat", big.toString())).output();
        assertEquals(GitRunner.MAX_OUTPUT_BYTES + "\n... (output truncated)".length(), output.length());
    }

    @Test
    void timeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new GitRunner(Duration.ZERO, Log.quiet()));
    }
}
