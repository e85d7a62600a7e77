package gomikrobot.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
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

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "gomikrobot.cli.Main", "status").redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MIKROBOT_") || k.endsWith("_API_KEY"));
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("GOMIKROBOT_HOME", home.toString());
        pb.environment().put("HOME", tmp.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        p.destroyForcibly();
        String output = Files.readString(tmp.resolve("out"));
        assertTrue(exited, "status did not finish: " + output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(Files.isRegularFile(home.resolve("timeline.db")), output);

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
