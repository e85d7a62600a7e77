package gomikrobot.git;

import gomikrobot.config.Config;
import gomikrobot.observe.Log;
import gomikrobot.timeline.SettingsStore;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repositories of the gateway (API-CONTRACT §4.1): the work repo (setting {@code work_repo_path}, else
 * config; switched live by {@code POST /api/v1/workrepo}), the identity repo (setting {@code bot_repo_path},
 * seeded from config {@code paths.systemRepoPath}, fixed at start) and the search root (setting
 * {@code default_repo_search_path}, read on every call). {@code ~} means the user's home. A path setting that
 * breaks the {@link RepoLocations} rule (written before the rule existed, or by another program) is ignored
 * at start with a warning, unless it is the configured path itself.
 */
public final class Repos implements RepoPaths {
    public static final String WORK_REPO_SETTING = "work_repo_path";
    public static final String IDENTITY_REPO_SETTING = "bot_repo_path";

    private final WorkRepoHolder workRepo;
    private final Optional<Path> identityRepo;
    private final SettingsStore settings;
    private final Path userHome;
    private final RepoLocations locations;

    private Repos(WorkRepoHolder workRepo, Optional<Path> identityRepo, SettingsStore settings, Path userHome,
                  RepoLocations locations) {
        this.workRepo = workRepo;
        this.identityRepo = identityRepo;
        this.settings = settings;
        this.userHome = userHome;
        this.locations = locations;
    }

    /** Resolves the paths as the gateway starts, and seeds the settings the dashboard shows (§8). */
    public static Repos atStart(Config config, SettingsStore settings, Path userHome, Log log) {
        settings.seedIfBlank("default_work_repo_path", userHome.resolve("GoMikroBot-Workspace").toString());
        settings.seedIfBlank("default_repo_search_path", userHome.toString());
        settings.seedIfBlank("kafscale_lfs_proxy_url", "http://localhost:8080");
        Optional<Path> systemRepo = Optional.ofNullable(config.paths().systemRepoPath());
        systemRepo.ifPresent(path -> settings.seedIfBlank(IDENTITY_REPO_SETTING, path.toString()));
        RepoLocations locations = new RepoLocations(userHome, config.home(), () -> searchRoot(settings, userHome));
        Path work = allowedSetting(settings, WORK_REPO_SETTING, Optional.of(config.paths().workRepoPath()),
                userHome, locations, log).orElse(config.paths().workRepoPath());
        Optional<Path> identity = allowedSetting(settings, IDENTITY_REPO_SETTING, systemRepo, userHome, locations, log)
                .or(() -> systemRepo);
        return new Repos(new WorkRepoHolder(work), identity, settings, userHome, locations);
    }

    /** The live work repo, shared with the agent's tools and {@code POST /api/v1/workrepo}. */
    public WorkRepoHolder workRepoHolder() {
        return workRepo;
    }

    /** Where a repository may be put; the same rule for both repos and both ways of setting them. */
    public RepoLocations locations() {
        return locations;
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
        return searchRoot(settings, userHome);
    }

    /**
     * Why {@code value} may not be stored under {@code key}: for the two repo settings, a folder the location
     * rule refuses or one with content that is not a git repository (storing a setting creates nothing). Other
     * keys and a blank value (back to the configured path) are always fine.
     */
    public Optional<String> settingProblem(String key, String value) {
        if (!key.equals(WORK_REPO_SETTING) && !key.equals(IDENTITY_REPO_SETTING) || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Path> path = expand(value.strip(), userHome);
        if (path.isEmpty()) {
            return Optional.of("invalid path: " + value.strip());
        }
        return locations.check(path.get()).or(() -> WorkRepo.unusable(path.get(), false)).map(RepoRefusal::message);
    }

    private static Optional<Path> searchRoot(SettingsStore settings, Path userHome) {
        return setting(settings, "default_repo_search_path", userHome);
    }

    /** The setting's path if it is set and allowed (or is the configured path); a refused one is logged. */
    private static Optional<Path> allowedSetting(SettingsStore settings, String key, Optional<Path> configured,
                                                 Path userHome, RepoLocations locations, Log log) {
        return setting(settings, key, userHome).filter(path -> {
            Optional<RepoRefusal> refusal = configured.filter(path::equals).isPresent() ? Optional.empty()
                    : locations.check(path);
            refusal.ifPresent(r -> log.warn("Ignoring a repository setting outside the allowed folders", "key", key,
                    "reason", r.message()));
            return refusal.isEmpty();
        });
    }

    private static Optional<Path> setting(SettingsStore settings, String key, Path userHome) {
        return settings.get(key).map(String::strip).filter(s -> !s.isEmpty()).flatMap(s -> expand(s, userHome));
    }

    /** {@code ~} and {@code ~/x} under the home, a relative path against it; empty for a malformed path. */
    static Optional<Path> expand(String path, Path userHome) {
        try {
            if (path.equals("~")) {
                return Optional.of(userHome);
            }
            if (path.startsWith("~/")) {
                return Optional.of(userHome.resolve(path.substring(2)).normalize());
            }
            return Optional.of(userHome.resolve(path).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
