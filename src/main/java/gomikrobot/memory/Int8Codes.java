package gomikrobot.memory;

/**
 * Symmetric per-vector int8 quantization: component {@code x} of a vector whose largest magnitude is {@code m}
 * becomes {@code round(x * 127 / m)}, and the vector keeps {@code scale = m / 127}, so a dot product is
 * {@code scaleA * scaleB * (integer dot of the codes)}. The error is at most half a step per component, far
 * below the gaps that decide a top-k; callers re-rank exactly anyway.
 *
 * <p>Four codes are packed into one {@code int} (component {@code 4w + lane} in bits {@code 8 lane..8 lane+7}), so
 * an index takes a quarter of float32's memory. Why not a {@code byte[]}: on JDK 25, C2 does not vectorize a
 * reduction that widens bytes to ints (measured: no faster than scalar), but it does vectorize the same loop over
 * {@code int[]} with shifts, so unpacking four lanes from an int is 4-5 times faster than reading bytes.
 */
final class Int8Codes {
    static final int LANES = 4;
    private static final int MAX_CODE = 127;
    /** Above this many components an integer dot of codes could overflow an int (127 * 127 * n). */
    static final int MAX_DIMENSION = Integer.MAX_VALUE / (MAX_CODE * MAX_CODE);

    /** A query split into one code array per lane, the form {@link #dot} reads fastest. */
    record Query(int[] lane0, int[] lane1, int[] lane2, int[] lane3, float scale) {
    }

    private Int8Codes() {
    }

    /** Packed ints needed for one vector of {@code dimension} components (the last one zero-padded). */
    static int words(int dimension) {
        return (dimension + LANES - 1) / LANES;
    }

    /**
     * Writes the codes of {@code vector} as {@link #words} ints at {@code offset} and returns its scale; a zero
     * vector gets scale 0 and all-zero codes.
     */
    static float encode(float[] vector, int[] packed, int offset) {
        float max = maxAbs(vector);
        float toCode = max == 0 ? 0 : MAX_CODE / max;
        for (int w = 0; w < words(vector.length); w++) {
            int word = 0;
            for (int lane = 0; lane < LANES; lane++) {
                int i = w * LANES + lane;
                int code = i < vector.length ? Math.round(vector[i] * toCode) : 0;
                word |= (code & 0xFF) << (8 * lane);
            }
            packed[offset + w] = word;
        }
        return max / MAX_CODE;
    }

    static Query query(float[] vector) {
        int[] packed = new int[words(vector.length)];
        float scale = encode(vector, packed, 0);
        int[][] lanes = new int[LANES][packed.length];
        for (int w = 0; w < packed.length; w++) {
            for (int lane = 0; lane < LANES; lane++) {
                lanes[lane][w] = code(packed[w], lane);
            }
        }
        return new Query(lanes[0], lanes[1], lanes[2], lanes[3], scale);
    }

    /** The signed code in {@code lane} of a packed word. */
    static int code(int word, int lane) {
        return (word << (24 - 8 * lane)) >> 24;
    }

    /**
     * Integer dot product of the vector packed at {@code offset} with {@code query}. Written as one reduction over
     * ints with constant shifts so C2 turns it into SIMD code; do not "optimise" it into several accumulators or
     * byte reads, which C2 then leaves scalar.
     */
    static int dot(int[] packed, int offset, Query query) {
        int[] q0 = query.lane0();
        int[] q1 = query.lane1();
        int[] q2 = query.lane2();
        int[] q3 = query.lane3();
        int sum = 0;
        for (int w = 0; w < q0.length; w++) {
            int word = packed[offset + w];
            sum += ((word << 24) >> 24) * q0[w] + ((word << 16) >> 24) * q1[w]
                    + ((word << 8) >> 24) * q2[w] + (word >> 24) * q3[w];
        }
        return sum;
    }

    private static float maxAbs(float[] vector) {
        float max = 0;
        for (float v : vector) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
