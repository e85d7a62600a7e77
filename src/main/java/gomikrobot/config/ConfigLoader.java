package gomikrobot.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@link Config} with precedence environment > {@code <home>/config.json} > defaults, where home is
 * {@code $GOMIKROBOT_HOME} or {@code ~/.gomikrobot}. The environment and the user's home are injected so tests
 * never see the real ones. {@link #load()} only reads; {@link #ensureFile()} is the one place that creates the
 * home and a default file. Every failure is a one-line {@link ConfigException}.
 */
public final class ConfigLoader {
    public static final String HOME_ENV = "GOMIKROBOT_HOME";

    private final Map<String, String> env;
    private final Path userHome;

    public ConfigLoader(Map<String, String> env, Path userHome) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.userHome = Objects.requireNonNull(userHome, "userHome").toAbsolutePath().normalize();
    }

    /** The real process environment and {@code user.home}: for {@code Main} only. */
    public static ConfigLoader forCurrentUser() {
        return new ConfigLoader(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** {@code $GOMIKROBOT_HOME} made absolute ({@code ~} expanded), else {@code <user home>/.gomikrobot}. */
    public Path home() {
        String override = env.get(HOME_ENV);
        if (override == null || override.isBlank()) {
            return userHome.resolve(".gomikrobot");
        }
        try {
            return ConfigAssembler.expand(Path.of(override.strip()), userHome, Path.of("").toAbsolutePath());
        } catch (InvalidPathException e) {
            throw new ConfigException("env " + HOME_ENV + ": not a valid path: " + e.getReason());
        }
    }

    /** A loader for {@code home} with this loader's environment, e.g. to read a running gateway's file again. */
    public ConfigLoader forHome(Path home) {
        Map<String, String> withHome = new java.util.HashMap<>(env);
        withHome.put(HOME_ENV, home.toString());
        return new ConfigLoader(withHome, userHome);
    }

    public Path configFile() {
        return home().resolve("config.json");
    }

    /** Reads defaults, then the file if it exists, then the environment; validates; creates nothing. */
    public Config load() {
        Path home = home();
        Path file = home.resolve("config.json");
        SettingValues values = SettingValues.defaults();
        if (Files.exists(file)) {
            FileLayer.apply(ConfigFile.readDocument(file), file, values);
        }
        EnvLayer.apply(env, values);
        return new ConfigAssembler(home, userHome).assemble(values);
    }

    /**
     * Creates the home (0700) and a config.json holding the defaults (0600) when the file is missing; an
     * existing file is left untouched. Returns the file's path.
     */
    public Path ensureFile() {
        Path file = configFile();
        if (!Files.exists(file)) {
            ConfigFile.write(file, Settings.defaultsDocument());
        }
        return file;
    }
}
