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
import java.util.function.Supplier;

/**
 * Builds providers the way production does, but with recorded sleeps, a seeded random and a captured log; over
 * the JDK's client unless made by {@link #classic()}.
 */
final class TestProviders {
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(800);
    static final Duration PATIENT_TIMEOUT = Duration.ofSeconds(10);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final Log log = new Log(Log.Level.DEBUG, false, new PrintStream(logBytes, true, StandardCharsets.UTF_8),
            Clock.systemUTC(), Set.of());
    final RecordingSleeper sleeper = new RecordingSleeper();
    private final Supplier<Wire> wires;

    TestProviders() {
        this(() -> Wire.of(HttpClient.newHttpClient()));
    }

    private TestProviders(Supplier<Wire> wires) {
        this.wires = wires;
    }

    /** Providers over the classic wire, which production uses for plain {@code http://} servers. */
    static TestProviders classic() {
        return new TestProviders(() -> new ClassicWire(Duration.ofSeconds(5)));
    }

    OpenAiCompatibleProvider provider(String apiBase, String key) {
        return provider(apiBase, key, 3);
    }

    /**
     * As {@link #provider(String, String)} with a 10 s timeout: for tests that script answers, since a first
     * request in a fresh JVM on a busy machine can outlast the short one and retry into the next scripted answer.
     */
    OpenAiCompatibleProvider patient(String apiBase, String key) {
        return provider(new ProviderConfig(key, apiBase), 3, wires.get(), PATIENT_TIMEOUT);
    }

    OpenAiCompatibleProvider provider(String apiBase, String key, int maxRetries) {
        return provider(new ProviderConfig(key, apiBase), maxRetries);
    }

    OpenAiCompatibleProvider provider(ProviderConfig config, int maxRetries) {
        return provider(config, maxRetries, wires.get());
    }

    OpenAiCompatibleProvider provider(ProviderConfig config, int maxRetries, Wire wire) {
        return provider(config, maxRetries, wire, SHORT_TIMEOUT);
    }

    OpenAiCompatibleProvider provider(ProviderConfig config, int maxRetries, Wire wire, Duration timeout) {
        RetryPolicy retry = new RetryPolicy(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(20), sleeper,
                new Random(42));
        return new OpenAiCompatibleProvider(config, wire, retry, timeout, log);
    }

    String logText() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }
}
