package gomikrobot.gateway;

import gomikrobot.observe.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * "Ensure work repo" (contract §4.4), run at gateway start, by {@code POST /api/v1/workrepo} and by
 * {@code POST /api/v1/repo/init}: the folder exists with its {@code requirements tasks docs memory}
 * sub-folders, and is a git repository if git can make it one. Only failing to create the folder is an
 * error; a missing git or a failed {@code git init} is a warning, so the gateway still starts without git.
 */
public final class WorkRepo {
    private static final String[] SUBFOLDERS = {"requirements", "tasks", "docs", "memory"};

    private final GitRunner git;
    private final Log log;

    public WorkRepo(GitRunner git, Log log) {
        this.git = git;
        this.log = log;
    }

    /**
     * @throws IllegalArgumentException when the path is empty
     * @throws IOException when the folder cannot be created
     */
    public void ensure(Path path) throws IOException {
        if (path == null || path.toString().isBlank()) {
            throw new IllegalArgumentException("work repo path is empty");
        }
        Files.createDirectories(path);
        for (String sub : SUBFOLDERS) {
            try {
                Files.createDirectories(path.resolve(sub));
            } catch (IOException e) {
                log.warn("cannot create work repo folder", "path", path.resolve(sub), "err", e);
            }
        }
        if (Files.exists(path.resolve(".git"))) {
            return;
        }
        if (git.run(path, "git", "init") instanceof GitRunner.Failed failed) {
            log.warn("work repo is not a git repository", "path", path, "err", failed.error());
        }
    }
}
