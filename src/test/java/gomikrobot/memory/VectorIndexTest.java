package gomikrobot.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VectorIndexTest {

    @Test
    void topKReturnsTheMostSimilarBestFirstAsCosines() {
        VectorIndex index = new VectorIndex(2);
        index.put("east", new float[] {10, 0});
        index.put("north", new float[] {0, 3});
        index.put("north-east", new float[] {1, 1});

        List<VectorIndex.Scored> top = index.topK(new float[] {2, 0}, 2);

        assertEquals(List.of("east", "north-east"), top.stream().map(VectorIndex.Scored::id).toList());
        assertEquals(1.0, top.get(0).score(), 1e-6);
        assertEquals(Math.sqrt(0.5), top.get(1).score(), 1e-6);
    }

    @Test
    void putReplacesAndRemoveKeepsTheOthersFindable() {
        VectorIndex index = new VectorIndex(2);
        index.put("a", new float[] {1, 0});
        index.put("b", new float[] {0, 1});
        index.put("c", new float[] {-1, 0});
        index.put("a", new float[] {0, -1});
        index.remove("a");
        index.remove("missing");

        assertEquals(2, index.size());
        assertEquals("b", index.topK(new float[] {0, 1}, 1).getFirst().id());
        assertEquals("c", index.topK(new float[] {-1, 0}, 1).getFirst().id());
    }

    @Test
    void vectorsAndQueriesOfAnotherDimensionOrZeroLengthAreSkipped() {
        VectorIndex index = new VectorIndex(3);

        assertFalse(index.put("short", new float[] {1, 0}));
        assertFalse(index.put("zero", new float[] {0, 0, 0}));
        assertTrue(index.put("ok", new float[] {0, 0, 1}));
        assertEquals(List.of(), index.topK(new float[] {1, 0}, 5));
        assertEquals(1, index.size());
    }

    @Test
    void largeIndexScannedInParallelAgreesWithABruteForceRanking() {
        int dimension = 1536;
        int count = 3000; // above the parallel threshold
        Random random = new Random(7);
        float[][] vectors = new float[count][dimension];
        VectorIndex index = new VectorIndex(dimension);
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < dimension; d++) {
                vectors[i][d] = random.nextFloat() - 0.5f;
            }
            index.put("v" + i, vectors[i]);
        }
        float[] query = vectors[1234].clone();
        query[0] += 0.5f;

        List<String> expected = IntStream.range(0, count).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -cosine(vectors[i], query)))
                .limit(5).map(i -> "v" + i).toList();

        assertEquals(expected, index.topK(query, 5).stream().map(VectorIndex.Scored::id).toList());
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
