package gomikrobot.memory;

import gomikrobot.config.ProviderConfig;
import gomikrobot.observe.Log;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.provider.RetryPolicy;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.timeline.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A temp-file database, the fake OpenAI server on loopback and a captured log; builds {@link Memory} instances
 * over them the way the gateway does. Close it to stop everything.
 */
final class MemoryFixture implements AutoCloseable {
    static final String KEY = "sk-test-memory-key-0001";

    final FakeOpenAiServer llm = FakeOpenAiServer.start();
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final Log log = new Log(Log.Level.DEBUG, false, new PrintStream(logged, true, StandardCharsets.UTF_8),
            Clock.systemUTC(), Set.of(KEY));
    final Database db;

    MemoryFixture(Path dir) {
        this.db = Database.open(dir.resolve("timeline.db"), log);
    }

    /** Memory with an embedder: the fake server, with a key it accepts. */
    Memory memory() {
        return new Memory(db, provider(KEY), null, Clock.systemUTC(), log);
    }

    /** Memory whose provider has no key, against a server that wants one: every embeddings call gets 401. */
    Memory memoryWithoutKey() {
        llm.expectKey(KEY);
        return new Memory(db, provider(""), null, Clock.systemUTC(), log);
    }

    OpenAiCompatibleProvider provider(String key) {
        RetryPolicy noSleep = new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(5), d -> { },
                new SplittableRandom(1));
        return new OpenAiCompatibleProvider(new ProviderConfig(key, llm.baseUrl()), HttpClient.newHttpClient(),
                noSleep, Duration.ofSeconds(5), log);
    }

    int embeddingCalls() {
        return llm.count("/embeddings");
    }

    String logText() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        db.close();
        llm.close();
    }
}
