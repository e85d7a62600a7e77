package gomikrobot.config;

import java.nio.file.Path;

/**
 * The whole configuration, one record per section of {@code config.json}. Built by {@link ConfigLoader} with
 * precedence environment > file > defaults; immutable once built. {@code home} is {@code ~/.gomikrobot} or
 * {@code $GOMIKROBOT_HOME}; every path in here is absolute with {@code ~} already expanded.
 */
public record Config(
        Path home,
        PathsConfig paths,
        ModelConfig model,
        ChannelsConfig channels,
        ProvidersConfig providers,
        GatewayConfig gateway,
        ToolsConfig tools,
        PolicyConfig policy,
        LogConfig log,
        SchedulerConfig scheduler,
        GroupConfig group) {

    public Path configFile() {
        return home.resolve("config.json");
    }

    public Path databaseFile() {
        return home.resolve("timeline.db");
    }

    /** Files kept only to start faster (the SQLite library, the sandbox note, the launcher's java): safe to delete. */
    public Path cacheDir() {
        return home.resolve("cache");
    }

    public Path whatsappDir() {
        return home.resolve("whatsapp");
    }

    /** This configuration with other HTTP server settings (a command-line override for one run). */
    public Config withGateway(GatewayConfig other) {
        return new Config(home, paths, model, channels, providers, other, tools, policy, log, scheduler,
                group);
    }
}
