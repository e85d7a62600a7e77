package gomikrobot.provider;

import gomikrobot.json.Json;
import gomikrobot.json.JsonException;
import gomikrobot.json.JsonObject;
import java.util.List;

/** The OpenAI {@code /embeddings} wire format: one batch of texts out, one vector per text back. */
final class EmbeddingsCodec {
    private EmbeddingsCodec() {
    }

    static String requestBody(String model, List<String> texts) {
        return Json.write(Json.object("model", model, "input", texts, "encoding_format", "float"));
    }

    /**
     * The vectors in input order, with the usage the server reported (none is {@link Usage#NONE}): in input order (servers may list them in any order; {@code index} says whose each is). Every
     * input must get exactly one vector and all vectors must have the same, non-zero dimension.
     */
    static Embeddings read(String text, int expected) {
        JsonObject root = Json.parseObject(text);
        List<Object> data = root.array("data");
        if (data.size() != expected) {
            throw new JsonException("expected " + expected + " embeddings, got " + data.size());
        }
        float[][] vectors = new float[expected][];
        for (int i = 0; i < data.size(); i++) {
            JsonObject item = ChatCodec.asObject(data.get(i), "data[" + i + "]");
            long index = item.integer("index").orElse((long) i);
            if (index < 0 || index >= expected || vectors[(int) index] != null) {
                throw new JsonException("data[" + i + "] has a missing, repeated or out-of-range index " + index);
            }
            vectors[(int) index] = vector(item.array("embedding"), i);
        }
        int dimension = vectors[0].length;
        for (float[] vector : vectors) {
            if (vector.length != dimension || dimension == 0) {
                throw new JsonException("embeddings differ in dimension or are empty");
            }
        }
        return new Embeddings(List.of(vectors), ChatCodec.usage(root.object("usage")));
    }

    private static float[] vector(List<Object> numbers, int item) {
        float[] vector = new float[numbers.size()];
        for (int i = 0; i < vector.length; i++) {
            if (!(numbers.get(i) instanceof Number n)) {
                throw new JsonException("data[" + item + "].embedding must be an array of numbers");
            }
            vector[i] = n.floatValue();
        }
        return vector;
    }
}
