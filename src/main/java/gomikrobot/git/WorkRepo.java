package gomikrobot.git;

import gomikrobot.observe.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * "Ensure work repo" (contract §4.4), run at gateway start, by {@code POST /api/v1/workrepo} and by
 * {@code POST /api/v1/repo/init}: the folder exists with its {@code requirements tasks docs memory}
 * sub-folders, and is a git repository if git can make it one. A folder that exists with content and is not a
 * git repository is left exactly as it is unless {@code init} asks to make it one, so pointing the work repo at
 * the wrong folder never scaffolds into it. A missing git or a failed {@code git init} is a warning, so the
 * gateway still starts without git.
 */
public final class WorkRepo {
    private static final String[] SUBFOLDERS = {"requirements", "tasks", "docs", "memory"};

    private final Git git;
    private final Log log;

    public WorkRepo(Git git, Log log) {
        this.git = git;
        this.log = log;
    }

    /** Creates and prepares {@code path}, or says why not (then nothing was created). */
    public Optional<RepoRefusal> ensure(Path path, boolean init) {
        Optional<RepoRefusal> unusable = unusable(path, init);
        if (unusable.isPresent()) {
            return unusable;
        }
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            return refusal(RepoRefusal.Kind.CANNOT_CREATE, "cannot create " + path + ": " + e.getMessage());
        }
        for (String sub : SUBFOLDERS) {
            try {
                Files.createDirectories(path.resolve(sub));
            } catch (IOException e) {
                log.warn("cannot create work repo folder", "path", path.resolve(sub), "err", e);
            }
        }
        if (!isRepository(path)) {
            GitResult created = git.git(path, "init");
            if (!(created instanceof GitResult.Done)) {
                log.warn("work repo is not a git repository", "path", path, "err", created.text());
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code path} cannot be used as a repository folder as it stands: a file is in the way, or it has content
     * and is not a git repository (unless {@code init} asks to make it one). A missing or empty folder is fine.
     */
    static Optional<RepoRefusal> unusable(Path path, boolean init) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            return refusal(RepoRefusal.Kind.CANNOT_CREATE, path + " is a file, not a folder");
        }
        if (Files.isDirectory(path) && !isRepository(path) && !isEmpty(path) && !init) {
            return refusal(RepoRefusal.Kind.NOT_A_REPOSITORY, path + " is not empty and not a git repository");
        }
        return Optional.empty();
    }

    /** A {@code .git} entry: a folder, or the file a worktree or submodule has. */
    private static boolean isRepository(Path folder) {
        return Files.exists(folder.resolve(".git"));
    }

    /** No entries; a folder that cannot be listed counts as not empty, so nothing is written into it. */
    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<RepoRefusal> refusal(RepoRefusal.Kind kind, String message) {
        return Optional.of(new RepoRefusal(kind, message));
    }
}
