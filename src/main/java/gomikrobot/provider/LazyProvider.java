package gomikrobot.provider;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Builds the real provider on first use. Creating an HTTPS client initialises TLS: about a third of a second
 * of class loading and trust-store parsing, and 7 MiB of resident memory. A command that never calls the model
 * should not pay either, and the gateway pays them once, on its first model call, where a third of a second
 * disappears in the model's own answer time (it is not warmed ahead: an idle gateway stays 7 MiB smaller).
 * A process that will call the model at once ({@code agent -m}) has it built {@linkplain #prepareInBackground
 * beside its other start-up work}.
 */
public final class LazyProvider implements LlmProvider, AutoCloseable {
    private final Supplier<OpenAiCompatibleProvider> factory;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile OpenAiCompatibleProvider delegate;

    public LazyProvider(Supplier<OpenAiCompatibleProvider> factory) {
        this.factory = factory;
    }

    @Override
    public ChatReply chat(ChatRequest request) {
        return delegate().chat(request);
    }

    @Override
    public ChatReply chat(ChatRequest request, ChatListener listener) {
        return delegate().chat(request, listener);
    }

    @Override
    public Embeddings embed(List<String> texts, String model) {
        return delegate().embed(texts, model);
    }

    @Override
    public String transcribe(Path audioFile, String model) {
        return delegate().transcribe(audioFile, model);
    }

    @Override
    public byte[] speak(String text, String voice, String format) {
        return delegate().speak(text, voice, format);
    }

    @Override
    public ModelsCheck checkKey() {
        return delegate().checkKey();
    }

    /**
     * Builds the real provider now, on a virtual thread of its own, so that its set-up overlaps whatever the
     * caller does next. A failure is left for the first call, which tries again and reports it.
     */
    public void prepareInBackground() {
        Thread.ofVirtual().name("provider-setup").start(() -> {
            try {
                delegate();
            } catch (RuntimeException e) {
                // not built: the first call builds it again and reports the failure to its caller
            }
        });
    }

    /** Closes the real provider if it was built (it is not built for this). */
    @Override
    public void close() {
        OpenAiCompatibleProvider built = delegate;
        if (built != null) {
            built.close();
        }
    }

    private OpenAiCompatibleProvider delegate() {
        OpenAiCompatibleProvider d = delegate;
        if (d != null) {
            return d;
        }
        lock.lock();
        try {
            if (delegate == null) {
                delegate = factory.get();
            }
            return delegate;
        } finally {
            lock.unlock();
        }
    }
}
