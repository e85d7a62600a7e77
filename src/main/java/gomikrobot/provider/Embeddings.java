package gomikrobot.provider;

import java.util.List;
import java.util.Objects;

/** The vectors of one embeddings call, one per input text in input order, and the tokens the server counted. */
public record Embeddings(List<float[]> vectors, Usage usage) {
    public Embeddings {
        vectors = List.copyOf(vectors);
        Objects.requireNonNull(usage, "usage");
    }

    /** Usage of two calls added up (a long list is embedded in several requests). */
    Embeddings plus(Embeddings more) {
        List<float[]> all = new java.util.ArrayList<>(vectors);
        all.addAll(more.vectors);
        return new Embeddings(all, usage.plus(more.usage));
    }
}
