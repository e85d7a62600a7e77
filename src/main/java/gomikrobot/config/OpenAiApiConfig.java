package gomikrobot.config;

/**
 * The inbound OpenAI-compatible API ({@code /v1/chat/completions}). {@code statelessHistory}: the request's own
 * earlier messages are the conversation, instead of the session the gateway keeps; {@code showToolProgress}: a
 * streamed answer shows a short line whenever the agent runs a tool.
 */
public record OpenAiApiConfig(boolean statelessHistory, boolean showToolProgress) {
    public static final OpenAiApiConfig DEFAULTS = new OpenAiApiConfig(false, false);
}
