package gomikrobot.config;

/** The OpenAI-compatible endpoints and local transcription. */
public record ProvidersConfig(ProviderConfig openai, ProviderConfig openrouter, LocalWhisperConfig localWhisper) {

    /** The endpoint to talk to: OpenAI when it has a key or OpenRouter has none, else OpenRouter. */
    public ProviderConfig active() {
        return useOpenAi() ? openai : openrouter;
    }

    /** "openai" or "openrouter", matching {@link #active()}; for status output and logs. */
    public String activeName() {
        return useOpenAi() ? "openai" : "openrouter";
    }

    private boolean useOpenAi() {
        return openai.hasKey() || !openrouter.hasKey();
    }
}
