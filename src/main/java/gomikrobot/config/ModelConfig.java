package gomikrobot.config;

import java.time.Duration;

/**
 * LLM settings: model name, answer size, sampling temperature, the bound on tool-call rounds per message, how
 * many LLM calls may run at once across all sessions, and how long a memory search waits for its query's
 * embedding before it answers from keywords alone.
 */
public record ModelConfig(String name, int maxTokens, double temperature, int maxToolIterations,
                          int maxConcurrentCalls, Duration embeddingTimeout) {
    public static final Duration DEFAULT_EMBEDDING_TIMEOUT = Duration.ofMillis(1500);

    /** With the default embedding timeout. */
    public ModelConfig(String name, int maxTokens, double temperature, int maxToolIterations, int maxConcurrentCalls) {
        this(name, maxTokens, temperature, maxToolIterations, maxConcurrentCalls, DEFAULT_EMBEDDING_TIMEOUT);
    }
}
