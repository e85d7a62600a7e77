package gomikrobot.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The stored form of an embedding (little-endian float32, as the Go program writes it) and normalisation. */
final class Vectors {
    private Vectors() {
    }

    static byte[] toBlob(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    /** The vector in {@code blob}; its dimension is the blob's length / 4 (a ragged tail is a caller error). */
    static float[] fromBlob(byte[] blob) {
        if (blob.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("embedding blob of " + blob.length + " bytes is not a float32 array");
        }
        float[] vector = new float[blob.length / Float.BYTES];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /** A unit-length copy, so a dot product is the cosine; null when the vector is zero or not finite. */
    static float[] normalized(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum == 0 || !Double.isFinite(sum)) {
            return null;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }
}
