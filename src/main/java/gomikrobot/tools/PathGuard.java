package gomikrobot.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Confines file access to a set of root directories. A user path is taken relative to a base directory,
 * {@code ~} and {@code ~/x} expand to the injected home, and the result is turned into a real path (every
 * symlink resolved; for a path that does not exist yet, the nearest existing ancestor's real path plus the
 * rest, normalised) before it is checked with {@link #requireWithinRoots}. Callers then open the returned
 * path, never the user's string, so {@code ..} and symlinks cannot lead outside. Immutable.
 */
public final class PathGuard {
    private final List<Path> roots;
    private final Path home;

    /** Roots that do not exist yet are kept by the real path of their nearest existing ancestor. */
    public PathGuard(List<Path> roots, Path home) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("path guard needs at least one root");
        }
        this.roots = roots.stream().map(r -> realOrNearest(r.toAbsolutePath().normalize())).toList();
        this.home = home;
    }

    /** The real path of an existing file or directory inside the roots. */
    public Path resolveExisting(String userPath, Path base) {
        Path real = requireWithinRoots(realOrNearest(absolute(userPath, base)), userPath);
        if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) { // checked after confinement: no oracle for outside
            throw new IllegalArgumentException("no such file or directory: " + userPath);
        }
        return real;
    }

    /** Where a file may be written: its real path, or for a new file its real parent plus its name, inside the roots. */
    public Path resolveForWrite(String userPath, Path base) {
        return requireWithinRoots(realOrNearest(absolute(userPath, base)), userPath);
    }

    private Path requireWithinRoots(Path real, String userPath) {
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return real;
            }
        }
        throw new IllegalArgumentException("path outside allowed roots: " + userPath);
    }

    private Path absolute(String userPath, Path base) {
        if (userPath == null || userPath.isBlank()) {
            throw new IllegalArgumentException("path is empty");
        }
        try {
            if (userPath.equals("~")) {
                return home.toAbsolutePath();
            }
            if (userPath.startsWith("~/")) {
                return home.toAbsolutePath().resolve(userPath.substring(2));
            }
            if (userPath.startsWith("~")) {
                throw new IllegalArgumentException("~user paths are not supported: " + userPath);
            }
            return base.toAbsolutePath().resolve(userPath);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid path: " + userPath);
        }
    }

    /**
     * The real path when the file exists; otherwise the real path of the nearest ancestor that exists with the
     * missing rest appended and normalised (so {@code new/../../x} cannot climb out). A dangling symlink is
     * refused: where it points is not ours to decide.
     */
    private static Path realOrNearest(Path absolute) {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute.normalize();
        }
        try {
            Path real = existing.toRealPath();
            return real.resolve(existing.relativize(absolute)).normalize();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("dangling symlink: " + existing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + absolute, e);
        }
    }
}
