package gomikrobot.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoulIndexerTest {
    static final List<String> SOUL_FILES = List.of("AGENTS.md", "SOUL.md", "USER.md", "TOOLS.md", "IDENTITY.md");

    @TempDir
    Path dir;
    Path workspace;
    MemoryFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new MemoryFixture(dir);
        workspace = Files.createDirectories(dir.resolve("workspace"));
        Files.writeString(workspace.resolve("USER.md"), """
                # About the owner
                Lives in Leipzig.

                ## Preferences
                Prefers green tea and short answers.

                ## Family
                Sister Anna, birthday 12 May.
                """);
        Files.writeString(workspace.resolve("SOUL.md"), "## Tone\nCalm and precise.\n");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void splitsSoulFilesOnHeadingsTaggedWithTheHeading() {
        Memory memory = fx.memory();
        Memory.IndexReport report = memory.indexSoulFiles(workspace, SOUL_FILES);

        assertEquals(new Memory.IndexReport(4, 0, 0), report);
        assertEquals(1, fx.embeddingCalls(), "all new sections are embedded in one request");
        MemoryHit hit = memory.recall("green tea preferences", 1).getFirst();
        assertEquals(new MemoryChunk(MemoryChunk.idFor("soul:USER.md", "## Preferences\nPrefers green tea and short answers."),
                "## Preferences\nPrefers green tea and short answers.", "soul:USER.md", "Preferences"), hit.chunk());
    }

    @Test
    void restartWithUnchangedFilesMakesNoEmbeddingCall() {
        fx.memory().indexSoulFiles(workspace, SOUL_FILES);
        int callsAfterFirstStart = fx.embeddingCalls();

        Memory.IndexReport second = fx.memory().indexSoulFiles(workspace, SOUL_FILES);

        assertEquals(new Memory.IndexReport(0, 4, 0), second);
        assertEquals(callsAfterFirstStart, fx.embeddingCalls());
    }

    @Test
    void onlyChangedSectionsAreReEmbeddedAndVanishedOnesRemoved() throws Exception {
        fx.memory().indexSoulFiles(workspace, SOUL_FILES);
        Files.writeString(workspace.resolve("USER.md"), """
                # About the owner
                Lives in Leipzig.

                ## Preferences
                Prefers black coffee and short answers.
                """);
        Files.delete(workspace.resolve("SOUL.md"));

        Memory memory = fx.memory();
        Memory.IndexReport report = memory.indexSoulFiles(workspace, SOUL_FILES);

        assertEquals(new Memory.IndexReport(1, 1, 3), report);
        assertEquals(List.of("Prefers black coffee and short answers."),
                fx.llm.last("/embeddings").json().strings("input").stream().map(s -> s.lines().toList().getLast()).toList());
        assertEquals(2, memory.chunkCount());
        assertEquals(Set.of("soul:USER.md"), memory.recall("coffee Leipzig tea tone calm", 10).stream()
                .map(h -> h.chunk().source()).collect(Collectors.toSet()));
    }

    @Test
    void sectionsStoredWithoutVectorsAreEmbeddedOnceAnEmbedderAnswers() {
        new Memory(fx.db, null, null, java.time.Clock.systemUTC(), fx.log).indexSoulFiles(workspace, SOUL_FILES);
        assertEquals(0, fx.embeddingCalls());

        Memory.IndexReport report = fx.memory().indexSoulFiles(workspace, SOUL_FILES);

        assertEquals(new Memory.IndexReport(4, 0, 0), report);
        assertEquals(1, fx.embeddingCalls());
    }

    @Test
    void searchingWhileIndexingNeitherFailsNorBlocksForever() throws Exception {
        Memory memory = fx.memory();
        memory.remember("Owner likes green tea in the morning", "");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread indexer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 5; i++) {
                    memory.indexSoulFiles(workspace, SOUL_FILES);
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        for (int i = 0; i < 20; i++) {
            assertTrue(memory.recall("green tea", 5).stream().anyMatch(h -> h.chunk().source().equals("user")));
        }
        indexer.join(10_000);
        assertEquals(null, failure.get());
    }

    @Test
    void longSectionsAreCutAtLineEnds() {
        String line = "word ".repeat(99) + "end\n";
        List<MemoryChunk> chunks = SoulSections.split("## Big\n" + line.repeat(40), "soul:AGENTS.md");

        assertTrue(chunks.size() > 1);
        chunks.forEach(c -> assertTrue(c.content().length() <= SoulSections.MAX_CHARS, "length " + c.content().length()));
        chunks.forEach(c -> assertEquals("Big", c.tags()));
    }

    @Test
    void headingWithoutTextAndBlankFilesGiveNoChunks() {
        assertEquals(List.of(), SoulSections.split("## Empty\n\n   \n", "soul:TOOLS.md"));
        assertEquals(List.of(), SoulSections.split("", "soul:TOOLS.md"));
    }
}
