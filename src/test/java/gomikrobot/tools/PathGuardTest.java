package gomikrobot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGuardTest {
    @TempDir
    Path tmp;
    private Path workspace;
    private Path repo;
    private Path outside;
    private PathGuard guard;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        repo = Files.createDirectories(tmp.resolve("repo"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(workspace.resolve("notes.txt"), "notes");
        guard = new PathGuard(List.of(workspace, repo), tmp.resolve("home"));
    }

    private void assertOutside(String path, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals("path outside allowed roots: " + path, e.getMessage());
    }

    @Test
    void resolvesRelativePathsAgainstTheBase() throws IOException {
        assertEquals(workspace.resolve("notes.txt").toRealPath(), guard.resolveExisting("notes.txt", workspace));
    }

    @Test
    void allowsTheWorkRepoAsSecondRoot() throws IOException {
        Files.writeString(repo.resolve("README.md"), "hi");
        assertEquals(repo.resolve("README.md").toRealPath(),
                guard.resolveExisting(repo.resolve("README.md").toString(), workspace));
    }

    @Test
    void refusesDotDotEscape() {
        assertOutside("../outside/secret.txt", () -> guard.resolveExisting("../outside/secret.txt", workspace));
        assertOutside("../../etc/passwd", () -> guard.locate("../../etc/passwd", workspace).path());
    }

    @Test
    void refusesAbsolutePathOutside() {
        assertOutside("/etc/passwd", () -> guard.resolveExisting("/etc/passwd", workspace));
    }

    @Test
    void refusesSymlinkInsideWorkspacePointingOut() throws IOException {
        Files.createSymbolicLink(workspace.resolve("link"), outside);
        assertOutside("link/secret.txt", () -> guard.resolveExisting("link/secret.txt", workspace));
        assertOutside("link/new.txt", () -> guard.locate("link/new.txt", workspace).path());
    }

    @Test
    void refusesDanglingSymlinkForWrite() throws IOException {
        Files.createSymbolicLink(workspace.resolve("dangling"), outside.resolve("not-yet.txt"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> guard.locate("dangling", workspace).path());
        assertEquals(true, e.getMessage().startsWith("dangling symlink: "));
    }

    @Test
    void refusesHomePathWhenHomeIsOutsideTheRoots() {
        assertOutside("~/x", () -> guard.locate("~/x", workspace).path());
        assertOutside("~", () -> guard.locate("~", workspace).path());
    }

    @Test
    void expandsHomeWhenHomeIsARoot() throws IOException {
        PathGuard homeIsWorkspace = new PathGuard(List.of(workspace), workspace);
        assertEquals(workspace.toRealPath().resolve("notes.txt"), homeIsWorkspace.resolveExisting("~/notes.txt", tmp));
    }

    @Test
    void newFileBelowMissingDirectoriesResolvesInsideWorkspace() throws IOException {
        assertEquals(workspace.toRealPath().resolve("a/b/c.txt"), guard.locate("a/b/c.txt", workspace).path());
    }

    @Test
    void dotDotThroughMissingDirectoriesCannotClimbOut() {
        assertOutside("new/../../outside/x", () -> guard.locate("new/../../outside/x", workspace).path());
    }

    @Test
    void reportsMissingFileOnlyInsideTheRoots() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> guard.resolveExisting("missing.txt", workspace));
        assertEquals("no such file or directory: missing.txt", e.getMessage());
        assertOutside("/definitely/missing", () -> guard.resolveExisting("/definitely/missing", workspace));
    }

    @Test
    void refusesEmptyAndOtherUsersHomePaths() {
        assertThrows(IllegalArgumentException.class, () -> guard.resolveExisting("", workspace));
        assertThrows(IllegalArgumentException.class, () -> guard.resolveExisting("~root/x", workspace));
        assertThrows(IllegalArgumentException.class, () -> guard.resolveExisting("a\0b", workspace));
    }
}
