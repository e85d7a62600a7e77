package gomikrobot.memory;

import gomikrobot.observe.Log;
import gomikrobot.provider.LlmProvider;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.provider.ProviderException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Texts to vectors through the provider's {@code /embeddings} (which batches the requests). The dimension is
 * whatever the model answers. Whether the provider can embed at all is learned by trying: an answer of 401, 403
 * or 404 (no key, or a provider without embeddings such as OpenRouter) switches embeddings off for the life of
 * the process, with one log line; any other failure only costs that one call. Safe to share.
 */
final class Embedder {
    private final LlmProvider provider;
    private final String model;
    private final Log log;
    private final AtomicBoolean unavailable;

    /**
     * {@code provider} null means no embedder at all: memory is keyword-only from the start. A null or blank
     * {@code model} is the provider's default, named as such so every warning says which model failed.
     */
    Embedder(LlmProvider provider, String model, Log log) {
        this.provider = provider;
        this.model = model == null || model.isBlank() ? OpenAiCompatibleProvider.DEFAULT_EMBEDDING_MODEL : model;
        this.log = log;
        this.unavailable = new AtomicBoolean(provider == null);
    }

    boolean available() {
        return !unavailable.get();
    }

    /** One vector per text, in order; empty when there is no embedder or this call failed (already logged). */
    Optional<List<float[]>> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return Optional.of(List.of());
        }
        if (unavailable.get()) {
            return Optional.empty();
        }
        try {
            List<float[]> vectors = provider.embed(texts, model).vectors();
            if (vectors.size() != texts.size()) {
                log.warn("Embeddings answer has the wrong number of vectors; using keyword search for this call",
                        "model", model, "expected", texts.size(), "got", vectors.size());
                return Optional.empty();
            }
            return Optional.of(vectors);
        } catch (ProviderException e) {
            if (isPermanent(e) && unavailable.compareAndSet(false, true)) {
                log.warn("Embeddings unavailable; memory uses keyword search only until restart",
                        "model", model, "status", e.status(), "error", e.getMessage());
            } else if (!isPermanent(e)) {
                log.warn("Embeddings call failed; using keyword search for this call", "model", model,
                        "status", e.status(), "error", e.getMessage());
            }
            return Optional.empty();
        }
    }

    private static boolean isPermanent(ProviderException e) {
        return e.status() == 401 || e.status() == 403 || e.status() == 404;
    }
}
