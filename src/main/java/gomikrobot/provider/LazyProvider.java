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
 */
public final class LazyProvider implements LlmProvider {
    private final Supplier<LlmProvider> factory;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile LlmProvider delegate;

    public LazyProvider(Supplier<LlmProvider> factory) {
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

    private LlmProvider delegate() {
        LlmProvider d = delegate;
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
