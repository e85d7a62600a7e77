package gomikrobot.config;

/** A local whisper binary for audio transcription; used instead of the provider when enabled and present. */
public record LocalWhisperConfig(boolean enabled, String model, String binaryPath) {
}
