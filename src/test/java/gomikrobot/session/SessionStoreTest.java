package gomikrobot.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.observe.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
    @TempDir
    Path dir;

    private final Log log = new Log(Log.Level.WARN, false, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), Set.of());

    @Test
    void historySurvivesARestart() {
        new SessionStore(dir, 50, 8, log).appendExchange("cli:default", "hello", "hi there", Instant.EPOCH);
        List<Turn> turns = new SessionStore(dir, 50, 8, log).history("cli:default");
        assertEquals(List.of("user:hello", "assistant:hi there"),
                turns.stream().map(t -> t.role() + ":" + t.content()).toList());
    }

    @Test
    void keepsOnlyTheLastTurnsInMemory() {
        SessionStore store = new SessionStore(dir, 4, 8, log);
        for (int i = 0; i < 5; i++) {
            store.appendExchange("s", "q" + i, "a" + i, Instant.EPOCH);
        }
        assertEquals(List.of("q3", "a3", "q4", "a4"), store.history("s").stream().map(Turn::content).toList());
        assertEquals(List.of("q3", "a3", "q4", "a4"),
                new SessionStore(dir, 4, 8, log).history("s").stream().map(Turn::content).toList());
    }

    @Test
    void sessionKeysCannotEscapeTheDirectory() throws Exception {
        SessionStore store = new SessionStore(dir, 50, 8, log);
        store.appendExchange("../../etc/passwd", "x", "y", Instant.EPOCH);
        try (var files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size());
            assertEquals(dir, all.getFirst().getParent());
            assertTrue(all.getFirst().getFileName().toString().startsWith("%2E."), all.toString());
        }
    }

    @Test
    void sessionIdsThatDifferOnlyInPunctuationKeepSeparateHistories() {
        SessionStore store = new SessionStore(dir, 50, 8, log);
        store.appendExchange("local:a:b", "colon", "c", Instant.EPOCH);
        store.appendExchange("local:a_b", "underscore", "u", Instant.EPOCH);
        store.appendExchange("local:a/b", "slash", "s", Instant.EPOCH);
        SessionStore reopened = new SessionStore(dir, 50, 8, log);
        assertEquals(List.of("colon", "c"), reopened.history("local:a:b").stream().map(Turn::content).toList());
        assertEquals(List.of("underscore", "u"), reopened.history("local:a_b").stream().map(Turn::content).toList());
        assertEquals(List.of("slash", "s"), reopened.history("local:a/b").stream().map(Turn::content).toList());
    }

    @Test
    void fileNamesAreReadableForCommonKeysAndBoundedForHugeOnes() {
        assertEquals("cli_default", SessionFiles.nameOf("cli:default"));
        assertEquals("whatsapp_4917%40s.whatsapp.net", SessionFiles.nameOf("whatsapp:4917@s.whatsapp.net"));
        String huge = "local:" + "x".repeat(300);
        assertTrue(SessionFiles.nameOf(huge).length() < 200, SessionFiles.nameOf(huge));
        assertTrue(!SessionFiles.nameOf(huge).equals(SessionFiles.nameOf(huge + "y")));
    }

    @Test
    void aHistoryWrittenUnderTheOldNamingIsTakenOverWhenUnambiguous() throws Exception {
        String line = "{\"role\":\"user\",\"content\":\"from before\",\"timestamp\":\"1970-01-01T00:00:00Z\"}\n";
        Files.writeString(dir.resolve("whatsapp_4917_s.whatsapp.net.jsonl"), line);
        Files.writeString(dir.resolve("local_a_b.jsonl"), line); // local:a:b or local:a_b? Not taken over.
        SessionStore store = new SessionStore(dir, 50, 8, log);
        assertEquals(List.of("from before"),
                store.history("whatsapp:4917@s.whatsapp.net").stream().map(Turn::content).toList());
        assertTrue(Files.exists(dir.resolve("whatsapp_4917%40s.whatsapp.net.jsonl")), "renamed to its new name");
        assertEquals(List.of(), store.history("local:a_b"));
    }

    @Test
    void onlyTheMostRecentlyUsedSessionsStayInMemoryAndTheOthersReloadWhole() {
        SessionStore store = new SessionStore(dir, 50, 2, log);
        for (int i = 0; i < 5; i++) {
            store.appendExchange("cli:s" + i, "q" + i, "a" + i, Instant.EPOCH);
        }
        assertEquals(2, store.cachedSessions());
        assertEquals(List.of("q0", "a0"), store.history("cli:s0").stream().map(Turn::content).toList());
        store.appendExchange("cli:s0", "again", "yes", Instant.EPOCH);
        assertEquals(List.of("q0", "a0", "again", "yes"), store.history("cli:s0").stream().map(Turn::content).toList());
        assertEquals(2, store.cachedSessions());
    }

    @Test
    void damagedLinesAreSkippedNotFatal() throws Exception {
        Files.writeString(dir.resolve("s.jsonl"), "{not json\n{\"role\":\"user\",\"content\":\"ok\",\"timestamp\":\"1970-01-01T00:00:00Z\"}\n",
                StandardCharsets.UTF_8);
        assertEquals(List.of("ok"), new SessionStore(dir, 50, 8, log).history("s").stream().map(Turn::content).toList());
    }

    @Test
    void concurrentExchangesAreAllKeptWhole() throws Exception {
        SessionStore store = new SessionStore(dir, 1000, 8, log);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                futures.add(pool.submit(() -> store.appendExchange("s", "q" + n, "a" + n, Instant.EPOCH)));
            }
            for (var f : futures) {
                f.get();
            }
        }
        List<Turn> reloaded = new SessionStore(dir, 1000, 8, log).history("s");
        assertEquals(200, reloaded.size());
        for (int i = 0; i < reloaded.size(); i += 2) {
            assertEquals("user", reloaded.get(i).role());
            assertEquals(reloaded.get(i).content().substring(1), reloaded.get(i + 1).content().substring(1));
        }
    }
}
