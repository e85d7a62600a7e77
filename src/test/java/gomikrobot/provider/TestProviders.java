package gomikrobot.provider;

import gomikrobot.config.ProviderConfig;
import gomikrobot.observe.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.Set;

/** Builds providers the way production does, but with recorded sleeps, a seeded random and a captured log. */
final class TestProviders {
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(800);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final Log log = new Log(Log.Level.DEBUG, false, new PrintStream(logBytes, true, StandardCharsets.UTF_8),
            Clock.systemUTC(), Set.of());
    final RecordingSleeper sleeper = new RecordingSleeper();

    OpenAiCompatibleProvider provider(String apiBase, String key) {
        return provider(apiBase, key, 3, HttpClient.newHttpClient());
    }

    OpenAiCompatibleProvider provider(String apiBase, String key, int maxRetries, HttpClient http) {
        RetryPolicy retry = new RetryPolicy(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(20), sleeper,
                new Random(42));
        return new OpenAiCompatibleProvider(new ProviderConfig(key, apiBase), http, retry, SHORT_TIMEOUT, log);
    }

    String logText() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }
}
