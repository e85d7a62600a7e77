package gomikrobot.memory;

import gomikrobot.observe.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the {@code soul:<file>} chunks in step with the soul files of the workspace. Chunk ids come from their
 * text, so an unchanged section keeps its id and is neither rewritten nor re-embedded; only new sections (and
 * ones stored earlier without a vector, once an embedder answers) are embedded, in one batch. Sections that no
 * longer exist, including those of deleted files, are removed.
 */
final class SoulIndexer {
    static final String SOURCE_PREFIX = "soul:";

    /** What one indexing run did. */
    record Report(int added, int unchanged, int removed) {
    }

    private final MemoryStore store;
    private final Embedder embedder;
    private final MemorySearch search;
    private final Log log;

    SoulIndexer(MemoryStore store, Embedder embedder, MemorySearch search, Log log) {
        this.store = store;
        this.embedder = embedder;
        this.search = search;
        this.log = log;
    }

    Report index(Path workspace, List<String> fileNames) {
        Map<String, MemoryChunk> wanted = new LinkedHashMap<>();
        Set<String> unreadable = new HashSet<>();
        for (String name : fileNames) {
            String source = SOURCE_PREFIX + name;
            switch (read(workspace.resolve(name))) {
                case Content.Text(String text) ->
                        SoulSections.split(text, source).forEach(c -> wanted.putIfAbsent(c.id(), c));
                case Content.Missing missing -> { } // its chunks are removed below
                case Content.Unreadable unreadableFile -> unreadable.add(source);
            }
        }
        Map<String, MemoryStore.Stored> stored = store.idsWithSourcePrefix(SOURCE_PREFIX);
        List<String> gone = stored.entrySet().stream()
                .filter(e -> !wanted.containsKey(e.getKey()) && !unreadable.contains(e.getValue().source()))
                .map(Map.Entry::getKey).toList();
        List<MemoryChunk> toWrite = wanted.values().stream()
                .filter(c -> !stored.containsKey(c.id()) || !stored.get(c.id()).embedded() && embedder.available())
                .toList();
        List<MemoryStore.Write> writes = withEmbeddings(toWrite);
        store.upsert(writes);
        search.added(writes);
        store.delete(gone);
        search.removed(gone);
        search.preload();
        Report report = new Report(toWrite.size(), wanted.size() - toWrite.size(), gone.size());
        log.info("Soul files indexed into memory", "added", report.added(), "unchanged", report.unchanged(),
                "removed", report.removed());
        return report;
    }

    private List<MemoryStore.Write> withEmbeddings(List<MemoryChunk> chunks) {
        Optional<List<float[]>> vectors = embedder.embed(chunks.stream().map(MemoryChunk::content).toList());
        List<MemoryStore.Write> writes = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            writes.add(new MemoryStore.Write(chunks.get(i), vectors.isPresent() ? vectors.get().get(i) : null));
        }
        return writes;
    }

    private Content read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Content.Missing();
        }
        try {
            return new Content.Text(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            log.warn("Soul file unreadable; its memory chunks are left as they were", "file", file, "error", e);
            return new Content.Unreadable();
        }
    }

    /** What reading one soul file gave: its text, nothing (no such file), or a failure that keeps old chunks. */
    private sealed interface Content {
        record Text(String text) implements Content {
        }

        record Missing() implements Content {
        }

        record Unreadable() implements Content {
        }
    }
}
