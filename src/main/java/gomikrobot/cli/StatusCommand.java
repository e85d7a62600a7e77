package gomikrobot.cli;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.config.ProviderConfig;
import gomikrobot.config.TelegramConfig;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Log;
import gomikrobot.process.ProcessRunner;
import gomikrobot.process.Sandbox;
import gomikrobot.timeline.Database;
import java.util.List;
import java.util.Map;

/**
 * {@code gomikrobot status}: version, where things live, whether a provider is configured (key redacted), the
 * ports, the channels (Telegram: token redacted, and whether a running gateway polls, as which bot), whether
 * {@code exec} is sandboxed on this machine (bubblewrap really run once), the database's row counts. Creates the
 * home, the config file and the database when missing, so a first {@code status} leaves a usable installation
 * behind.
 */
final class StatusCommand implements Command {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "Show version, paths, provider and database state";
    }

    @Override
    public String usage() {
        return "usage: gomikrobot status";
    }

    @Override
    public ExitCode run(List<String> args, CliContext ctx) {
        Args.none(args).atMostPositional(0);
        ConfigLoader loader = new ConfigLoader(ctx.env(), ctx.userHome());
        loader.ensureFile();
        Config config = loader.load();
        var out = ctx.out();
        out.println("gomikrobot " + Version.current() + " (Java " + Runtime.version() + ")");
        out.println("home:        " + config.home());
        out.println("config:      " + config.configFile());
        out.println("workspace:   " + config.paths().workspace());
        out.println("work repo:   " + config.paths().workRepoPath());
        out.println("model:       " + config.model().name());
        ProviderConfig provider = config.providers().active();
        out.println("provider:    " + providerState(provider) + " (" + provider.apiBase() + ", key "
                + provider.redactedKey() + ")");
        out.println("gateway:     api http://" + config.gateway().host() + ":" + config.gateway().port()
                + ", dashboard http://" + config.gateway().host() + ":" + config.gateway().dashboardPort());
        out.println("whatsapp:    " + (config.channels().whatsapp().enabled() ? "enabled" : "disabled"));
        out.println("telegram:    " + telegram(config));
        Sandbox sandbox = Sandbox.choose(config.tools().exec(), ctx.env(), new ProcessRunner(), config.cacheDir());
        out.println("exec:        " + sandbox.summary());
        McpStatusLines.print(config, out);
        try (Database db = Database.open(config.databaseFile(), Log.quiet())) {
            out.println("database:    " + config.databaseFile());
            for (Map.Entry<String, Long> e : db.rowCounts().entrySet()) {
                out.printf("  %-17s %d rows%n", e.getKey(), e.getValue());
            }
        }
        return ExitCode.OK;
    }

    /** Whether it is on, the token redacted, and what a running gateway says about polling. */
    private static String telegram(Config config) {
        TelegramConfig tg = config.channels().telegram();
        if (!tg.enabled()) {
            return "disabled";
        }
        return "enabled (token " + tg.redactedToken() + ", " + tg.apiBase()
                + (tg.hasOwner() ? ", owner " + tg.ownerId() : ", no owner") + "); "
                + RunningGateway.channel(config.gateway(), "telegram").map(StatusCommand::polling)
                .orElse("no gateway answers on port " + config.gateway().dashboardPort() + ", so nothing polls");
    }

    private static String polling(JsonObject state) {
        String account = state.string("account", "");
        String detail = state.string("detail", "");
        return switch (state.string("state", "")) {
            case "connected" -> "polling as " + account;
            case "" -> "the gateway does not run it";
            default -> state.string("state", "") + (account.isEmpty() ? "" : " (" + account + ")")
                    + (detail.isEmpty() ? "" : ": " + detail);
        };
    }

    /** A hosted API needs a key; a local server (Ollama, vLLM) is configured by its address alone. */
    private static String providerState(ProviderConfig provider) {
        if (provider.hasKey()) {
            return "configured";
        }
        return provider.needsKey() ? "not configured" : "configured (local server, no key needed)";
    }
}
