package gomikrobot.config;

/**
 * LLM settings: model name, answer size, sampling temperature, the bound on tool-call rounds per message, and
 * how many LLM calls may run at once across all sessions.
 */
public record ModelConfig(String name, int maxTokens, double temperature, int maxToolIterations,
                          int maxConcurrentCalls) {
}
