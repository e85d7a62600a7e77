package gomikrobot.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.FakeEmbeddings;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemoryTest {
    @TempDir
    Path dir;
    MemoryFixture fx;

    @BeforeEach
    void start() {
        fx = new MemoryFixture(dir);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void rememberThenRecallFindsIt() {
        Memory memory = fx.memory();
        memory.remember("The wifi password at the cabin is blue-otter-42", "cabin");
        memory.remember("Dentist appointment moved to Thursday", "");

        List<MemoryHit> hits = memory.recall("cabin wifi password", 5);

        assertEquals("The wifi password at the cabin is blue-otter-42", hits.getFirst().chunk().content());
        assertTrue(hits.getFirst().score() >= Memory.RAG_MIN_SCORE, "score " + hits.getFirst().score());
        assertTrue(memory.embeddingsAvailable());
    }

    @Test
    void rememberingTheSameTextTwiceUpdatesOneRowAndBumpsItsVersion() {
        Memory memory = fx.memory();
        Memory.Remembered first = memory.remember("Anna's birthday is 12 May", "family");
        Memory.Remembered second = memory.remember("Anna's birthday is 12 May", "family, dates");

        assertEquals(first.chunk().id(), second.chunk().id());
        assertEquals(MemoryChunk.idFor("user", "Anna's birthday is 12 May"), first.chunk().id());
        assertEquals(16, first.chunk().id().length());
        assertEquals(1, memory.chunkCount());
        assertEquals(List.of("2", "family, dates", "user"), row(first.chunk().id(), "version", "tags", "source"));
    }

    @Test
    void embeddingIsStoredAsLittleEndianFloat32WithTheServersDimension() {
        fx.llm.setEmbeddingDimension(12);
        Memory memory = fx.memory();
        String id = memory.remember("Parking spot is B17", "").chunk().id();

        byte[] blob = fx.db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT embedding FROM memory_chunks WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });

        assertEquals(12 * 4, blob.length);
        assertArrayEquals(FakeEmbeddings.vector("Parking spot is B17", 12), Vectors.fromBlob(blob));
        assertEquals(0, Float.compare(Vectors.fromBlob(blob)[0],
                Float.intBitsToFloat((blob[0] & 0xff) | (blob[1] & 0xff) << 8 | (blob[2] & 0xff) << 16 | blob[3] << 24)));
    }

    @Test
    void withoutAKeyMemoryFallsBackToKeywordSearchAfterOneTry() {
        Memory memory = fx.memoryWithoutKey();
        Memory.Remembered saved = memory.remember("Invoice INV-20931 was paid on 3 March", "billing");
        List<MemoryHit> hits = memory.recall("was invoice INV-20931 paid?", 5);
        memory.recall("invoice", 5);

        assertFalse(saved.embedded());
        assertFalse(memory.embeddingsAvailable());
        assertEquals(saved.chunk().id(), hits.getFirst().chunk().id());
        assertTrue(hits.getFirst().score() >= Memory.RAG_MIN_SCORE, "score " + hits.getFirst().score());
        assertEquals(1, fx.embeddingCalls(), "the refusal is remembered, not retried on every search");
        assertTrue(fx.logText().contains("Embeddings unavailable; memory uses keyword search only"), fx.logText());
        assertTrue(fx.logText().contains("model=text-embedding-3-small"), "the warning names the default model: "
                + fx.logText());
        assertFalse(fx.logText().contains(MemoryFixture.KEY));
    }

    @Test
    void withNoProviderAtAllMemoryIsKeywordOnly() {
        Memory memory = new Memory(fx.db, null, null, Clock.systemUTC(), fx.log);
        memory.remember("Grandma's soup needs two bay leaves", "");

        assertEquals("Grandma's soup needs two bay leaves", memory.recall("bay leaves soup", 3).getFirst().chunk().content());
        assertEquals(0, fx.embeddingCalls());
    }

    @Test
    void hybridFindsAnExactIdentifierThatVectorsAloneRankLow() {
        fx.llm.setEmbeddingDimension(256);
        Memory memory = fx.memory();
        String target = "Supplier reference QX7731 was confirmed by Lina in March, shipping via Rotterdam port";
        String query = "Who confirmed QX7731?";
        List<String> corpus = new ArrayList<>(List.of(target));
        // short notes sharing the query's ordinary words are nearer in vector space than the long target
        IntStream.range(0, 40).forEach(i -> corpus.add("Who confirmed table " + i));
        corpus.forEach(text -> memory.remember(text, ""));

        List<String> byVectorOnly = corpus.stream()
                .sorted(Comparator.comparingDouble((String text) -> -cosine(query, text, 4))).toList();
        assertTrue(byVectorOnly.indexOf(target) >= 5, "precondition: vectors alone rank the target low, at "
                + byVectorOnly.indexOf(target));

        assertEquals(target, memory.recall(query, 5).getFirst().chunk().content());
    }

    @Test
    void chunksOfAnotherDimensionAreSkippedNotFailed() {
        fx.llm.setEmbeddingDimension(8);
        Memory memory = fx.memory();
        memory.remember("The purple elephant lives in the garden", "");
        fx.llm.setEmbeddingDimension(16); // the embedding model changed
        memory.remember("The purple giraffe lives in the attic", "");

        List<MemoryHit> hits = memory.recall("purple giraffe attic", 5);

        assertEquals("The purple giraffe lives in the attic", hits.getFirst().chunk().content());
        assertEquals(1, memory.indexedVectors(), "only the chunk of the query's dimension is in the vector index");
        assertTrue(fx.logText().contains("skipped_other_dimension=1"), fx.logText());
    }

    @Test
    void relevantBlockListsHitsAtOrAboveThresholdAndIsEmptyWhenNothingScores() {
        fx.llm.setEmbeddingDimension(256);
        Memory memory = fx.memory();
        memory.remember("Jonas prefers green tea without sugar", "preferences");

        String block = memory.relevantTo("What tea does Jonas like?");

        assertTrue(block.contains("Jonas prefers green tea without sugar"), block);
        assertTrue(block.contains("(user, tags: preferences)"), block);
        assertEquals("", memory.relevantTo("Schedule the quarterly budget review"));
        assertEquals("", memory.relevantTo("   "));
    }

    @Test
    void rowsWrittenByAnotherProgramAreFoundByKeywordAndForgottenWhenDeleted() {
        Memory memory = new Memory(fx.db, null, null, Clock.systemUTC(), fx.log);
        fx.db.write(c -> c.createStatement().executeUpdate(
                "INSERT INTO memory_chunks (id, content, source) VALUES ('0123456789abcdef', 'Boiler serial KX-9921', 'user')"));

        assertEquals(1, memory.recall("KX-9921", 5).size());

        fx.db.write(c -> c.createStatement().executeUpdate("DELETE FROM memory_chunks WHERE id = '0123456789abcdef'"));
        assertEquals(List.of(), memory.recall("KX-9921", 5));
        long ftsRows = fx.db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM memory_chunks_fts")) {
                return rs.getLong(1);
            }
        });
        assertEquals(0, ftsRows, "the trigger removed the index row too");
    }

    @Test
    void keywordSyntaxInAQueryIsSearchedForNotInterpreted() {
        Memory memory = new Memory(fx.db, null, null, Clock.systemUTC(), fx.log);
        memory.remember("The NEAR clause: use \"quotes\" OR parentheses (carefully) * ^", "");

        List<MemoryHit> hits = memory.recall("NEAR(\"quotes\" OR chunk_id:abc) * ^ AND -", 5);

        assertEquals(1, hits.size());
    }

    @Test
    void aMemoryWithoutAnyVectorIsSearchedByKeywordsWithoutAnEmbeddingsCall() {
        Memory memory = fx.memory();
        fx.db.write(c -> c.createStatement().executeUpdate("INSERT INTO memory_chunks (id, content, source) VALUES"
                + " ('kw1', 'The spare key hangs behind the garage door', 'user')"));

        List<MemoryHit> hits = memory.recall("where is the spare key", 5);

        assertEquals("kw1", hits.getFirst().chunk().id());
        assertTrue(fx.llm.requests().isEmpty(), "nothing stored to compare a query's vector with: no provider call");
    }

    /** On a virtual thread (the gateway's turns) and on a platform thread ({@code agent -m}'s) alike. */
    @ParameterizedTest(name = "virtual thread: {0}")
    @ValueSource(booleans = {true, false})
    void aSlowEmbeddingsEndpointCostsASearchItsTimeBoxThenKeywordsAnswer(boolean virtual) {
        ThreadFactory threads = virtual ? Thread.ofVirtual().factory() : Thread.ofPlatform().daemon().factory();
        Memory memory = new Memory(fx.db, fx.provider(MemoryFixture.KEY), null, Duration.ofMillis(200), threads,
                Clock.systemUTC(), fx.log);
        memory.remember("The boat is moored at pier 7 in Lindau", "boat");
        fx.llm.setEmbeddingDelay(Duration.ofSeconds(30));

        List<MemoryHit> hits = memory.recall("boat pier Lindau", 5);

        assertEquals("The boat is moored at pier 7 in Lindau", hits.getFirst().chunk().content());
        assertEquals(1.0, hits.getFirst().score(), 1e-9, "found by its keywords alone");
        assertTrue(fx.logText().contains("Embeddings call slower than its time box; using keyword search"),
                fx.logText());
        assertTrue(fx.logText().contains("time_box_ms=200"), fx.logText());
        assertTrue(memory.embeddingsAvailable(), "a slow answer does not switch embeddings off");
    }

    @Test
    void theSameQueryIsEmbeddedOnceAndAnotherQueryAgain() {
        Memory memory = fx.memory();
        memory.remember("Maria's flight lands at 18:40 on Friday", "travel");
        int afterRemember = fx.embeddingCalls();

        memory.relevantTo("When does Maria land?");
        memory.recall("When does Maria land?", 3);
        assertEquals(afterRemember + 1, fx.embeddingCalls(), "the prompt's search and the recall share one vector");

        memory.recall("Which flight is Maria on?", 3);
        assertEquals(afterRemember + 2, fx.embeddingCalls());
    }

    private List<String> row(String id, String... columns) {
        return fx.db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + String.join(", ", columns) + " FROM memory_chunks WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> values = new ArrayList<>();
                    rs.next();
                    for (int i = 1; i <= columns.length; i++) {
                        values.add(rs.getString(i));
                    }
                    return values;
                }
            }
        });
    }

    private static double cosine(String a, String b, int dimension) {
        float[] x = FakeEmbeddings.vector(a, dimension);
        float[] y = FakeEmbeddings.vector(b, dimension);
        double dot = 0;
        for (int i = 0; i < dimension; i++) {
            dot += x[i] * y[i];
        }
        return dot;
    }
}
