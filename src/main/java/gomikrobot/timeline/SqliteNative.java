package gomikrobot.timeline;

import gomikrobot.files.AtomicFile;
import gomikrobot.observe.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Keeps sqlite-jdbc's native library extracted once under the home instead of unpacking it from the jar into a
 * fresh temp file on every start (about 130 ms of every start-up on the development machine). The library is
 * re-extracted when its size differs from the one in the jar; anything unusual (no such resource, a read-only
 * home, the properties already set by the user) leaves sqlite-jdbc to its own way.
 *
 * <p>Which of the jar's libraries fits is decided here without starting a process: sqlite-jdbc's own detection
 * ({@code OSInfo}) runs {@code uname -o} on Linux each time it is asked, only to tell Termux on Android apart.
 * {@link #platformFolder} asks the same questions of files instead: a musl C library among the mapped files, an
 * Android runtime or system library. Only a 32-bit ARM JVM still has {@code OSInfo} run {@code uname -m} for
 * its architecture, unless the system property {@code org.sqlite.osinfo.architecture} names it.
 */
final class SqliteNative {
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNative() {
    }

    /** Points sqlite-jdbc at the cached copy in {@code cacheDir}, extracting it first when needed. */
    static void useCacheIn(Path cacheDir, Log log) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return; // the user chose a library; respect it
        }
        String name = System.mapLibraryName("sqlitejdbc");
        String folder = platformFolder();
        URL resource = SQLiteJDBCLoader.class.getResource("/org/sqlite/native/" + folder + "/" + name);
        if (resource == null) {
            return;
        }
        Path dir = cacheDir.resolve("sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + folder.replace('/', '-'));
        Path library = dir.resolve(name);
        try {
            URLConnection connection = resource.openConnection();
            long expected = connection.getContentLengthLong();
            if (!Files.isRegularFile(library) || Files.size(library) != expected) {
                Files.createDirectories(dir);
                AtomicFile.replace(library, out -> {
                    try (InputStream in = connection.getInputStream()) {
                        in.transferTo(out);
                    }
                });
            }
            // process-wide settings by nature: sqlite-jdbc reads them once, when it loads its library
            System.setProperty(PATH_PROPERTY, dir.toString());
            System.setProperty(NAME_PROPERTY, name);
        } catch (IOException | RuntimeException e) {
            log.debug("SQLite native library not cached; sqlite-jdbc extracts it itself", "error", e);
        }
    }

    /** sqlite-jdbc's folder for this platform, such as {@code Linux/x86_64} or {@code Linux-Musl/aarch64}. */
    static String platformFolder() {
        if (!System.getProperty("os.name", "").contains("Linux")) {
            return OSInfo.getNativeLibFolderPathForCurrentOS(); // macOS, Windows: from system properties alone
        }
        String linux = isMusl() ? "Linux-Musl" : isAndroid() ? "Linux-Android" : "Linux";
        return linux + "/" + OSInfo.getArchName(); // starts uname -m only on a 32-bit ARM JVM
    }

    // ---- private helpers ----

    /** A musl libc is mapped into this process (Alpine and other musl systems). */
    private static boolean isMusl() {
        try {
            return Files.readString(Path.of("/proc/self/maps")).contains("musl");
        } catch (IOException | RuntimeException e) {
            try (var lines = Files.lines(Path.of("/etc/os-release"))) { // no /proc: ask the distribution
                return lines.anyMatch(line -> line.startsWith("ID") && line.contains("alpine"));
            } catch (IOException | RuntimeException notThere) {
                return false;
            }
        }
    }

    /** An Android runtime, or an Android system underneath (Termux). */
    private static boolean isAndroid() {
        return OSInfo.isAndroidRuntime() || Files.exists(Path.of("/system/lib/libGLESv1_CM.so"))
                || Files.exists(Path.of("/system/lib64/libGLESv1_CM.so"));
    }
}
