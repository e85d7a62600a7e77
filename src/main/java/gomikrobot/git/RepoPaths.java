package gomikrobot.git;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the repository endpoints work, asked on every request so a change (POST /api/v1/workrepo, a new
 * {@code default_repo_search_path} setting) takes effect at once. Implementations return absolute paths with
 * {@code ~} already expanded, or empty when the path is not configured.
 */
public interface RepoPaths {
    /** The current work repo (setting {@code work_repo_path}, else config {@code paths.workRepoPath}). */
    Optional<Path> workRepo();

    /** The identity/system repo, fixed at gateway start ({@code bot_repo_path}, else {@code paths.systemRepoPath}). */
    Optional<Path> identityRepo();

    /** The folder {@code /api/v1/repo/search} lists (setting {@code default_repo_search_path}). */
    Optional<Path> searchRoot();
}
