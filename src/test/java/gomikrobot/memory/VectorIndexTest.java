package gomikrobot.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VectorIndexTest {
    /** The stored embeddings the re-rank reads, as the database would hold them; counts the ids asked for. */
    private static final class StoredVectors implements VectorIndex.ExactVectors {
        final Map<String, float[]> byId = new HashMap<>();
        int idsAsked;

        void put(VectorIndex index, String id, float[] vector) {
            byId.put(id, vector);
            index.put(id, vector);
        }

        void remove(VectorIndex index, String id) {
            byId.remove(id);
            index.remove(id);
        }

        @Override
        public Map<String, float[]> byIds(Collection<String> ids) {
            idsAsked += ids.size();
            Map<String, float[]> out = new HashMap<>();
            ids.forEach(id -> {
                if (byId.containsKey(id)) {
                    out.put(id, byId.get(id));
                }
            });
            return out;
        }
    }

    private final StoredVectors stored = new StoredVectors();

    @Test
    void topKReturnsTheMostSimilarBestFirstAsExactCosines() {
        VectorIndex index = new VectorIndex(2);
        stored.put(index, "east", new float[] {10, 0});
        stored.put(index, "north", new float[] {0, 3});
        stored.put(index, "north-east", new float[] {1, 1});

        List<VectorIndex.Scored> top = index.topK(new float[] {2, 0}, 2, stored);

        assertEquals(List.of("east", "north-east"), ids(top));
        assertEquals(1.0, top.get(0).score(), 1e-6);
        assertEquals(Math.sqrt(0.5), top.get(1).score(), 1e-6);
    }

    @Test
    void putReplacesAndRemoveKeepsTheOthersFindable() {
        VectorIndex index = new VectorIndex(2);
        stored.put(index, "a", new float[] {1, 0});
        stored.put(index, "b", new float[] {0, 1});
        stored.put(index, "c", new float[] {-1, 0});
        stored.put(index, "a", new float[] {0, -1});
        stored.remove(index, "a");
        stored.remove(index, "missing");

        assertEquals(2, index.size());
        assertEquals("b", index.topK(new float[] {0, 1}, 1, stored).getFirst().id());
        assertEquals("c", index.topK(new float[] {-1, 0}, 1, stored).getFirst().id());
    }

    @Test
    void quantizedScoresFollowTheReplacedAndMovedVectors() {
        VectorIndex index = new VectorIndex(8);
        Random random = new Random(3);
        float[][] vectors = new float[5][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = randomVector(random, 8);
            stored.put(index, "v" + i, vectors[i]);
        }
        float[] replacement = randomVector(random, 8);
        stored.put(index, "v2", replacement);
        stored.remove(index, "v0"); // v4, the last slot, moves into v0's slot

        assertEquals(List.of("v2"), ids(index.roughTopK(replacement, 1)));
        VectorIndex.Scored moved = index.roughTopK(vectors[4], 1).getFirst();
        assertEquals("v4", moved.id());
        assertEquals(1.0, moved.score(), 0.01, "quantized cosine of a vector with itself");
        assertFalse(ids(index.roughTopK(vectors[0], 5)).contains("v0"));
    }

    @Test
    void vectorsAndQueriesOfAnotherDimensionOrZeroLengthAreSkipped() {
        VectorIndex index = new VectorIndex(3);

        assertFalse(index.put("short", new float[] {1, 0}));
        assertFalse(index.put("zero", new float[] {0, 0, 0}));
        assertTrue(index.put("ok", new float[] {0, 0, 1}));
        assertEquals(List.of(), index.topK(new float[] {1, 0}, 5, stored));
        assertEquals(1, index.size());
    }

    @Test
    void candidateWhoseStoredVectorIsGoneOrOfAnotherDimensionIsLeftOut() {
        VectorIndex index = new VectorIndex(2);
        stored.put(index, "kept", new float[] {1, 0.1f});
        stored.put(index, "deleted", new float[] {1, 0});
        stored.put(index, "re-embedded", new float[] {1, 0.05f});
        stored.byId.remove("deleted"); // written by another program after the index was loaded
        stored.byId.put("re-embedded", new float[] {1, 0, 0});

        assertEquals(List.of("kept"), ids(index.topK(new float[] {1, 0}, 3, stored)));
    }

    @Test
    void reRanksMaxOfFiftyAndTenPerResultCandidates() {
        VectorIndex index = new VectorIndex(4);
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            stored.put(index, "v" + i, randomVector(random, 4));
        }

        index.topK(randomVector(random, 4), 2, stored);
        assertEquals(50, stored.idsAsked);
        index.topK(randomVector(random, 4), 20, stored);
        assertEquals(50 + 200, stored.idsAsked);
    }

    @Test
    void quantizedTopKAfterReRankEqualsBruteForceFloatTopK() {
        int dimension = 1536;
        int count = 2000;
        Random random = new Random(11);
        float[][] vectors = new float[count][];
        VectorIndex index = new VectorIndex(dimension);
        for (int i = 0; i < count; i++) {
            vectors[i] = randomVector(random, dimension);
            stored.put(index, "v" + i, vectors[i]);
        }
        for (int q = 0; q < 20; q++) {
            float[] query = randomVector(random, dimension);
            List<Integer> expected = IntStream.range(0, count).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -cosine(vectors[i], query))).limit(5).toList();

            List<VectorIndex.Scored> top = index.topK(query, 5, stored);

            assertEquals(expected.stream().map(i -> "v" + i).toList(), ids(top), "query " + q);
            for (int r = 0; r < 5; r++) {
                assertEquals(cosine(vectors[expected.get(r)], query), top.get(r).score(), 1e-5, "exact score");
            }
        }
    }

    @Test
    void largeIndexScannedInParallelAgreesWithABruteForceRanking() {
        int dimension = 1536;
        int count = 3000; // above the parallel threshold
        Random random = new Random(7);
        float[][] vectors = new float[count][];
        VectorIndex index = new VectorIndex(dimension);
        for (int i = 0; i < count; i++) {
            vectors[i] = randomVector(random, dimension);
            stored.put(index, "v" + i, vectors[i]);
        }
        float[] query = vectors[1234].clone();
        query[0] += 0.5f;

        List<String> expected = IntStream.range(0, count).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -cosine(vectors[i], query)))
                .limit(5).map(i -> "v" + i).toList();

        assertEquals(expected, ids(index.topK(query, 5, stored)));
    }

    private static List<String> ids(List<VectorIndex.Scored> scored) {
        return scored.stream().map(VectorIndex.Scored::id).toList();
    }

    private static float[] randomVector(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = random.nextFloat() - 0.5f;
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
