package gomikrobot.bench;

import gomikrobot.provider.ChatMessage;
import gomikrobot.provider.ChatReply;
import gomikrobot.provider.ChatRequest;
import gomikrobot.provider.Embeddings;
import gomikrobot.provider.LlmProvider;
import gomikrobot.provider.ModelsCheck;
import gomikrobot.provider.Role;
import gomikrobot.provider.Usage;
import java.nio.file.Path;
import java.util.List;

/** An LLM that answers at once, in-process: what is left of a message's latency is the pipeline's own cost. */
final class InstantLlm implements LlmProvider {
    @Override
    public ChatReply chat(ChatRequest request) {
        String last = request.messages().reversed().stream().filter(m -> m.role() == Role.USER)
                .map(ChatMessage::content).findFirst().orElse("");
        return new ChatReply("echo: " + last, List.of(), "stop", new Usage(10, 5, 15), request.model());
    }

    @Override
    public Embeddings embed(List<String> texts, String model) {
        return new Embeddings(texts.stream().map(t -> new float[] {1f, 0f}).toList(), new Usage(texts.size(), 0, texts.size()));
    }

    @Override
    public String transcribe(Path audioFile, String model) {
        return "";
    }

    @Override
    public byte[] speak(String text, String voice, String format) {
        return new byte[0];
    }

    @Override
    public ModelsCheck checkKey() {
        return new ModelsCheck.Accepted(List.of("instant"));
    }
}
