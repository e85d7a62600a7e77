package gomikrobot.memory;

import gomikrobot.observe.Log;
import gomikrobot.provider.LlmProvider;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.provider.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Texts to vectors through the provider's {@code /embeddings} (which batches the requests). The dimension is
 * whatever the model answers. Whether the provider can embed at all is learned by trying: an answer of 401, 403
 * or 404 (no key, or a provider without embeddings such as OpenRouter) switches embeddings off for the life of
 * the process, with one log line; any other failure only costs that one call. A search query's embedding can be
 * asked for within a time box ({@link #embedWithin}): a slow embeddings endpoint then costs a message that much
 * and no more. That call runs on a thread of its own, made by the factory the process chose for its turns
 * (virtual in the gateway). Safe to share.
 */
final class Embedder {
    private final LlmProvider provider;
    private final String model;
    private final ThreadFactory callThreads;
    private final Log log;
    private final AtomicBoolean unavailable;

    /**
     * {@code provider} null means no embedder at all: memory is keyword-only from the start. A null or blank
     * {@code model} is the provider's default, named as such so every warning says which model failed.
     */
    Embedder(LlmProvider provider, String model, ThreadFactory callThreads, Log log) {
        this.provider = provider;
        this.model = model == null || model.isBlank() ? OpenAiCompatibleProvider.DEFAULT_EMBEDDING_MODEL : model;
        this.callThreads = callThreads;
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
            return checked(provider.embed(texts, model).vectors(), texts.size());
        } catch (ProviderException e) {
            failed(e);
            return Optional.empty();
        }
    }

    /**
     * The vector of one text, or empty when there is no embedder, the call failed, or no answer came within
     * {@code timeBox} (then the request is cancelled); failures and timeouts are logged.
     */
    Optional<float[]> embedWithin(String text, Duration timeBox) {
        if (unavailable.get()) {
            return Optional.empty();
        }
        FutureTask<List<float[]>> call = new FutureTask<>(() -> provider.embed(List.of(text), model).vectors());
        callThreads.newThread(call).start();
        try {
            return checked(call.get(timeBox.toMillis(), TimeUnit.MILLISECONDS), 1).map(List::getFirst);
        } catch (TimeoutException e) {
            call.cancel(true); // interrupts the call, which cancels its HTTP request (on a platform thread over
            // plain http the read goes on unheard until the request timeout: nobody waits for it any more)
            log.warn("Embeddings call slower than its time box; using keyword search for this message", "model",
                    model, "time_box_ms", timeBox.toMillis());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ProviderException failure)) {
                throw new IllegalStateException("embeddings call failed unexpectedly", e.getCause());
            }
            failed(failure);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    // ---- private helpers ----

    private Optional<List<float[]>> checked(List<float[]> vectors, int expected) {
        if (vectors.size() != expected) {
            log.warn("Embeddings answer has the wrong number of vectors; using keyword search for this call",
                    "expected", expected, "got", vectors.size());
            return Optional.empty();
        }
        return Optional.of(vectors);
    }

    private void failed(ProviderException e) {
        if (isPermanent(e) && unavailable.compareAndSet(false, true)) {
            log.warn("Embeddings unavailable; memory uses keyword search only until restart",
                    "model", model, "status", e.status(), "error", e.getMessage());
        } else if (!isPermanent(e)) {
            log.warn("Embeddings call failed; using keyword search for this call", "model", model,
                    "status", e.status(), "error", e.getMessage());
        }
    }

    private static boolean isPermanent(ProviderException e) {
        return e.status() == 401 || e.status() == 403 || e.status() == 404;
    }
}
