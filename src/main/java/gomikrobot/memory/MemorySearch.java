package gomikrobot.memory;

import gomikrobot.observe.Log;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hybrid search over the memory chunks. The vector side is the cosine of the query's embedding with each chunk's
 * (from an in-memory, int8-quantized {@link VectorIndex} whose best candidates are re-ranked with the exact stored
 * embeddings; loaded from the database on first use and kept in step by {@link #added}/{@link #removed}); the
 * keyword side is FTS5, whose BM25 ranking picks the candidates and whose score is the share of query terms a chunk
 * contains. The final score combines both as independent evidence: {@code score = 1 - (1 - max(cosine, 0)) *
 * (1 - keyword)}, in 0..1; either side alone gives its own score, and a chunk found by both scores higher than by
 * either. Without an embedder, while no chunk has an embedding, or when the query's embedding does not come within
 * its time box ({@link QueryVectors}), only the keyword side runs.
 */
final class MemorySearch {
    /** Each side contributes this many candidates per wanted result, so the merge has something to choose from. */
    private static final int CANDIDATES_PER_RESULT = 4;
    private static final int MIN_CANDIDATES = 20;

    private final MemoryStore store;
    private final Embedder embedder;
    private final QueryVectors queries;
    private final Log log;
    private final Object indexLock = new Object();
    private volatile VectorIndex index;
    /** Once true, stays true: a memory that had vectors rarely loses all of them, and then a query costs one call. */
    private volatile boolean vectorsStored;

    MemorySearch(MemoryStore store, Embedder embedder, QueryVectors queries, Log log) {
        this.store = store;
        this.embedder = embedder;
        this.queries = queries;
        this.log = log;
    }

    /** The best {@code limit} chunks for {@code query} with a score above 0, best first. */
    List<MemoryHit> search(String query, int limit) {
        int candidates = Math.max(MIN_CANDIDATES, limit * CANDIDATES_PER_RESULT);
        Map<String, Double> cosines = vectorScores(query, candidates);
        KeywordQuery keywords = KeywordQuery.of(query);
        Set<String> ids = new LinkedHashSet<>(cosines.keySet());
        if (!keywords.isEmpty()) {
            store.keywordSearch(keywords.matchExpression(), candidates).forEach(hit -> ids.add(hit.id()));
        }
        List<MemoryHit> hits = new ArrayList<>();
        for (MemoryChunk chunk : store.chunks(ids).values()) {
            double cosine = Math.max(0, cosines.getOrDefault(chunk.id(), 0.0));
            double keyword = keywords.coverage(chunk.content() + " " + chunk.tags());
            double score = 1 - (1 - cosine) * (1 - keyword);
            if (score > 0) {
                hits.add(new MemoryHit(chunk, score));
            }
        }
        hits.sort(Comparator.comparingDouble(MemoryHit::score).reversed().thenComparing(h -> h.chunk().id()));
        return hits.subList(0, Math.min(limit, hits.size()));
    }

    /** Brings the loaded index up to date with chunks just written (call after the write committed). */
    void added(Collection<MemoryStore.Write> writes) {
        if (writes.stream().anyMatch(w -> w.embedding() != null)) {
            vectorsStored = true;
        }
        synchronized (indexLock) {
            VectorIndex current = index;
            if (current == null) {
                return; // loads from the database, which already has them, on first search
            }
            for (MemoryStore.Write w : writes) {
                if (w.embedding() != null) {
                    current.put(w.chunk().id(), w.embedding());
                }
            }
        }
    }

    void removed(Collection<String> ids) {
        synchronized (indexLock) {
            VectorIndex current = index;
            if (current != null) {
                ids.forEach(current::remove);
            }
        }
    }

    /**
     * Loads the vectors now rather than on the first search, guessing the dimension from what is stored; a later
     * query of another dimension still reloads. Meant for a background thread at start-up.
     */
    void preload() {
        if (embedder.available() && index == null) {
            int dimension = store.commonDimension();
            if (dimension > 0) {
                indexFor(dimension);
            }
        }
    }

    /** Vectors held in memory (0 before the first search with an embedder). */
    int indexedVectors() {
        VectorIndex current = index;
        return current == null ? 0 : current.size();
    }

    // ----- private helpers -----

    private Map<String, Double> vectorScores(String query, int candidates) {
        if (!embedder.available() || !vectorsStored()) {
            return Map.of(); // nothing to compare a query's vector with: no paid embeddings call for it
        }
        Optional<float[]> embedded = queries.of(query);
        if (embedded.isEmpty()) {
            return Map.of();
        }
        float[] vector = embedded.get();
        Map<String, Double> scores = new HashMap<>();
        for (VectorIndex.Scored s : indexFor(vector.length).topK(vector, candidates, store::embeddings)) {
            scores.put(s.id(), (double) s.score());
        }
        return scores;
    }

    private boolean vectorsStored() {
        if (!vectorsStored && store.hasEmbeddings()) {
            vectorsStored = true;
        }
        return vectorsStored;
    }

    /**
     * The index for vectors of this dimension, loading it from the database when there is none yet or the
     * embedding model changed dimension; chunks of any other dimension are skipped, not an error.
     */
    private VectorIndex indexFor(int dimension) {
        VectorIndex current = index;
        if (current != null && current.dimension() == dimension) {
            return current;
        }
        synchronized (indexLock) {
            if (index == null || index.dimension() != dimension) {
                long started = System.nanoTime();
                VectorIndex loaded = new VectorIndex(dimension, store.countEmbeddings(dimension));
                int skipped = store.forEachEmbedding(dimension, loaded::put);
                index = loaded;
                log.info("Memory vectors loaded", "dimension", dimension, "vectors", loaded.size(),
                        "skipped_other_dimension", skipped, "duration_ms", (System.nanoTime() - started) / 1_000_000);
            }
            return index;
        }
    }
}
