package gomikrobot.testing;

import java.util.Locale;

/**
 * Deterministic stand-in for an embedding model: a hashed bag of lower-cased words, normalised to length 1, so the
 * same text always gives the same vector and texts sharing words have a high cosine similarity.
 */
public final class FakeEmbeddings {
    private FakeEmbeddings() {
    }

    public static float[] vector(String text, int dimension) {
        float[] vector = new float[dimension];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                int hash = word.hashCode(); // String.hashCode is specified, so vectors are stable across JVMs
                vector[Math.floorMod(hash, dimension)] += (hash & 0x10000) == 0 ? 1f : -1f;
            }
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm == 0) {
            vector[0] = 1f; // a text without words still needs a usable, non-zero vector
            return vector;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            vector[i] *= scale;
        }
        return vector;
    }
}
