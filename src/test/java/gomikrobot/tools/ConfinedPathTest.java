package gomikrobot.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.SwapScene;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating symlinks needs extra privileges there")
class ConfinedPathTest {
    @TempDir
    Path tmp;
    private SwapScene scene;
    private Path root;
    private Path outside;

    @BeforeEach
    void setUp() throws IOException {
        scene = SwapScene.create(tmp, "root");
        root = scene.root();
        outside = scene.outside();
    }

    private ConfinedPath at(String relative) throws IOException {
        return ConfinedPath.resolve(root, relative).orElseThrow();
    }

    @Test
    void pathsLeavingTheRootAreOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("nothing"));
        for (String path : List.of("..", "../outside/f.txt", "/etc/passwd", "out", "out/f.txt", "dir/../../x", "dangling")) {
            assertEquals(Optional.empty(), ConfinedPath.resolve(root, path), path);
        }
    }

    @Test
    void backslashesAreRefusedNotTranslated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfinedPath.resolve(root, "dir\\f.txt"));
        assertEquals("a backslash is not a path separator here; use /: dir\\f.txt", e.getMessage());
    }

    @Test
    void aLinkInsideTheRootResolvesToItsTarget() throws IOException {
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("dir"));
        ConfinedPath viaLink = at("alias/f.txt");
        assertEquals("dir/f.txt", viaLink.relativeName());
        assertArrayEquals("inside".getBytes(StandardCharsets.UTF_8), viaLink.readHead(100).bytes());
        assertEquals("", at("").relativeName());
    }

    @Test
    void readHeadSaysWhetherTheFileWasCut() throws IOException {
        ConfinedPath.Head whole = at("dir/f.txt").readHead(6);
        assertEquals(6, whole.size());
        assertFalse(whole.truncated());
        ConfinedPath.Head cut = at("dir/f.txt").readHead(2);
        assertArrayEquals("in".getBytes(StandardCharsets.UTF_8), cut.bytes());
        assertTrue(cut.truncated());
    }

    @Test
    void missingFoldersAndFilesAreTold() throws IOException {
        assertThrows(NoSuchFileException.class, () -> at("dir/missing.txt").openFile());
        assertThrows(NoSuchFileException.class, () -> at("nothing/here").list());
        assertTrue(assertThrows(NotAFileException.class, () -> at("dir").openFile()).isFolder());
        assertThrows(NotDirectoryException.class, () -> at("dir/f.txt").list());
        assertThrows(NotDirectoryException.class, () -> at("dir/f.txt/x").openFile());
    }

    @Test
    void aFolderSwappedForALinkAfterTheCheckIsNeverOpened() throws IOException {
        ConfinedPath file = at("dir/f.txt");
        ConfinedPath folder = at("dir");
        scene.swapDirForLink();
        assertThrows(PathChangedException.class, file::openFile);
        assertThrows(PathChangedException.class, folder::list);
        assertThrows(PathChangedException.class, () -> file.write("written".getBytes(StandardCharsets.UTF_8)));
        assertEquals(SwapScene.OUTSIDE, Files.readString(outside.resolve("f.txt")));
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(1, files.count(), "nothing was written outside");
        }
    }

    @Test
    void aLinkPlantedAtTheNameIsReplacedNotWrittenThrough() throws IOException {
        ConfinedPath fresh = at("dir/new.txt");
        Files.createSymbolicLink(root.resolve("dir/new.txt"), outside.resolve("f.txt"));
        fresh.write("mine".getBytes(StandardCharsets.UTF_8));
        assertEquals(SwapScene.OUTSIDE, Files.readString(outside.resolve("f.txt")));
        assertFalse(Files.isSymbolicLink(root.resolve("dir/new.txt")));
        assertEquals("mine", Files.readString(root.resolve("dir/new.txt")));
    }

    @Test
    void writeCreatesFoldersKeepsPermissionsAndLeavesNoTemporaryFile() throws IOException {
        at("a/b/c.txt").write("new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(root.resolve("a/b/c.txt")));
        Path script = root.resolve("dir/run.sh");
        Files.writeString(script, "echo 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        at("dir/run.sh").write("echo 2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("echo 2\n", Files.readString(script));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));
        try (Stream<Path> files = Files.list(root.resolve("dir"))) {
            assertEquals(List.of("f.txt", "run.sh"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(assertThrows(NotAFileException.class, () -> at("dir").write(new byte[0])).isFolder());
    }

    @Test
    void walkVisitsDepthFirstAndNeverEntersALink() throws IOException {
        Files.createSymbolicLink(root.resolve("dir/out"), outside);
        Files.createDirectories(root.resolve("dir/sub"));
        Files.writeString(root.resolve("dir/sub/g.txt"), "g");
        List<String> seen = new ArrayList<>();
        at("").walk((path, attrs) -> {
            seen.add(path);
            return true; // asked to enter everything: the link must still not be entered
        });
        assertEquals(List.of("dir", "dir/f.txt", "dir/out", "dir/sub", "dir/sub/g.txt"), seen);
        assertTrue(at("dir").list().stream().anyMatch(e -> e.name().equals("out") && e.attributes().isSymbolicLink()));
    }
}
