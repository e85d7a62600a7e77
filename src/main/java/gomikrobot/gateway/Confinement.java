package gomikrobot.gateway;

import gomikrobot.tools.ConfinedPath;
import gomikrobot.tools.NotAFileException;
import gomikrobot.tools.PathChangedException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The gateway's side of {@link ConfinedPath}: a user's path under a root becomes a confined path, or empty when
 * it would leave the root; a backslash is 400, never taken for a separator.
 */
final class Confinement {
    private Confinement() {
    }

    /**
     * The path {@code relative} names under {@code root}, or empty when it would leave the root.
     *
     * @throws IOException when the root itself cannot be resolved (missing, unreadable)
     */
    static Optional<ConfinedPath> resolve(Path root, String relative) throws IOException {
        try {
            return ConfinedPath.resolve(root, relative);
        } catch (IllegalArgumentException backslash) {
            throw HttpError.badRequest(backslash.getMessage());
        }
    }

    /** Like {@link #resolve}, relative to the root's real path with "/" separators ("" for the root itself). */
    static Optional<String> relativeName(Path root, String relative) throws IOException {
        return resolve(root, relative).map(ConfinedPath::relativeName);
    }

    /**
     * An open regular file under {@code root}, or empty for anything else — outside, missing, a folder, or
     * changed while being opened — so that routes serving files reveal nothing about what is not there.
     */
    static Optional<ConfinedPath.Opened> openFile(Path root, String relative) throws IOException {
        Optional<ConfinedPath> path = resolve(root, relative);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(path.get().openFile());
        } catch (NoSuchFileException | NotDirectoryException | NotAFileException | PathChangedException e) {
            return Optional.empty();
        }
    }
}
