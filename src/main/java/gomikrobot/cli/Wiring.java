package gomikrobot.cli;

import gomikrobot.config.Config;
import gomikrobot.config.ProviderConfig;
import gomikrobot.observe.Log;
import gomikrobot.provider.LazyProvider;
import gomikrobot.provider.OpenAiCompatibleProvider;
import java.util.HashSet;
import java.util.Set;

/** The pieces every long-running command builds the same way from the configuration. */
final class Wiring {
    private Wiring() {
    }

    /**
     * The log, on stderr, at the configured level or at least {@code floor} (null = the configured level), with
     * every configured secret scrubbed from every line.
     */
    static Log log(Config config, CliContext ctx, Log.Level floor) {
        Log.Level level = Log.parseLevel(config.log().level());
        if (floor != null && floor.compareTo(level) > 0) {
            level = floor;
        }
        Set<String> secrets = new HashSet<>();
        secrets.add(config.providers().openai().apiKey());
        secrets.add(config.providers().openrouter().apiKey());
        secrets.add(config.gateway().authToken());
        secrets.addAll(config.tools().secrets());
        secrets.add(config.channels().telegram().token());
        secrets.add(config.group().secret());
        secrets.add(config.group().saslPassword());
        secrets.add(config.group().truststorePassword());
        secrets.remove(null);
        return new Log(level, config.log().json(), ctx.err(), ctx.clock(), secrets);
    }

    /**
     * The configured provider. A hosted API without a key is refused here, with what to do, rather than on
     * the first message; a self-hosted OpenAI-compatible server (Ollama, vLLM) may need no key.
     */
    static LazyProvider provider(Config config, Log log) {
        ProviderConfig p = config.providers().active();
        if (!p.hasKey() && p.needsKey()) {
            throw new IllegalStateException("no API key configured for " + p.apiBase()
                    + ": set OPENAI_API_KEY or OPENROUTER_API_KEY, or run `gomikrobot onboard`");
        }
        return new LazyProvider(() -> OpenAiCompatibleProvider.create(p, log));
    }
}
