package gomikrobot.config;

import static gomikrobot.config.Kind.BOOL;
import static gomikrobot.config.Kind.DOUBLE;
import static gomikrobot.config.Kind.DURATION;
import static gomikrobot.config.Kind.INT;
import static gomikrobot.config.Kind.INT_MAP;
import static gomikrobot.config.Kind.LIST;
import static gomikrobot.config.Kind.OBJECT;
import static gomikrobot.config.Kind.PATH;
import static gomikrobot.config.Kind.STRING;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of every setting: file key, type, default, rule, legacy key and environment names, in one place.
 * Loading, the default file and the documentation of env names all derive from this list, so adding a setting
 * is one line here plus its record component.
 */
final class Settings {
    static final int DEFAULT_DASHBOARD_PORT = 18791;
    private static final String LEGACY = "agents.defaults.";

    /** In file order: {@link #defaultsDocument()} writes the sections in this order. */
    static final List<Setting> ALL = List.of(
            Setting.of("paths.workspace", PATH, "workspace").legacy(LEGACY + "workspace")
                    .env("MIKROBOT_AGENTS_WORKSPACE"),
            Setting.of("paths.workRepoPath", PATH, "~/GoMikroBot-Workspace").legacy(LEGACY + "workRepoPath")
                    .env("MIKROBOT_AGENTS_WORK_REPO_PATH"),
            Setting.of("paths.systemRepoPath", PATH, "").legacy(LEGACY + "systemRepoPath")
                    .env("MIKROBOT_AGENTS_SYSTEM_REPO_PATH"),

            Setting.of("model.name", STRING, "gpt-4o-mini").rule(new Rule.NonBlank()).legacy(LEGACY + "model")
                    .env("MIKROBOT_MODEL_MODEL", "MIKROBOT_AGENTS_MODEL"),
            Setting.of("model.maxTokens", INT, 8192L).rule(Rule.range(1, Integer.MAX_VALUE))
                    .legacy(LEGACY + "maxTokens").env("MIKROBOT_AGENTS_MAX_TOKENS"),
            Setting.of("model.temperature", DOUBLE, 0.7).rule(Rule.range(0, 2)).legacy(LEGACY + "temperature")
                    .env("MIKROBOT_AGENTS_TEMPERATURE"),
            Setting.of("model.maxToolIterations", INT, 20L).rule(Rule.range(1, 100))
                    .legacy(LEGACY + "maxToolIterations").env("MIKROBOT_AGENTS_MAX_TOOL_ITERATIONS"),
            Setting.of("model.maxConcurrentCalls", INT, 4L).rule(Rule.range(1, 64)),
            Setting.of("model.embeddingTimeout", DURATION, ModelConfig.DEFAULT_EMBEDDING_TIMEOUT.toNanos())
                    .rule(new Rule.Positive()),

            Setting.of("channels.whatsapp.enabled", BOOL, false)
                    .env("MIKROBOT_CHANNELS_WHATSAPP_WHATSAPP_ENABLED"),
            Setting.of("channels.whatsapp.allowFrom", LIST, List.of())
                    .env("MIKROBOT_CHANNELS_WHATSAPP_ALLOWFROM"),
            Setting.of("channels.whatsapp.dropUnauthorized", BOOL, false)
                    .env("MIKROBOT_CHANNELS_WHATSAPP_WHATSAPP_DROP_UNAUTHORIZED"),
            Setting.of("channels.whatsapp.ignoreReactions", BOOL, false)
                    .env("MIKROBOT_CHANNELS_WHATSAPP_WHATSAPP_IGNORE_REACTIONS"),
            Setting.of("channels.whatsapp.maxMediaBytes", INT, WhatsAppConfig.DEFAULT_MAX_MEDIA_BYTES)
                    .rule(Rule.range(1, Integer.MAX_VALUE)),
            Setting.of("channels.whatsapp.voiceReplies", BOOL, false),
            Setting.of("channels.whatsapp.groups", STRING, "off").rule(new Rule.OneOf(List.of("off", "mention"))),

            Setting.of("channels.telegram.enabled", BOOL, false),
            Setting.of("channels.telegram.token", STRING, "").fallbackEnv("TELEGRAM_BOT_TOKEN"),
            Setting.of("channels.telegram.apiBase", STRING, TelegramConfig.DEFAULT_API_BASE).rule(new Rule.HttpUrl()),
            Setting.of("channels.telegram.allowFrom", LIST, List.of()),
            // Telegram ids have at most 52 significant bits
            Setting.of("channels.telegram.ownerId", INT, 0L).rule(Rule.range(0, 1L << 52)),
            Setting.of("channels.telegram.dropUnauthorized", BOOL, false),
            Setting.of("channels.telegram.groups", STRING, "off").rule(new Rule.OneOf(List.of("off", "mention"))),
            Setting.of("channels.telegram.maxMediaBytes", INT, TelegramConfig.DEFAULT_MAX_MEDIA_BYTES)
                    .rule(Rule.range(1, Integer.MAX_VALUE)),

            Setting.of("providers.openai.apiKey", STRING, "").env("MIKROBOT_OPENAI_API_KEY")
                    .fallbackEnv("OPENAI_API_KEY"),
            Setting.of("providers.openai.apiBase", STRING, "https://api.openai.com/v1").rule(new Rule.HttpUrl())
                    .env("MIKROBOT_OPENAI_API_BASE"),
            Setting.of("providers.openrouter.apiKey", STRING, "").env("MIKROBOT_OPENROUTER_API_KEY")
                    .fallbackEnv("OPENROUTER_API_KEY"),
            Setting.of("providers.openrouter.apiBase", STRING, "https://openrouter.ai/api/v1")
                    .rule(new Rule.HttpUrl()).env("MIKROBOT_OPENROUTER_API_BASE"),
            Setting.of("providers.openrouter.appUrl", STRING, ProviderConfig.PROJECT_URL).rule(new Rule.HttpUrl()),
            Setting.of("providers.openrouter.appName", STRING, ProviderConfig.PROJECT_NAME)
                    .rule(new Rule.HeaderText()),
            Setting.of("providers.localWhisper.enabled", BOOL, false),
            Setting.of("providers.localWhisper.model", STRING, "base").rule(new Rule.NonBlank()),
            Setting.of("providers.localWhisper.binaryPath", STRING, ""),

            Setting.of("gateway.host", STRING, "127.0.0.1").rule(new Rule.NonBlank()).env("MIKROBOT_HOST"),
            Setting.of("gateway.port", INT, 18790L).rule(Rule.range(1, 65535)).env("MIKROBOT_PORT"),
            // 0 means the default, as in the original, which wrote 0 for "unset"
            Setting.of("gateway.dashboardPort", INT, (long) DEFAULT_DASHBOARD_PORT).rule(Rule.range(0, 65535))
                    .env("MIKROBOT_DASHBOARD_PORT"),
            Setting.of("gateway.authToken", STRING, ""),
            Setting.of("gateway.corsOrigins", LIST, List.of()),
            Setting.of("gateway.openai.statelessHistory", BOOL, false),
            Setting.of("gateway.openai.showToolProgress", BOOL, false),

            // Go's time.Duration is serialised as nanoseconds; writing that keeps the file readable by the original
            Setting.of("tools.exec.timeout", DURATION, 60_000_000_000L).rule(new Rule.Positive()),
            Setting.of("tools.exec.restrictToWorkspace", BOOL, true)
                    .env("MIKROBOT_TOOLS_EXEC_EXEC_RESTRICT_WORKSPACE"),
            Setting.of("tools.exec.allowCommands", LIST, List.of()),
            Setting.of("tools.exec.sandbox", STRING, "auto").rule(new Rule.OneOf(List.of("auto", "bubblewrap", "off"))),
            Setting.of("tools.exec.network", BOOL, true),
            Setting.of("tools.web.allowPrivate", LIST, List.of()),
            Setting.of("tools.web.search.provider", STRING, "")
                    .rule(new Rule.BlankOr(new Rule.OneOf(WebSearchConfig.PROVIDERS))),
            Setting.of("tools.web.search.apiKey", STRING, ""),
            Setting.of("tools.web.search.baseUrl", STRING, "").rule(new Rule.BlankOr(new Rule.HttpUrl())),
            Setting.of("tools.web.search.maxResults", INT, 5L).rule(Rule.range(1, 20)),
            Setting.of("tools.mcpServers", OBJECT, Map.of()),
            Setting.of("tools.tiers", INT_MAP, Map.of()).rule(Rule.valuesInRange(0, PolicyConfig.MAX_TIER)),

            Setting.of("policy.maxAutoTier", INT, 2L).rule(Rule.range(0, PolicyConfig.MAX_TIER)),
            Setting.of("policy.externalMaxTier", INT, 0L).rule(Rule.range(0, PolicyConfig.MAX_TIER)),
            Setting.of("policy.allowedSenders", LIST, List.of()),
            Setting.of("policy.denyTools", LIST, List.of()),
            Setting.of("policy.maxApprovalTier", INT, (long) PolicyConfig.DEFAULT_MAX_APPROVAL_TIER)
                    .rule(Rule.range(0, PolicyConfig.MAX_TIER)),
            Setting.of("policy.approvalTimeout", DURATION, PolicyConfig.DEFAULT_APPROVAL_TIMEOUT.toNanos())
                    .rule(new Rule.Positive()),

            Setting.of("group.enabled", BOOL, false),
            Setting.of("group.groupName", STRING, ""),
            Setting.of("group.agentId", STRING, ""),
            Setting.of("group.kafkaBrokers", STRING, "localhost:9092"),
            Setting.of("group.consumerGroup", STRING, "").env("MIKROBOT_GROUP_KAFKA_CONSUMER_GROUP"),
            Setting.of("group.securityProtocol", STRING, "PLAINTEXT")
                    .rule(new Rule.OneOf(List.of("plaintext", "ssl", "sasl_plaintext", "sasl_ssl"))),
            Setting.of("group.saslMechanism", STRING, "PLAIN")
                    .rule(new Rule.OneOf(List.of("plain", "scram-sha-256", "scram-sha-512"))),
            Setting.of("group.saslUsername", STRING, ""),
            Setting.of("group.saslPassword", STRING, ""),
            Setting.of("group.truststorePath", PATH, ""),
            Setting.of("group.truststorePassword", STRING, ""),
            Setting.of("group.secret", STRING, ""),
            Setting.of("group.trustedMembers", LIST, List.of()),
            Setting.of("group.heartbeatInterval", DURATION, 10_000_000_000L).rule(new Rule.Positive()),
            Setting.of("group.taskTimeout", DURATION, 300_000_000_000L).rule(new Rule.Positive()),

            Setting.of("log.level", STRING, "info").rule(new Rule.OneOf(List.of("debug", "info", "warn", "error"))),
            Setting.of("log.json", BOOL, false),

            Setting.of("scheduler.catchUp", DURATION, "1h").rule(new Rule.AtLeast(Duration.ofMinutes(1), false)),
            Setting.of("scheduler.heartbeatInterval", DURATION, "30m")
                    .rule(new Rule.AtLeast(Duration.ofMinutes(1), true)),
            Setting.of("scheduler.heartbeatTo", STRING, "").rule(new Rule.Matches("|[a-z][a-z0-9_-]*:\\S+",
                    "CHANNEL:CHAT, e.g. whatsapp:4915112345678@s.whatsapp.net or webui:1")),
            Setting.of("scheduler.quietHours", STRING, "").rule(new Rule.Matches(
                    "|([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d", "HH:MM-HH:MM, e.g. 22:00-07:00")));

    private Settings() {
    }

    /** The nested document of all defaults, as {@code ensureFile} writes it; a fresh mutable map each call. */
    static Map<String, Object> defaultsDocument() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Setting s : ALL) {
            ConfigFile.set(root, s.key(), s.defaultValue());
        }
        return root;
    }
}
