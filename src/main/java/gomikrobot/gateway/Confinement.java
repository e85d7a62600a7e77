package gomikrobot.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps user-supplied paths inside a root. A path is inside when, after {@code ..} is resolved lexically, it
 * lies under the root's real path, and when the real path of it (or, if it does not exist yet, of its nearest
 * existing ancestor) still does — so neither {@code ../} nor a symlink can lead out.
 */
final class Confinement {
    private Confinement() {
    }

    /**
     * The path {@code relative} names under {@code root} (symlinks left in place, so callers see the name the
     * user gave), or empty when it would leave the root. Absolute paths and malformed names are outside.
     *
     * @throws IOException when the root itself cannot be resolved (missing, unreadable)
     */
    static Optional<Path> resolve(Path root, String relative) throws IOException {
        Path realRoot = root.toRealPath();
        Path candidate;
        try {
            candidate = realRoot.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!candidate.startsWith(realRoot)) {
            return Optional.empty();
        }
        Path existing = candidate;
        while (!Files.exists(existing)) { // follows links: a dangling link is judged by its parent
            existing = existing.getParent();
        }
        return existing.toRealPath().startsWith(realRoot) ? Optional.of(candidate) : Optional.empty();
    }

    /** Like {@link #resolve}, relative to the root's real path with "/" separators ("" for the root itself). */
    static Optional<String> relativeName(Path root, String relative) throws IOException {
        Path realRoot = root.toRealPath();
        return resolve(realRoot, relative).map(p -> realRoot.relativize(p).toString().replace('\\', '/'));
    }
}
