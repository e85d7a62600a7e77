package gomikrobot.provider;

import java.nio.file.Path;
import java.util.List;

/**
 * The one gate in front of the paid provider: once the {@link TokenBudget} is spent, no call of any kind
 * (chat, embeddings, transcription, speech) reaches the server; each fails with a {@link ProviderException}
 * instead. Embeddings' tokens are charged to the budget here, since no task records them; a chat call's tokens
 * are added to its task by the agent. The key check is free and always passes through.
 */
public final class BudgetedProvider implements LlmProvider {
    private final LlmProvider paid;
    private final TokenBudget budget;

    public BudgetedProvider(LlmProvider paid, TokenBudget budget) {
        this.paid = paid;
        this.budget = budget;
    }

    @Override
    public ChatReply chat(ChatRequest request) {
        requireBudget(Operation.CHAT);
        return paid.chat(request);
    }

    @Override
    public ChatReply chat(ChatRequest request, ChatListener listener) {
        requireBudget(Operation.CHAT);
        return paid.chat(request, listener);
    }

    @Override
    public Embeddings embed(List<String> texts, String model) {
        requireBudget(Operation.EMBEDDINGS);
        Embeddings embeddings = paid.embed(texts, model);
        budget.charge(embeddings.usage());
        return embeddings;
    }

    @Override
    public String transcribe(Path audioFile, String model) {
        requireBudget(Operation.TRANSCRIPTION);
        return paid.transcribe(audioFile, model);
    }

    @Override
    public byte[] speak(String text, String voice, String format) {
        requireBudget(Operation.SPEECH);
        return paid.speak(text, voice, format);
    }

    @Override
    public ModelsCheck checkKey() {
        return paid.checkKey();
    }

    private void requireBudget(Operation op) {
        budget.spent().ifPresent(spent -> {
            throw new ProviderException(op.label() + " request not sent: the daily token limit is reached ("
                    + spent.figures() + ")", 0, false);
        });
    }
}
