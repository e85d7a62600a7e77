package gomikrobot.provider;

import java.nio.file.Path;
import java.util.List;

/**
 * What the rest of the gateway needs from a language-model service. Every method either answers or throws
 * {@link ProviderException} with a one-line message that is safe to show and to log.
 */
public interface LlmProvider {
    /** One chat completion, with tools offered when the request lists any. */
    ChatReply chat(ChatRequest request);

    /**
     * As {@link #chat(ChatRequest)}, with the answer's text also handed to {@code listener} as it is written
     * (in pieces when the server streams). This default delivers the finished text as one piece.
     */
    default ChatReply chat(ChatRequest request, ChatListener listener) {
        ChatReply reply = chat(request);
        if (!reply.text().isEmpty()) {
            listener.text(reply.text());
        }
        return reply;
    }

    /** One vector per text, in the order of {@code texts}; a null or blank model means the default embedder. */
    Embeddings embed(List<String> texts, String model);

    /** The text spoken in an audio file; a null or blank model means whisper-1. */
    String transcribe(Path audioFile, String model);

    /** Speech audio for {@code text}; null or blank voice/format mean "alloy"/"opus". */
    byte[] speak(String text, String voice, String format);

    /** Asks the server whether the configured key is accepted. */
    ModelsCheck checkKey();
}
