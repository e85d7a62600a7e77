package gomikrobot.git;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTest {
    @TempDir
    Path tmp;
    private Path repo;
    private final Map<String, String> gateway = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "HOME", "/nonexistent-home", "OPENAI_API_KEY", "sk-never", "MIKROBOT_GATEWAY_AUTH_TOKEN", "gw-never",
            "GIT_DIR", "/elsewhere/.git", "GH_TOKEN", "ghp-granted", "SSH_AUTH_SOCK", "/run/agent.sock");
    private final Git git = new Git(Duration.ofSeconds(20), gateway, Log.quiet());

    @BeforeEach
    void setUp() throws Exception {
        repo = GitFixture.init(Files.createDirectories(tmp.resolve("repo")));
    }

    @Test
    void runsGitInTheFolderAndReturnsItsOutput() {
        GitResult.Done done = assertInstanceOf(GitResult.Done.class, git.git(repo, "status", "-sb"));
        assertTrue(done.output().startsWith("## "), done.output());
    }

    @Test
    void aRefusalCarriesTheCommandLineAndGitsOwnWords() {
        GitResult.Refused refused = assertInstanceOf(GitResult.Refused.class, git.git(repo, "log"));
        assertTrue(refused.error().startsWith("git log failed: fatal: "), refused.error());
        assertTrue(refused.error().contains("does not have any commits yet"), refused.error());
    }

    @Test
    void aMissingFolderIsARefusalAndAMissingProgramCannotRun() {
        GitResult missingFolder = git.git(tmp.resolve("gone"), "status");
        assertEquals(new GitResult.Refused("git status failed: the folder " + tmp.resolve("gone") + " does not exist"),
                missingFolder);
        Git noPath = new Git(Duration.ofSeconds(5), Map.of("PATH", tmp.toString()), Log.quiet());
        GitResult.CannotRun cannotRun = assertInstanceOf(GitResult.CannotRun.class, noPath.gh(repo, "auth", "status"));
        assertTrue(cannotRun.error().startsWith("gh auth status failed: cannot run gh: "), cannotRun.error());
    }

    @Test
    void aHangingCommandIsKilledAtTheTimeout() {
        Git quick = new Git(Duration.ofMillis(500), gateway, Log.quiet());
        GitResult result = quick.git(repo, "-c", "alias.slow=!echo waiting; sleep 30", "slow");
        GitResult.TimedOut timedOut = assertInstanceOf(GitResult.TimedOut.class, result);
        assertTrue(timedOut.error().contains("waiting"), timedOut.error());
        assertTrue(timedOut.error().endsWith("timed out after 500 ms"), timedOut.error());
    }

    @Test
    void theEnvironmentIsTheAllowlistPlusGitsGrantsAndNoPrompts() {
        String env = git.git(repo, "-c", "alias.env=!env", "env").text();
        List<String> names = env.lines().map(l -> l.substring(0, l.indexOf('='))).toList();
        assertTrue(names.containsAll(List.of("GH_TOKEN", "SSH_AUTH_SOCK", "GIT_TERMINAL_PROMPT", "GH_PROMPT_DISABLED")),
                names.toString());
        assertFalse(env.contains("sk-never") || env.contains("gw-never"), env);
        assertFalse(env.contains("/elsewhere/.git"), "GIT_DIR must not choose the repository: " + env);
    }

    @Test
    void outputIsCappedAndMarked() {
        String big = git.git(repo, "-c", "alias.big=!head -c 5000000 /dev/zero | tr '\\\\0' y", "big").text();
        assertEquals(Git.MAX_OUTPUT_BYTES + "\n... (output truncated)".length(), big.length());
    }

    @Test
    void timeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Git(Duration.ZERO, Log.quiet()));
    }
}
