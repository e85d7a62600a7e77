package gomikrobot.git;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The live work repo: one shared, switchable path. {@code POST /api/v1/workrepo} sets it; the repository
 * endpoints and the agent's tools read it on every use, so a switch takes effect at once for all of them.
 */
public final class WorkRepoHolder implements Supplier<Path> {
    private final AtomicReference<Path> current;

    /** @param initial absolute path (setting {@code work_repo_path}, else config {@code paths.workRepoPath}) */
    public WorkRepoHolder(Path initial) {
        this.current = new AtomicReference<>(requireAbsolute(initial));
    }

    public Path current() {
        return current.get();
    }

    /** The same as {@link #current()}, for consumers that take a {@code Supplier<Path>}. */
    @Override
    public Path get() {
        return current();
    }

    public void set(Path path) {
        current.set(requireAbsolute(path));
    }

    private static Path requireAbsolute(Path path) {
        Objects.requireNonNull(path, "work repo path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("work repo path must be absolute: " + path);
        }
        return path;
    }
}
