package gomikrobot.timeline;

import gomikrobot.observe.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Keeps sqlite-jdbc's native library extracted once under the home instead of unpacking it from the jar into a
 * fresh temp file on every start (about 130 ms of every start-up on the development machine). The library is
 * re-extracted when its size differs from the one in the jar; anything unusual (no such resource, a read-only
 * home, the properties already set by the user) leaves sqlite-jdbc to its own way.
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
        URL resource = SQLiteJDBCLoader.class.getResource(
                "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name);
        if (resource == null) {
            return;
        }
        Path dir = cacheDir.resolve("sqlite-" + SQLiteJDBCLoader.getVersion() + "-"
                + OSInfo.getNativeLibFolderPathForCurrentOS().replace('/', '-'));
        Path library = dir.resolve(name);
        try {
            URLConnection connection = resource.openConnection();
            long expected = connection.getContentLengthLong();
            if (!Files.isRegularFile(library) || Files.size(library) != expected) {
                Files.createDirectories(dir);
                Path partial = Files.createTempFile(dir, name, ".part");
                try (InputStream in = connection.getInputStream()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            // process-wide settings by nature: sqlite-jdbc reads them once, when it loads its library
            System.setProperty(PATH_PROPERTY, dir.toString());
            System.setProperty(NAME_PROPERTY, name);
        } catch (IOException | RuntimeException e) {
            log.debug("SQLite native library not cached; sqlite-jdbc extracts it itself", "error", e);
        }
    }
}
