package gomikrobot.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.observe.Log;
import gomikrobot.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkRepoTest {
    @TempDir
    Path tmp;

    private final WorkRepo workRepo = new WorkRepo(new Git(Duration.ofSeconds(20), Log.quiet()), Log.quiet());

    @Test
    void ensureCreatesFoldersAndAGitRepository() throws Exception {
        Path repo = tmp.resolve("a/b/GoMikroBot-Workspace");
        assertEquals(Optional.empty(), workRepo.ensure(repo, false));
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
        assertEquals(Optional.empty(), workRepo.ensure(repo, false));
        assertEquals("keep me\n", GitFixture.git(repo, "log", "-1", "--format=%s"));
    }

    @Test
    void aFolderWithContentThatIsNotARepositoryIsLeftUntouchedUnlessInitIsAsked() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(folder.resolve("holiday.jpg"), "jpeg");
        assertEquals(Optional.of(new RepoRefusal(RepoRefusal.Kind.NOT_A_REPOSITORY,
                folder + " is not empty and not a git repository")), workRepo.ensure(folder, false));
        try (Stream<Path> entries = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("holiday.jpg")), entries.toList(), "nothing may be created");
        }
        assertEquals(Optional.empty(), workRepo.ensure(folder, true));
        assertTrue(Files.isDirectory(folder.resolve(".git")));
    }

    @Test
    void anEmptyFolderBecomesARepository() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(Optional.empty(), workRepo.ensure(folder, false));
        assertTrue(Files.isDirectory(folder.resolve(".git")));
    }

    @Test
    void aFileInTheWayOrBelowIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "not a folder");
        assertEquals(RepoRefusal.Kind.CANNOT_CREATE, workRepo.ensure(file, true).orElseThrow().kind());
        RepoRefusal below = workRepo.ensure(file.resolve("repo"), false).orElseThrow();
        assertEquals(RepoRefusal.Kind.CANNOT_CREATE, below.kind());
        assertTrue(below.message().startsWith("cannot create " + file.resolve("repo")), below.message());
        assertFalse(Files.isDirectory(file));
    }
}
