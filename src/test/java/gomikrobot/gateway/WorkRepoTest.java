package gomikrobot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.observe.Log;
import gomikrobot.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkRepoTest {
    @TempDir
    Path tmp;

    private final GitRunner git = new GitRunner(Duration.ofSeconds(20), Log.quiet());
    private final WorkRepo workRepo = new WorkRepo(git, Log.quiet());

    @Test
    void ensureCreatesFoldersAndAGitRepository() throws Exception {
        Path repo = tmp.resolve("a/b/GoMikroBot-Workspace");
        workRepo.ensure(repo);
        for (String sub : new String[] {"requirements", "tasks", "docs", "memory", ".git"}) {
            assertTrue(Files.isDirectory(repo.resolve(sub)), sub);
        }
        assertEquals("true\n", GitFixture.git(repo, "rev-parse", "--is-inside-work-tree"));
    }

    @Test
    void ensureLeavesAnExistingRepositoryAlone() throws Exception {
        Path repo = GitFixture.init(Files.createDirectories(tmp.resolve("repo")));
        Files.writeString(repo.resolve("f.txt"), "x");
        GitFixture.commitAll(repo, "keep me");
        workRepo.ensure(repo);
        assertEquals("keep me\n", GitFixture.git(repo, "log", "-1", "--format=%s"));
    }

    @Test
    void emptyPathIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> workRepo.ensure(Path.of("")));
        assertEquals("work repo path is empty", e.getMessage());
    }

    @Test
    void uncreatableFolderIsAnError() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "not a folder");
        assertThrows(java.io.IOException.class, () -> workRepo.ensure(file.resolve("repo")));
    }
}
