package gomikrobot.config;

/** The OpenAI-compatible endpoints and local transcription. */
public record ProvidersConfig(ProviderConfig openai, ProviderConfig openrouter, LocalWhisperConfig localWhisper) {

    /**
     * The endpoint to talk to: OpenAI when it has a key or OpenRouter has none, else OpenRouter. OpenRouter is
     * sent its attribution whichever section points at it: its own (whatever its base URL), or the
     * {@code openai} section with an openrouter.ai base.
     */
    public ProviderConfig active() {
        if (!useOpenAi()) {
            return openrouter;
        }
        return openai.isOpenRouterHost() ? openai.withAttributionOf(openrouter) : openai;
    }

    /** "openai" or "openrouter", matching {@link #active()}; for status output and logs. */
    public String activeName() {
        return useOpenAi() ? "openai" : "openrouter";
    }

    private boolean useOpenAi() {
        return openai.hasKey() || !openrouter.hasKey();
    }
}
