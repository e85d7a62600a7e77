package gomikrobot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gomikrobot.testing.SwapScene;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Both shapes of {@link Folder}: what each does when a folder it entered is swapped for a link afterwards. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating symlinks needs extra privileges there")
class FolderTest {
    @TempDir
    Path tmp;
    private SwapScene scene;

    @BeforeEach
    void setUp() throws IOException {
        scene = SwapScene.create(tmp, "root");
    }

    private static String read(Folder folder, String name) throws IOException {
        SeekableByteChannel channel = folder.open(name, Set.of(StandardOpenOption.READ));
        try (InputStream in = Channels.newInputStream(channel)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void linuxGetsTheDescriptorBasedFolder() throws IOException {
        try (Folder folder = Folder.openRoot(scene.root())) {
            assertInstanceOf(Folder.Secure.class, folder);
        }
    }

    @Test
    void anOpenSecureFolderKeepsReadingTheFolderItOpened() throws IOException {
        try (Folder top = Folder.openRoot(scene.root())) {
            assumeTrue(top instanceof Folder.Secure, "this JDK offers no secure directory stream here");
            try (Folder dir = top.folder("dir")) {
                scene.swapDirForLink();
                assertEquals("inside", read(dir, "f.txt")); // the descriptor follows the folder, not the name
                assertEquals(List.of("f.txt"), dir.names());
            }
        }
    }

    @Test
    void aCheckedFolderNoticesTheSwapAndRefuses() throws IOException {
        Folder.Checked top = Folder.Checked.root(scene.root());
        Folder dir = top.folder("dir");
        assertEquals("inside", read(dir, "f.txt"));
        scene.swapDirForLink();
        assertThrows(PathChangedException.class, () -> read(dir, "f.txt"));
        assertThrows(PathChangedException.class, dir::names);
    }

    @Test
    void bothShapesRenameAtomicallyOverAName() throws IOException {
        for (Folder top : List.of(Folder.openRoot(scene.root()), Folder.Checked.root(scene.root()))) {
            try (top; Folder dir = top.folder("dir")) {
                Files.writeString(scene.root().resolve("dir/tmp"), "new");
                dir.rename("tmp", "f.txt");
                assertEquals("new", Files.readString(scene.root().resolve("dir/f.txt")));
                assertEquals(List.of("f.txt"), dir.names());
            }
        }
    }
}
