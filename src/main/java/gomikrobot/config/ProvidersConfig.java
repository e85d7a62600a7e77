package gomikrobot.config;

/** The OpenAI-compatible endpoints and local transcription. */
public record ProvidersConfig(ProviderConfig openai, ProviderConfig openrouter, LocalWhisperConfig localWhisper) {
}
