package gomikrobot.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Int8CodesTest {

    @Test
    void largestComponentBecomes127AndTheScaleMapsCodesBack() {
        float[] vector = {0.5f, -0.25f, 0.1f, -0.5f, 0.0f};
        int[] packed = new int[Int8Codes.words(vector.length)];

        float scale = Int8Codes.encode(vector, packed, 0);

        assertEquals(2, packed.length, "five components need two words, the last zero-padded");
        int[] codes = new int[8];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = Int8Codes.code(packed[i / 4], i % 4);
        }
        assertArrayEquals(new int[] {127, -63, 25, -127, 0, 0, 0, 0}, codes, "-63.5 rounds half up");
        assertEquals(0.5f / 127, scale, 1e-9);
    }

    @Test
    void zeroVectorGetsZeroCodesAndScale() {
        int[] packed = new int[1];

        assertEquals(0f, Int8Codes.encode(new float[] {0, 0, 0}, packed, 0));
        assertEquals(0, packed[0]);
    }

    @Test
    void scaledIntegerDotIsCloseToTheFloatDotForOddDimensions() {
        Random random = new Random(2);
        for (int dimension : new int[] {1, 3, 7, 1536}) {
            float[] a = unit(random, dimension);
            float[] b = unit(random, dimension);
            int[] packed = new int[Int8Codes.words(dimension) + 3];
            float scale = Int8Codes.encode(a, packed, 3);
            Int8Codes.Query query = Int8Codes.query(b);

            float approximate = Int8Codes.dot(packed, 3, query) * scale * query.scale();

            assertEquals(Vectors.dot(a, b), approximate, 0.02, "dimension " + dimension);
        }
    }

    private static float[] unit(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalized(v);
    }
}
