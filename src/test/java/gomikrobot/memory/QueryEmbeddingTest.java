package gomikrobot.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.timeline.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a search's query embedding costs: nothing without stored vectors, at most its time box, one call per text. */
class QueryEmbeddingTest {
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
    void aMemoryWithoutAnyVectorIsSearchedByKeywordsWithoutAnEmbeddingsCall() {
        Memory memory = fx.memory();
        keywordOnlyRow(fx.db, "kw1", "The spare key hangs behind the garage door");

        List<MemoryHit> hits = memory.recall("where is the spare key", 5);

        assertEquals("kw1", hits.getFirst().chunk().id());
        assertEquals(0, fx.embeddingCalls(), "nothing stored to compare a query vector with");
        assertTrue(fx.llm.requests().isEmpty(), "no provider request at all");
    }

    @Test
    void aSlowEmbeddingsEndpointCostsASearchItsTimeBoxThenKeywordsAnswer() {
        Memory memory = new Memory(fx.db, fx.provider(MemoryFixture.KEY), null, Duration.ofMillis(200),
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

    /** A chunk as another program (or a keyword-only run) left it: text, no embedding. */
    private static void keywordOnlyRow(Database db, String id, String content) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO memory_chunks (id, content, embedding, source,"
                    + " tags, version, created_at, updated_at) VALUES (?, ?, NULL, 'user', '', 1, '2025-01-01T00:00:00Z',"
                    + " '2025-01-01T00:00:00Z')")) {
                ps.setString(1, id);
                ps.setString(2, content);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
