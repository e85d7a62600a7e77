package gomikrobot.cli;

import gomikrobot.config.ProviderConfig;
import gomikrobot.observe.Log;
import gomikrobot.provider.ModelsCheck;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.provider.ProviderException;
import gomikrobot.provider.RetryPolicy;
import gomikrobot.provider.Sleeper;
import gomikrobot.provider.Wire;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks an API key with one cheap request ({@code GET /models}, no retries) and puts the verdict in one plain
 * sentence. Without a key (a local server) the sentence says the server was reached without one, never that a
 * key works. The key never appears in that sentence, even when the server echoes it back in its error.
 */
final class OnboardKeyCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** {@code works} is true only when the server accepted the key. */
    record Verdict(boolean works, String message) {
    }

    private OnboardKeyCheck() {
    }

    /** Asks {@code endpoint} for its models with its key; {@code model} is the one the agent will use. */
    static Verdict check(ProviderConfig endpoint, String model, CliContext ctx) {
        String key = endpoint.hasKey() ? endpoint.apiKey().strip() : "";
        Log log = new Log(Log.Level.ERROR, false, ctx.err(), ctx.clock(), Set.of(key));
        Wire wire = Wire.forBase(endpoint.apiBase(), TIMEOUT);
        RetryPolicy once = new RetryPolicy(0, Duration.ofMillis(500), Duration.ofMillis(500), Sleeper.system(),
                ThreadLocalRandom.current());
        var provider = new OpenAiCompatibleProvider(endpoint, wire, once, TIMEOUT, log);
        String where = endpoint.apiBase();
        try {
            return switch (provider.checkKey()) {
                case ModelsCheck.Accepted ok -> new Verdict(true, (key.isEmpty()
                        ? "Reached " + where + " without an API key: it answered the model list without one"
                        : "The API key works: " + where + " accepted it") + modelNote(ok, model));
                case ModelsCheck.Rejected no -> new Verdict(false, (key.isEmpty()
                        ? where + " needs an API key: it refused the request without one"
                        : "The API key does NOT work: " + where + " rejected it")
                        + " (HTTP " + no.status() + ": " + hide(no.reason(), key) + ")");
            };
        } catch (ProviderException e) {
            return new Verdict(false, "Could not check the API key: " + hide(Failures.describe(e), key));
        }
    }

    private static String modelNote(ModelsCheck.Accepted ok, String model) {
        if (ok.modelIds().isEmpty() || ok.modelIds().contains(model)) {
            return ".";
        }
        return ", but it does not list the model \"" + model + "\"; check the name (it offers "
                + ok.modelIds().size() + " models).";
    }

    private static String hide(String text, String key) {
        return key.length() < 4 ? text : text.replace(key, "[REDACTED]");
    }
}
