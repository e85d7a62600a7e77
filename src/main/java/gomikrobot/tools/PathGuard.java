package gomikrobot.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Confines the file tools to a set of root directories. A user path is taken relative to a base directory,
 * {@code ~} and {@code ~/x} expand to the injected home, a backslash is refused (never taken for a separator),
 * and the result is turned into a real path (every symlink resolved; for a path that does not exist yet, the
 * nearest existing ancestor's real path plus the rest, normalised) that must lie inside a root. The answer is
 * a {@link ConfinedPath}, which opens exactly what was checked, so neither {@code ..} nor a symlink, not even
 * one swapped in after the check, can lead outside. Immutable.
 */
public final class PathGuard {
    private final List<Path> roots;
    private final Path home;

    /** Roots that do not exist yet are kept by the real path of their nearest existing ancestor. */
    public PathGuard(List<Path> roots, Path home) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("path guard needs at least one root");
        }
        this.roots = roots.stream().map(r -> real(r.toAbsolutePath().normalize(), r.toString())).toList();
        this.home = home;
    }

    /** The real path of an existing file or directory inside the roots. */
    public Path resolveExisting(String userPath, Path base) {
        Path real = locate(userPath, base).path();
        if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) { // checked after confinement: no oracle for outside
            throw new IllegalArgumentException("no such file or directory: " + userPath);
        }
        return real;
    }

    /** Where {@code userPath} leads, checked to lie inside a root; it need not exist yet. */
    public ConfinedPath locate(String userPath, Path base) {
        Path real = real(absolute(userPath, base), userPath);
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return ConfinedPath.of(root, real);
            }
        }
        throw new IllegalArgumentException("path outside allowed roots: " + userPath);
    }

    private Path absolute(String userPath, Path base) {
        if (userPath == null || userPath.isBlank()) {
            throw new IllegalArgumentException("path is empty");
        }
        ConfinedPath.refuseBackslash(userPath);
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

    private static Path real(Path absolute, String userPath) {
        try {
            return ConfinedPath.realOrNearest(absolute)
                    .orElseThrow(() -> new IllegalArgumentException("dangling symlink: " + userPath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + absolute, e);
        }
    }
}
