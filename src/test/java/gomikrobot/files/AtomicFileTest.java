package gomikrobot.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void writesANewFileAndReplacesAnOldOne() throws IOException {
        Path file = dir.resolve("note.txt");
        AtomicFile.replace(file, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        AtomicFile.replace(file, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));

        assertEquals("second", Files.readString(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTempFile() throws IOException {
        Path file = dir.resolve("note.txt");
        Files.writeString(file, "old");
        IOException failure = new IOException("disk full");

        IOException thrown = assertThrows(IOException.class, () -> AtomicFile.replace(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void theNewFileIsTheOwnersAloneUnlessAttributesSayOtherwise() throws IOException {
        Path own = dir.resolve("own");
        Path shared = dir.resolve("shared");
        AtomicFile.replace(own, out -> out.write(1));
        AtomicFile.replace(shared, out -> out.write(1),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(own)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
    }

    private List<Path> list() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
