package gomikrobot.gateway;

import gomikrobot.config.Config;
import gomikrobot.timeline.SettingsStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repositories of the gateway (API-CONTRACT §4.1): the work repo (setting {@code work_repo_path}, else
 * config; switched live by {@code POST /api/v1/workrepo}), the identity repo (setting {@code bot_repo_path},
 * else config, fixed at start) and the search root (setting {@code default_repo_search_path}, read on every
 * call). {@code ~} means the user's home.
 */
public final class Repos implements RepoPaths {
    private final WorkRepoHolder workRepo;
    private final Optional<Path> identityRepo;
    private final SettingsStore settings;
    private final Path userHome;

    private Repos(WorkRepoHolder workRepo, Optional<Path> identityRepo, SettingsStore settings, Path userHome) {
        this.workRepo = workRepo;
        this.identityRepo = identityRepo;
        this.settings = settings;
        this.userHome = userHome;
    }

    /** Resolves the paths as the gateway starts, and seeds the settings the dashboard shows (§8). */
    public static Repos atStart(Config config, SettingsStore settings, Path userHome) {
        settings.seedIfBlank("default_work_repo_path", userHome.resolve("GoMikroBot-Workspace").toString());
        settings.seedIfBlank("default_repo_search_path", userHome.toString());
        settings.seedIfBlank("kafscale_lfs_proxy_url", "http://localhost:8080");
        Path work = setting(settings, "work_repo_path", userHome).orElse(config.paths().workRepoPath());
        Optional<Path> identity = setting(settings, "bot_repo_path", userHome)
                .or(() -> Optional.ofNullable(config.paths().systemRepoPath()));
        return new Repos(new WorkRepoHolder(work), identity, settings, userHome);
    }

    /** The live work repo, shared with the agent's tools and {@code POST /api/v1/workrepo}. */
    public WorkRepoHolder workRepoHolder() {
        return workRepo;
    }

    @Override
    public Optional<Path> workRepo() {
        return Optional.of(workRepo.current());
    }

    @Override
    public Optional<Path> identityRepo() {
        return identityRepo;
    }

    @Override
    public Optional<Path> searchRoot() {
        return setting(settings, "default_repo_search_path", userHome);
    }

    private static Optional<Path> setting(SettingsStore settings, String key, Path userHome) {
        return settings.get(key).map(String::strip).filter(s -> !s.isEmpty()).map(s -> expand(s, userHome));
    }

    static Path expand(String path, Path userHome) {
        if (path.equals("~")) {
            return userHome;
        }
        if (path.startsWith("~/")) {
            return userHome.resolve(path.substring(2)).normalize();
        }
        return userHome.resolve(path).toAbsolutePath().normalize();
    }
}
