package gomikrobot.gateway;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** The current work repo: read by the agent's tools and the repo routes, switched by {@code POST /api/v1/workrepo}. */
public final class WorkRepoHolder {
    private final AtomicReference<Path> current;

    public WorkRepoHolder(Path initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "work repo"));
    }

    public Path current() {
        return current.get();
    }

    public void set(Path path) {
        current.set(Objects.requireNonNull(path, "work repo"));
    }
}
