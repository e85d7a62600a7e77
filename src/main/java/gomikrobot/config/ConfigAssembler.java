package gomikrobot.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns validated {@link SettingValues} into the {@link Config} records: resolves paths ({@code ~} is the user's
 * home, relative paths are under the GoMikroBot home) and maps the dashboard port 0 to its default.
 */
final class ConfigAssembler {
    private final Path home;
    private final Path userHome;

    ConfigAssembler(Path home, Path userHome) {
        this.home = home;
        this.userHome = userHome;
    }

    Config assemble(SettingValues v) {
        v.validate();
        return new Config(home, paths(v), model(v), channels(v), providers(v), gateway(v), tools(v), policy(v), log(v),
                scheduler(v), group(v));
    }

    /** {@code ~} or {@code ~/x} means the user's home; any other relative path is taken against {@code base}. */
    static Path expand(Path p, Path userHome, Path base) {
        if (p.getNameCount() > 0 && !p.isAbsolute() && p.getName(0).toString().equals("~")) {
            Path rest = p.getNameCount() == 1 ? Path.of("") : p.subpath(1, p.getNameCount());
            return userHome.resolve(rest).normalize();
        }
        return base.resolve(p).toAbsolutePath().normalize();
    }

    private Path resolved(SettingValues v, String key) {
        Path p = v.path(key);
        return p == null ? null : expand(p, userHome, home);
    }

    private PathsConfig paths(SettingValues v) {
        return new PathsConfig(resolved(v, "paths.workspace"), resolved(v, "paths.workRepoPath"),
                resolved(v, "paths.systemRepoPath"));
    }

    private static ModelConfig model(SettingValues v) {
        return new ModelConfig(v.string("model.name").strip(), v.integer("model.maxTokens"),
                v.decimal("model.temperature"), v.integer("model.maxToolIterations"),
                v.integer("model.maxConcurrentCalls"), v.duration("model.embeddingTimeout"));
    }

    private static ChannelsConfig channels(SettingValues v) {
        return new ChannelsConfig(new WhatsAppConfig(v.bool("channels.whatsapp.enabled"),
                v.strings("channels.whatsapp.allowFrom"), v.bool("channels.whatsapp.dropUnauthorized"),
                v.bool("channels.whatsapp.ignoreReactions"),
                v.integer("channels.whatsapp.maxMediaBytes"),
                v.bool("channels.whatsapp.voiceReplies"),
                Groups.parse(v.string("channels.whatsapp.groups"))), telegram(v));
    }

    private static TelegramConfig telegram(SettingValues v) {
        return new TelegramConfig(v.bool("channels.telegram.enabled"), v.string("channels.telegram.token"),
                v.string("channels.telegram.apiBase"), v.strings("channels.telegram.allowFrom"),
                v.wholeNumber("channels.telegram.ownerId"), v.bool("channels.telegram.dropUnauthorized"),
                Groups.parse(v.string("channels.telegram.groups")), v.integer("channels.telegram.maxMediaBytes"));
    }

    private static ProvidersConfig providers(SettingValues v) {
        return new ProvidersConfig(
                new ProviderConfig(v.string("providers.openai.apiKey"), v.string("providers.openai.apiBase")),
                new ProviderConfig(v.string("providers.openrouter.apiKey"), v.string("providers.openrouter.apiBase"),
                        v.string("providers.openrouter.appUrl").strip(), v.string("providers.openrouter.appName")),
                new LocalWhisperConfig(v.bool("providers.localWhisper.enabled"),
                        v.string("providers.localWhisper.model"), v.string("providers.localWhisper.binaryPath")));
    }

    private static GatewayConfig gateway(SettingValues v) {
        int dashboardPort = v.integer("gateway.dashboardPort");
        return new GatewayConfig(v.string("gateway.host").strip(), v.integer("gateway.port"),
                dashboardPort == 0 ? Settings.DEFAULT_DASHBOARD_PORT : dashboardPort,
                v.string("gateway.authToken"), v.strings("gateway.corsOrigins"),
                new OpenAiApiConfig(v.bool("gateway.openai.statelessHistory"),
                        v.bool("gateway.openai.showToolProgress")));
    }

    private static ToolsConfig tools(SettingValues v) {
        return new ToolsConfig(new ExecToolConfig(v.duration("tools.exec.timeout"),
                v.bool("tools.exec.restrictToWorkspace"), v.strings("tools.exec.allowCommands"),
                ExecToolConfig.SandboxMode.valueOf(v.string("tools.exec.sandbox").toUpperCase(Locale.ROOT)),
                v.bool("tools.exec.network")),
                new WebToolsConfig(v.strings("tools.web.allowPrivate"), checked(v, "tools.web.search.provider",
                        () -> new WebSearchConfig(WebSearchConfig.parse(v.string("tools.web.search.provider")),
                                v.string("tools.web.search.apiKey"), v.string("tools.web.search.baseUrl"),
                                v.integer("tools.web.search.maxResults")))),
                checked(v, "tools.mcpServers", () -> McpServerConfig.parseAll(v.object("tools.mcpServers"))),
                v.integers("tools.tiers"));
    }

    /** A section's record checks its own fields; its error is reported like a rule's, with where it came from. */
    private static <T> T checked(SettingValues v, String key, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(v.origin(key) + ": " + e.getMessage());
        }
    }

    private static PolicyConfig policy(SettingValues v) {
        return new PolicyConfig(v.integer("policy.maxAutoTier"), v.integer("policy.externalMaxTier"),
                v.strings("policy.allowedSenders"), v.strings("policy.denyTools"), v.integer("policy.maxApprovalTier"),
                v.duration("policy.approvalTimeout"));
    }

    private static SchedulerConfig scheduler(SettingValues v) {
        return new SchedulerConfig(v.duration("scheduler.catchUp"), v.duration("scheduler.heartbeatInterval"),
                v.string("scheduler.heartbeatTo").strip(), v.string("scheduler.quietHours").strip());
    }

    private GroupConfig group(SettingValues v) {
        GroupConfig group = new GroupConfig(v.bool("group.enabled"), v.string("group.groupName").strip(),
                v.string("group.agentId").strip(), v.string("group.kafkaBrokers").strip(),
                v.string("group.consumerGroup").strip(), v.string("group.securityProtocol"),
                v.string("group.saslMechanism"), v.string("group.saslUsername"), v.string("group.saslPassword"),
                resolved(v, "group.truststorePath"), v.string("group.truststorePassword"), v.string("group.secret"),
                v.strings("group.trustedMembers"), v.duration("group.heartbeatInterval"),
                v.duration("group.taskTimeout"));
        group.problem().ifPresent(problem -> {
            throw new ConfigException(problem);
        });
        return group;
    }

    private static LogConfig log(SettingValues v) {
        return new LogConfig(v.string("log.level").toLowerCase(Locale.ROOT), v.bool("log.json"));
    }
}
