package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.ProgramRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.OSInfo;

/** The SQLite native library is found and cached without sqlite-jdbc's {@code uname} calls. */
class SqliteNativeTest {
    @TempDir
    Path tmp;

    @Test
    void choosesTheSameLibraryFolderAsSqliteJdbc() {
        assertEquals(OSInfo.getNativeLibFolderPathForCurrentOS(), SqliteNative.platformFolder());
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "sqlite-jdbc runs uname only on Linux")
    void aFreshProcessOpensItsDatabaseWithoutStartingUname() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path called = tmp.resolve("uname-was-called");
        Path uname = bin.resolve("uname");
        Files.writeString(uname, "#!/bin/sh\necho \"$@\" >> '" + called + "'\nexec /bin/uname \"$@\"\n");
        Files.setPosixFilePermissions(uname, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = tmp.resolve("home");

        ProgramRun r = ProgramRun.run(tmp, List.of(), Map.of("PATH", bin + ":/usr/bin:/bin",
                "GOMIKROBOT_HOME", home.toString(), "HOME", tmp.toString()), "status");

        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(home.resolve("timeline.db")), r.out());
        assertFalse(Files.exists(called), () -> "uname was started: " + read(called));
        try (Stream<Path> cached = Files.walk(home.resolve("cache"))) {
            assertEquals(1, cached.filter(f -> f.getFileName().toString().equals(System.mapLibraryName("sqlitejdbc")))
                    .count(), "the library is cached once under the home");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
